"""First-view transfer of the home page and an article with a large photo, on a phone and a desktop: `make bench`.

What a browser downloads to show the page: the HTML and the stylesheet (compressed, as served), the icon, and
each image it would fetch at once, picked from `<picture>`, `srcset` and `sizes` as a browser picks (WebP
supported; `loading="lazy"` images wait until scrolled to, so they are not in the first view). The budget, 150 KB
a page at 390 px with one large photo on the article, fails the run.
"""

import gzip
import io
import os
import random
import re
import secrets
import statistics
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = Path(tempfile.mkdtemp(prefix="emsou-transfer-"))
os.environ.update(
    DJANGO_SETTINGS_MODULE="emsou_site.settings",
    DEBUG="false",
    SECRET_KEY=secrets.token_urlsafe(50),
    DATABASE_URL=f"sqlite:///{WORK / 'bench.sqlite3'}",
    MEDIA_ROOT=str(WORK / "media"),
    ORIGINALS_ROOT=str(WORK / "originals"),
    SECURE_SSL_REDIRECT="false",
    ALLOWED_HOSTS="testserver",
    LOG_LEVEL="ERROR",
)

import logging  # noqa: E402

logging.disable(logging.WARNING)  # the baseline 404s would log a line each

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.staticfiles import finders  # noqa: E402
from django.core.files.base import ContentFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from PIL import Image, ImageDraw  # noqa: E402

BUDGET = 150 * 1024
ROOT_FONT_PX = 16  # the browser default, which `em` and `rem` in `sizes` and media queries refer to
SCREENS = {"phone 390 px": (390, 3), "desktop 1280 px": (1280, 1)}  # CSS width, device pixel ratio


def large_photo():
    """A 12-megapixel phone photo of about 3.5 MB, the same every run: shapes over a gradient, and texture at every
    scale (as photographs have), so that a resized copy keeps detail to compress, as a real photo's does."""
    width, height = 4032, 3024
    rng = random.Random(2026)  # noqa: S311 (a fixed picture, not a secret)
    scene = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    draw = ImageDraw.Draw(scene)
    for _ in range(80):
        x, y = rng.randrange(width), rng.randrange(height // 4, height)
        colour = tuple(rng.randrange(30, 230) for _ in range(3))
        draw.rectangle([x, y, x + rng.randrange(80, 1000), y + rng.randrange(80, 1000)], fill=colour)

    def texture():
        layer, size, weight = None, (63, 47), 0.5
        while size[0] <= width:
            noise = Image.frombytes("L", size, rng.randbytes(size[0] * size[1]))
            noise = noise.resize((width, height), Image.Resampling.BICUBIC)
            layer = noise if layer is None else Image.blend(layer, noise, weight)
            size, weight = (size[0] * 2, size[1] * 2), weight * 0.7
        return layer

    image = Image.blend(scene, Image.merge("RGB", [texture() for _ in range(3)]), 0.9)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92)
    return buffer.getvalue()


