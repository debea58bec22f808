"""Import articles written like seed 000: a fenced YAML header (title, url, publish date, area, og), then Markdown."""

import datetime
import re
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from core.history import revision
from news.models import Article
from units.models import Force

FRONT_MATTER = re.compile(r"\A\s*```ya?ml\s*\n(?P<header>.*?)\n```\s*\n(?P<body>.*)\Z", re.S)
DATE_FORMATS = ["%H:%M %d/%m/%Y", "%d/%m/%Y %H:%M", "%d/%m/%Y", "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%d %H:%M", "%Y-%m-%d"]


class Refused(Exception):
    """A file that cannot be imported, with the reason in words."""


class Command(BaseCommand):
    help = (
        "Import articles from files with a fenced ```yaml header (title, url, publish: date, area, og: title and "
        "description) followed by the Markdown text. Each arrives as a draft; a file with a problem is refused "
        "whole, with the reason, and the others still import."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")

    def handle(self, *args, files, **options):
        imported, refused = [], []
        for number, name in enumerate(files, start=1):
            prefix = f"[{number}/{len(files)}] {name}:"
            try:
                with transaction.atomic():
                    article, notes = import_file(Path(name))
            except Refused as problem:
                refused.append(name)
                self.stderr.write(f"{prefix} refused: {problem}")
                continue
            imported.append(article)
            self.stdout.write(
                f"{prefix} imported as a draft: “{article.title}” (/admin/news/article/{article.pk}/change/)"
            )
            for note in notes:
                self.stdout.write(f"    note: {note}")
        self.stdout.write(f"Imported {len(imported)} of {len(files)} file(s) as drafts; refused {len(refused)}.")
        if refused:
            raise CommandError(f"Refused: {', '.join(refused)}. Nothing was imported from those files.")


def import_file(path):
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise Refused("there is no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise Refused(f"the file cannot be read as UTF-8 text ({error.__class__.__name__})") from None
    match = FRONT_MATTER.match(text)
    if not match:
        raise Refused("it does not start with a ```yaml header block closed by ```")
    try:
        header = yaml.safe_load(match["header"])
    except yaml.YAMLError as error:
        where = getattr(error, "problem_mark", None)
        line = f" on line {where.line + 2}" if where else ""
        raise Refused(f"the YAML header is not valid{line}: {getattr(error, 'problem', None) or error}") from None
    if not isinstance(header, dict):
        raise Refused("the YAML header is not a list of fields (title: …, url: …)")
    og = header.get("og") if isinstance(header.get("og"), dict) else {}
    page_title = str(header.get("title") or "").strip()
    title = str(og.get("title") or page_title).strip()
    if not title:
        raise Refused("it has no title")
    body = match["body"].strip()
    if not body:
        raise Refused("it has no text after the header")
    url = str(header.get("url") or og.get("url") or "").strip()
    if url and urlsplit(url).scheme not in ("http", "https"):
        raise Refused(f"the url “{url}” is not a web address")
    if url and Article.objects.filter(source_url=url).exists():
        raise Refused(f"an article from {url} is already on the site")
    slug = slugify(urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1] if url else title)[:250] or slugify(title)[:250]
    if Article.objects.filter(slug=slug).exists():
        raise Refused(f"the web address /news/{slug}/ is already taken")
    notes = []
    if og.get("image"):
        notes.append("its share image is on another website and was not fetched: add an image in the admin if needed")
    summary = str(og.get("description") or header.get("description") or "").strip()
    if summary and summary[-1] not in ".!?":
        summary += "."
    article = Article(
        title=title[:250],
        slug=slug,
        summary=summary[:400] or _first_sentence(body),
        body=body,
        status=Article.Status.DRAFT,
        published_at=_publish_date(header),
        area=_area(header.get("area")),
        source_name=page_title.rsplit(" | ", 1)[1].strip() if " | " in page_title else "",
        source_url=url,
    )
    article.full_clean()
    with revision(f"Imported from {path.name} (manage.py import_article)."):
        article.save()
    return article, notes


def _publish_date(header):
    publish = header.get("publish")
    value = publish.get("date") if isinstance(publish, dict) else publish
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        moment = value
    elif isinstance(value, datetime.date):
        moment = datetime.datetime.combine(value, datetime.time())
    else:
        for pattern in DATE_FORMATS:
            try:
                moment = datetime.datetime.strptime(str(value).strip(), pattern)
                break
            except ValueError:
                continue
        else:
            raise Refused(f"the publish date “{value}” is not a date (write it like 16:25 07/05/2020)")
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def _area(name):
    if name in (None, ""):
        return None
    force = Force.objects.filter(short_name__iexact=str(name).strip()).first()
    force = force or Force.objects.filter(name__iexact=str(name).strip()).first()
    if force is None:
        known = ", ".join(Force.objects.values_list("short_name", flat=True))
        raise Refused(f"the area “{name}” is not one of the forces ({known}), or leave it out for region-wide")
    return force


def _first_sentence(body):
    return re.split(r"(?<=[.!?])\s", re.sub(r"\s+", " ", body), maxsplit=1)[0][:400]