class Resources(HTMLParser):
    """The stylesheets, icons and images a page asks for, with the attributes a browser chooses by."""

    def __init__(self):
        super().__init__()
        self.styles, self.icons, self.images, self._sources = [], [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "stylesheet":
            self.styles.append(attrs["href"])
        elif tag == "link" and attrs.get("rel") == "icon":
            self.icons.append(attrs["href"])
        elif tag == "picture":
            self._sources = []
        elif tag == "source" and self._sources is not None:
            self._sources.append(attrs)
        elif tag == "img":
            self.images.append((self._sources or [], attrs))

    def handle_endtag(self, tag):
        if tag == "picture":
            self._sources = None


def length_px(text, viewport):
    text = text.strip()
    if match := re.fullmatch(r"calc\(100vw - ([\d.]+)r?em\)", text):
        return viewport - float(match.group(1)) * ROOT_FONT_PX
    number, unit = re.fullmatch(r"([\d.]+)(r?em|px|vw)", text).groups()
    return float(number) * {"rem": ROOT_FONT_PX, "em": ROOT_FONT_PX, "px": 1, "vw": viewport / 100}[unit]


def media_matches(query, viewport):
    """The media queries the templates use: (min-width: …) and (max-width: …), in em or px."""
    if not query:
        return True
    kind, size = re.fullmatch(r"\((min|max)-width: ([\d.]+r?em|[\d.]+px)\)", query.strip()).groups()
    limit = length_px(size, viewport)
    return viewport >= limit if kind == "min" else viewport <= limit


def slot_width(sizes, viewport):
    for entry in (sizes or "100vw").split(","):
        condition, length = re.fullmatch(r"(\([^)]*\))?\s*(.+)", entry.strip()).groups()
        if media_matches(condition, viewport):
            return length_px(length, viewport)
    return viewport


def chosen(sources, img, viewport, dpr):
    """The address a browser fetches for this image: the first source that applies, then the best candidate."""
    for attrs in [*sources, img]:
        supported = attrs.get("type") in (None, "image/webp", "image/jpeg")
        if attrs is img or (supported and media_matches(attrs.get("media"), viewport)):
            break
    if not attrs.get("srcset"):
        return img["src"]
    candidates = sorted((int(w[:-1]), url) for url, w in (c.split() for c in attrs["srcset"].split(", ")))
    needed = slot_width(attrs.get("sizes"), viewport) * dpr
    return next((url for width, url in candidates if width >= needed), candidates[-1][1])


def first_view(client, path, viewport, dpr):
    html = client.get(path).content
    page = Resources()
    page.feed(html.decode())
    parts = [("HTML (gzip)", len(gzip.compress(html, 9)))]
    for href in page.styles + page.icons:
        static_file = Path(finders.find(href.removeprefix(settings.STATIC_URL).removeprefix("/")))
        parts.append((f"{static_file.name} (gzip)", len(gzip.compress(static_file.read_bytes(), 9))))
    for sources, img in page.images:
        if img.get("loading") == "lazy":
            continue
        url = chosen(sources, img, viewport, dpr)
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        parts.append((url.rsplit("/", 1)[-1], len(b"".join(response.streaming_content))))
    return parts


def timed(client, path, rounds=20):
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        response = client.get(path)
        b"".join(response.streaming_content) if response.streaming else response.content
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main():
    settings.STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
    settings.STATIC_ROOT = WORK  # no collectstatic here: the stylesheet is measured from static/
    call_command("migrate", verbosity=0)
    call_command("load_content", verbosity=0)
    from news.models import Article

    article = Article.objects.published().first()
    original = large_photo()
    article.image.save("phone-photo.jpg", ContentFile(original, name="phone-photo.jpg"), save=False)
    article.image_alt = "A street of shops and houses"
    article.save()

    client = Client()
    failures = []
    baseline = timed(client, "/no-such-page/")
    page = client.get(article.get_absolute_url()).content.decode()
    image = re.search(r'src="(/images/[^"]+)"', page).group(1)
    made = timed(client, image, rounds=1)  # the first request makes every rendition from the original, once
    served = timed(client, image)
    print(
        f"making all renditions of the photo: {made / baseline:.0f}x the 404 page, once; serving a stored one: "
        f"{served / baseline:.1f}x the 404 page"
    )
    print(
        f"first-view transfer (budget {BUDGET // 1024} KB a page; the article has a {len(original) / 1e6:.1f} MB photo)"
    )
    for label, (viewport, dpr) in SCREENS.items():
        for name, path in [("home page", "/"), ("article", article.get_absolute_url())]:
            parts = first_view(client, path, viewport, dpr)
            total = sum(size for _, size in parts)
            detail = ", ".join(f"{part} {size / 1024:.1f} KB" for part, size in parts)
            print(f"  {name:<10} {label:<16} {total / 1024:6.1f} KB  ({detail})")
            if total > BUDGET:
                failures.append(f"{name} at {label}: {total / 1024:.1f} KB")
    if failures:
        print("\nOVER BUDGET:\n- " + "\n- ".join(failures))
        return 1
    print("transfer budget met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
