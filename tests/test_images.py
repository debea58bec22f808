"""Images done right: every bad file refused with its own message, clean renditions, and none outlives its content."""

import io
import random
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, IptcImagePlugin

from core.storage import private_storage
from core.storage import stored_files as core_stored_files
from news.models import Article
from units.models import Unit

from . import images
from .conftest import form_data, text_of
from .factories import ArticleFactory, TeamFactory, UnitFactory, days_ago
from .images import OFFICER, give_image
from .test_admin import NO_LINKS, unit_form

pytestmark = pytest.mark.django_db


def rendition_urls(html):
    """Every image address in a page: src, each srcset candidate, and nothing else."""
    urls = set(re.findall(r'\ssrc="([^"]+)"', html))
    for srcset in re.findall(r'\ssrcset="([^"]+)"', html):
        urls.update(candidate.split()[0] for candidate in srcset.split(", "))
    return urls


def page_image_urls(client, obj):
    return {url for url in rendition_urls(client.get(obj.get_absolute_url()).content.decode()) if "/images/" in url}


def opened(response):
    return Image.open(io.BytesIO(b"".join(response.streaming_content)))


def stored_files():
    return core_stored_files(private_storage(), "")


def article_with_image(data=None, **kwargs):
    return give_image(ArticleFactory(**kwargs), data or images.encoded(images.photo()))


# Refusals: each bad file gets its own message, and nothing is saved, neither record nor file.

REFUSED = [
    ("notes.jpg", b"These are my notes, not a picture.", "is not a picture this site can read"),
    ("photo.jpg", images.encoded(Image.new("RGB", (40, 30)), "BMP"), "is a picture in BMP format"),
    ("scan.png", images.encoded(Image.new("RGB", (40, 30)), "TIFF"), "is a picture in TIFF format"),
    ("icon.webp", images.encoded(Image.new("RGB", (32, 32)), "ICO"), "is a picture in ICO format"),
    ("still.gif", images.encoded(Image.new("RGB", (40, 30)), "GIF"), "is a picture in GIF format"),
    ("photo.jpg", images.png_bytes(), "is a PNG image, but its name says otherwise. Rename it to end in .png"),
    ("photo.exe", images.png_bytes(), "is a PNG image, but its name says otherwise"),
    ("photo.png", images.encoded(images.photo((40, 30))), "Rename it to end in .jpg or .jpeg"),
    ("logo.svg", images.SVG, "is a drawing or document format (such as SVG or PDF), which can carry scripts"),
    ("logo.png", images.SVG, "is a drawing or document format"),
    ("poster.jpg", b"%PDF-1.7\n1 0 obj << >> endobj", "is a drawing or document format"),
    ("moving.png", images.animated("PNG"), "is animated. Only still pictures can be used"),
    ("moving.webp", images.animated("WEBP"), "is animated"),
    ("half.jpg", images.truncated("JPEG"), "is damaged or incomplete"),
    ("half.png", images.truncated("PNG"), "is damaged or incomplete"),
    ("huge.png", images.bomb(), "a “decompression bomb”"),
]


@pytest.mark.parametrize(
    ("filename", "content", "message"), REFUSED, ids=[row[0] + ":" + row[2][:20] for row in REFUSED]
)
def test_each_bad_file_is_refused_with_its_own_message_and_nothing_is_saved(
    editor_client, settings, filename, content, message
):
    response = editor_client.post("/admin/units/unit/add/", unit_form(image=SimpleUploadedFile(filename, content)))
    assert response.status_code == 200
    assert message in text_of(response)
    assert not Unit.objects.exists()
    assert not stored_files()
    assert not any(settings.MEDIA_ROOT.rglob("*.*"))


@pytest.mark.parametrize(
    ("limit", "value", "message"),
    [
        ("MAX_IMAGE_BYTES", 100, "the largest allowed is 100"),
        ("MAX_IMAGE_PIXELS", 1000, "200 × 200 pixels, which is too many"),
    ],
)
def test_too_big_an_image_is_refused(editor_client, monkeypatch, limit, value, message):
    monkeypatch.setattr(f"core.images.{limit}", value)
    data = unit_form(image=SimpleUploadedFile("team.png", images.png_bytes((200, 200))), image_alt="Team")
    response = editor_client.post("/admin/units/unit/add/", data)
    assert response.status_code == 200
    assert message in text_of(response)
    assert not Unit.objects.exists() and not stored_files()


def test_the_image_field_tells_editors_the_limits_before_they_upload(editor_client):
    text = text_of(editor_client.get("/admin/news/article/add/"))
    assert "A still JPEG, PNG or WebP picture of at most 5.0 MB and 40 megapixels" in text
    assert "the whole form can send at most 8.0 MB" in text


def test_image_without_description_is_refused_unless_decorative(editor_client, client):
    data = unit_form(image=SimpleUploadedFile("team.png", images.png_bytes()), image_alt="")
    response = editor_client.post("/admin/units/unit/add/", data)
    assert "Describe the image for people who cannot see it, or mark it as decorative." in text_of(response)

    data = unit_form(image=SimpleUploadedFile("team.png", images.png_bytes()), image_alt="", image_decorative="on")
    assert editor_client.post("/admin/units/unit/add/", data).status_code == 302
    html = client.get("/units/test-unit/").content.decode()
    assert re.search(r'<img src="/images/[^"]+" srcset="[^"]+" sizes="[^"]+" width="40" height="30" alt=""', html)


def test_a_good_upload_is_shown_with_its_description_caption_and_credit(editor_client, client):
    upload = SimpleUploadedFile("Team photo.JPEG", images.encoded(images.photo()), content_type="image/jpeg")
    data = unit_form(
        image=upload, image_alt="Officers at work", image_caption="The team in 2024.", image_credit="Midshire Police"
    )
    assert editor_client.post("/admin/units/unit/add/", data).status_code == 302
    unit = Unit.objects.get(slug="test-unit")
    assert (unit.image_width, unit.image_height) == (1600, 1000)
    response = client.get("/units/test-unit/")
    html = response.content.decode()
    assert 'width="1200" height="750" alt="Officers at work" decoding="async">' in html
    assert "The team in 2024. Image: Midshire Police" in text_of(response)
    assert "<figcaption>" in html
    # The lead image is the page's main content: loaded at once, not lazily.
    assert 'loading="lazy"' not in html


# The renditions: sized for the layout, upright, sRGB, and carrying nothing but pixels.


def test_a_phone_photo_of_several_megabytes_reaches_phones_at_800px_at_most(editor_client, client):
    grain = Image.frombytes("RGB", (1500, 1000), random.Random(7).randbytes(1500 * 1000 * 3))
    original = images.encoded(grain, "PNG")
    assert 3_000_000 < len(original) < 5 * 1024 * 1024  # over the size Django keeps in memory: a temporary file
    upload = SimpleUploadedFile("IMG_2041.png", original, content_type="image/png")
    assert editor_client.post("/admin/units/unit/add/", unit_form(image=upload, image_alt="Grain")).status_code == 302
    html = client.get("/units/test-unit/").content.decode()
    phone = re.search(r'<source type="image/webp" media="\(max-width: 47.99em\)" srcset="([^"]+)"', html).group(1)
    largest = phone.split(", ")[-1].split()[0]
    assert largest.endswith("/800w.webp")
    assert opened(client.get(largest)).size == (800, 533)


def test_renditions_are_offered_at_the_layouts_widths_and_phones_get_at_most_800px(client):
    article = article_with_image()
    html = client.get(article.get_absolute_url()).content.decode()
    picture = re.search(r"<picture>.*?</picture>", html, re.S).group()
    phone, wide = re.findall(r'<source type="image/webp"([^>]*)>', picture)
    assert 'media="(max-width: 47.99em)"' in phone and 'sizes="calc(100vw - 2rem)"' in phone
    assert re.findall(r"(\d+)w\.webp (\d+)w", phone) == [("400", "400"), ("800", "800")]
    assert re.findall(r"(\d+)w\.webp (\d+)w", wide) == [("400", "400"), ("800", "800"), ("1200", "1200")]
    assert 'sizes="(min-width: 50em) 46rem, (min-width: 48em) calc(100vw - 4rem), calc(100vw - 2rem)"' in wide
    img = re.search(r"<img [^>]+>", picture).group()
    assert re.search(r'src="/images/[^"]+/800w\.jpg"', img)
    assert re.findall(r"(\d+)w\.jpg (\d+)w", img) == [("400", "400"), ("800", "800"), ("1200", "1200")]
    for url in rendition_urls(picture):
        response = client.get(url)
        assert response.status_code == 200, url
        width = int(re.search(r"/(\d+)w\.", url).group(1))
        assert opened(response).size == (width, round(width * 1000 / 1600))
        assert response["Content-Type"] == ("image/webp" if url.endswith(".webp") else "image/jpeg")


def test_a_small_image_is_never_enlarged(client):
    article = article_with_image(images.encoded(images.photo((500, 250))))
    html = client.get(article.get_absolute_url()).content.decode()
    assert re.findall(r"(\d+)w\.webp \d+w", html) == ["400", "500"]
    assert '<source type="image/webp" media=' not in html  # nothing over 800 px, so phones need no list of their own
    assert 'width="500" height="250"' in html
    assert client.get(html.split('src="')[1].split('"')[0].replace("500w.jpg", "800w.jpg")).status_code == 404


def test_no_rendition_keeps_exif_gps_xmp_iptc_or_the_officers_name(client):
    article = article_with_image(images.gps_jpeg())
    original = Image.open(private_storage().open(article.image.name))
    assert original.getexif()[0x013B] == OFFICER and original.getexif().get_ifd(0x8825)  # the private copy is as sent
    assert IptcImagePlugin.getiptcinfo(original)[(2, 80)] == OFFICER.encode()

    urls = page_image_urls(client, article)
    assert len(urls) == 6
    from core.templatetags.images import share_image_url

    urls.add(share_image_url({}, article))
    for url in urls:
        data = b"".join(client.get(url).streaming_content)
        rendition = Image.open(io.BytesIO(data))
        assert not rendition.getexif(), url
        assert not rendition.getexif().get_ifd(0x8825), url
        assert not {"exif", "xmp", "photoshop", "icc_profile", "comment"} & set(rendition.info), (url, rendition.info)
        assert OFFICER.encode() not in data and b"GPS" not in data and b"Exif" not in data, url


def test_renditions_stand_the_right_way_up(client):
    article = article_with_image(images.turned_jpeg())
    assert (article.image_width, article.image_height) == (400, 600)  # as seen, not as stored
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'width="400" height="600"' in html
    url = next(url for url in rendition_urls(html) if url.endswith("400w.webp"))
    rendition = opened(client.get(url)).convert("RGB")
    assert rendition.size == (400, 600)
    red, blue = rendition.getpixel((200, 100)), rendition.getpixel((200, 500))
    assert red[0] > 200 and red[2] < 60, red  # the left of the stored picture is the top of the photo
    assert blue[2] > 200 and blue[0] < 60, blue


def test_colour_profiles_are_converted_to_srgb(client):
    article = article_with_image(images.tagged_red_jpeg())
    url = next(url for url in page_image_urls(client, article) if url.endswith(".jpg"))
    rendition = opened(client.get(url))
    assert "icc_profile" not in rendition.info
    red, green, blue = rendition.getpixel((250, 150))
    assert green > 200 and red < 60 and blue < 60  # red in the swapped profile is green in sRGB


def test_transparency_is_kept_in_webp_and_becomes_white_in_the_jpeg_fallback(client):
    logo = Image.new("RGBA", (500, 300), (0, 0, 0, 0))
    logo.paste((11, 31, 58, 255), (100, 100, 400, 200))
    article = article_with_image(images.encoded(logo, "PNG"))
    urls = page_image_urls(client, article)
    webp = opened(client.get(next(url for url in urls if url.endswith("500w.webp"))))
    jpeg = opened(client.get(next(url for url in urls if url.endswith("500w.jpg"))))
    assert webp.mode == "RGBA" and webp.getpixel((10, 10))[3] == 0
    assert jpeg.getpixel((10, 10)) == (255, 255, 255)
    assert jpeg.getpixel((250, 150))[2] > 40  # the navy box itself


def test_public_addresses_never_carry_the_original_file_name(editor_client, client):
    upload = SimpleUploadedFile("gps-location-of-pc-smith.jpg", images.gps_jpeg(), content_type="image/jpeg")
    editor_client.post("/admin/units/unit/add/", unit_form(image=upload, image_alt="Team"))
    unit = Unit.objects.get()
    assert "gps" not in unit.image.name and "smith" not in unit.image.name
    response = client.get(unit.get_absolute_url())
    assert "gps-location" not in response.content.decode() and "smith" not in response.content.decode().lower()
    for url in page_image_urls(client, unit):
        assert re.fullmatch(r"/images/units\.unit/\d+/[0-9a-f]{32}/\d+w\.(webp|jpg)", url), url
        assert "gps" not in client.get(url)["Content-Disposition"]
    assert not any("gps" in name for name in stored_files())


# Who may see an image: asked at request time, through published().


def test_a_drafts_image_is_hidden_from_visitors_and_shown_to_staff(client, editor_client):
    draft = article_with_image(draft=True)
    urls = page_image_urls(editor_client, draft)
    assert urls
    for url in urls:
        assert client.get(url).status_code == 404
        response = editor_client.get(url)
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize(
    "hidden",
    [
        lambda: article_with_image(published_at=timezone.now() + timezone.timedelta(days=1)),  # scheduled
        lambda: give_image(UnitFactory(is_published=False), images.png_bytes()),
        lambda: give_image(TeamFactory(main_unit=UnitFactory(is_published=False)), images.png_bytes()),
    ],
    ids=["scheduled article", "unpublished unit", "team of an unpublished unit"],
)
def test_images_of_records_off_the_site_are_for_staff_only(client, editor_client, hidden):
    obj = hidden()
    for url in page_image_urls(editor_client, obj):
        assert client.get(url).status_code == 404
        assert editor_client.get(url).status_code == 200


def test_a_scheduled_articles_image_goes_public_the_moment_it_goes_live_with_nothing_run(client, editor_client):
    article = article_with_image(published_at=timezone.now() + timezone.timedelta(hours=1))
    urls = page_image_urls(editor_client, article)
    assert {client.get(url).status_code for url in urls} == {404}
    Article.objects.filter(pk=article.pk).update(published_at=days_ago(0))  # the hour passes; no save, no hook
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200
        assert response["Cache-Control"] == "public, max-age=600"
        assert "Cookie" not in response.get("Vary", "")


def test_a_live_images_answer_can_be_revalidated(client):
    article = article_with_image()
    url = next(iter(page_image_urls(client, article)))
    etag = client.get(url)["ETag"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304


def test_withdrawing_an_article_takes_its_images_off_and_publishing_brings_them_back(publisher_client, client):
    article = article_with_image()
    urls = page_image_urls(client, article)
    url = f"/admin/news/article/{article.pk}/change/"
    withdrawn = form_data(publisher_client.get(url), status="withdrawn", withdrawn_reason="The appeal has ended.")
    assert publisher_client.post(url, withdrawn).status_code == 302
    assert {client.get(url).status_code for url in urls} == {404}
    bulk = {"_selected_action": [article.pk]}
    publisher_client.post("/admin/news/article/", {"action": "return_to_draft", **bulk})
    publisher_client.post("/admin/news/article/", {"action": "publish", **bulk})
    assert {client.get(url).status_code for url in urls} == {200}


def test_unpublishing_a_unit_takes_its_images_and_its_teams_images_off(editor_client, client):
    unit = give_image(UnitFactory(), images.png_bytes())
    team = give_image(TeamFactory(main_unit=unit), images.png_bytes())
    urls = page_image_urls(client, unit) | page_image_urls(client, team)
    change = editor_client.get(f"/admin/units/unit/{unit.pk}/change/")
    data = form_data(change, is_published="")
    data.pop("is_published")
    assert editor_client.post(f"/admin/units/unit/{unit.pk}/change/", data).status_code == 302
    assert {client.get(url).status_code for url in urls} == {404}


def test_deleting_takes_the_images_off_and_recovery_from_history_brings_them_back(publisher_client, client):
    from reversion.models import Version

    article = article_with_image()
    urls = page_image_urls(client, article)
    assert publisher_client.post(f"/admin/news/article/{article.pk}/delete/", {"post": "yes"}).status_code == 302
    assert {client.get(url).status_code for url in urls} == {404}

    version = Version.objects.get_deleted(Article).get(object_id=str(article.pk))
    form = publisher_client.get(f"/admin/news/article/recover/{version.pk}/")
    assert publisher_client.post(f"/admin/news/article/recover/{version.pk}/", form_data(form)).status_code == 302
    assert {client.get(url).status_code for url in urls} == {200}


def test_replacing_or_clearing_an_image_retires_its_addresses_and_reverting_restores_them(editor_client, client):
    from reversion.models import Version

    unit = UnitFactory(name="Test Unit", slug="test-unit")
    upload = SimpleUploadedFile("first.png", images.png_bytes())
    data = unit_form(image=upload, image_alt="Team")
    assert editor_client.post(f"/admin/units/unit/{unit.pk}/change/", data).status_code == 302
    first = page_image_urls(client, unit)

    upload = SimpleUploadedFile("second.png", images.png_bytes((60, 40)))
    data = unit_form(image=upload, image_alt="Team")
    assert editor_client.post(f"/admin/units/unit/{unit.pk}/change/", data).status_code == 302
    second = page_image_urls(client, unit)
    assert second and not second & first
    assert {client.get(url).status_code for url in first} == {404}
    assert {client.get(url).status_code for url in second} == {200}

    clear = unit_form(image_alt="Team", **{"image-clear": "on"})
    assert editor_client.post(f"/admin/units/unit/{unit.pk}/change/", clear).status_code == 302
    assert not page_image_urls(client, unit)
    assert {client.get(url).status_code for url in second} == {404}

    # History: back to the first image, and its old addresses answer again.
    version = Version.objects.get_for_object(unit).last()
    form = editor_client.get(f"/admin/units/unit/{unit.pk}/history/{version.pk}/")
    assert editor_client.post(f"/admin/units/unit/{unit.pk}/history/{version.pk}/", form_data(form)).status_code == 302
    assert page_image_urls(client, unit) == first
    assert {client.get(url).status_code for url in first} == {200}


@pytest.mark.parametrize(
    "path",
    [
        "/images/units.force/1/{token}/400w.webp",  # not a kind of record with images
        "/images/nosuch.model/1/{token}/400w.webp",
        "/images/units.unit/999/{token}/400w.webp",
        "/images/units.unit/{pk}/{other}/400w.webp",
        "/images/units.unit/{pk}/{token}/1200w.webp",  # a width this image does not have
        "/images/units.unit/{pk}/{token}/400w.gif",
        "/images/preview/forged/",
    ],
)
def test_odd_image_addresses_get_a_404(client, path):
    from core.renditions import token

    unit = give_image(UnitFactory(), images.png_bytes((500, 300)))
    url = path.format(pk=unit.pk, token=token(unit.image.name), other="0" * 32)
    assert client.get(url).status_code == 404
    assert client.post(page_image_urls(client, unit).pop()).status_code == 405


def test_a_missing_original_is_a_404_and_a_log_line_not_a_500(client, caplog):
    article = article_with_image()
    private_storage().delete(article.image.name)
    url = next(iter(page_image_urls(client, article)))
    assert client.get(url).status_code == 404
    assert "Could not serve" in caplog.text


# The social-media image.


def test_each_article_and_unit_supplies_a_1200_by_630_share_image_or_the_default(client, rf):
    from django.template import Context, Template

    article = article_with_image(images.encoded(images.photo((800, 1200))))
    template = Template("{% load images %}{% share_image_url obj %}")
    url = template.render(Context({"obj": article, "request": rf.get("/")}))
    assert re.fullmatch(r"http://testserver/images/news\.article/\d+/[0-9a-f]{32}/share\.jpg", url)
    share = opened(client.get(url.removeprefix("http://testserver")))
    assert (share.format, share.size) == ("JPEG", (1200, 630))

    plain = UnitFactory()
    assert template.render(Context({"obj": plain, "request": rf.get("/")})) == (
        "http://testserver/static/img/share-default.png"
    )
    from django.contrib.staticfiles import finders

    with Image.open(finders.find("img/share-default.png")) as default:
        assert default.size == (1200, 630)


def test_the_figure_tag_loads_lazily_when_asked(client):
    from django.template import Context, Template

    article = article_with_image()
    html = Template("{% load images %}{% figure obj lazy=True %}").render(Context({"obj": article}))
    assert 'loading="lazy"' in html
    assert not Template("{% load images %}{% figure obj %}").render(Context({"obj": UnitFactory()})).strip()


# The chosen file survives a validation error elsewhere in the form.


def test_a_chosen_image_is_kept_when_the_form_has_another_error(editor_client, client):
    upload = SimpleUploadedFile("Team photo.png", images.png_bytes((80, 60)))
    response = editor_client.post("/admin/units/unit/add/", unit_form(image=upload, image_alt="Team", summary=""))
    text = text_of(response)
    assert "This field is required." in text
    assert "“Team photo.png” is kept: you do not need to choose it again." in text
    preview = re.search(r'<img src="(/images/preview/[^"]+)" alt="The image you chose"', response.content.decode())
    assert opened(editor_client.get(preview.group(1))).size == (80, 60)
    assert client.get(preview.group(1)).status_code == 404  # editors only

    data = form_data(response, summary="Now with a summary.")
    assert "image-kept" in data
    assert editor_client.post("/admin/units/unit/add/", {**data, **NO_LINKS}).status_code == 302
    unit = Unit.objects.get(slug="test-unit")
    assert (unit.image_width, unit.image_height) == (80, 60)
    assert [name for name in stored_files() if name.startswith("images/")] == [unit.image.name]  # kept, not copied


def test_a_chosen_image_is_kept_when_an_inline_has_an_error(editor_client):
    links = {
        **NO_LINKS,
        "links-TOTAL_FORMS": "1",
        "links-0-title": "Partner",
        "links-0-url": "not a web address",
        "links-0-order": "1",
    }
    upload = SimpleUploadedFile("Team photo.png", images.png_bytes((80, 60)))
    response = editor_client.post("/admin/units/unit/add/", {**unit_form(image=upload, image_alt="Team"), **links})
    assert "Enter a valid URL." in text_of(response)
    assert "“Team photo.png” is kept: you do not need to choose it again." in text_of(response)
    data = {**form_data(response), **links, "links-0-url": "partner.example"}
    assert editor_client.post("/admin/units/unit/add/", data).status_code == 302
    assert Unit.objects.get(slug="test-unit").image_width == 80


def test_a_forged_or_expired_kept_image_asks_for_the_file_again(editor_client):
    response = editor_client.post("/admin/units/unit/add/", unit_form(**{"image-kept": "forged:token"}))
    assert "The image you chose earlier is no longer kept" in text_of(response)
    assert not Unit.objects.exists()


def test_the_change_form_previews_the_current_image_for_editors(editor_client, client):
    unit = give_image(UnitFactory(), images.png_bytes((80, 60)))
    html = editor_client.get(f"/admin/units/unit/{unit.pk}/change/").content.decode()
    preview = re.search(r'<img src="(/images/preview/[^"]+)" alt="The current image"', html).group(1)
    assert editor_client.get(preview).status_code == 200
    assert client.get(preview).status_code == 404


# cleanup_media: removes what nothing can use, and never what a revision could restore.


def test_cleanup_media_lists_removes_only_what_nothing_can_use_and_never_what_history_could_restore(
    client, publisher_client
):
    import reversion
    from django.core.files.base import ContentFile
    from django.core.management import call_command
    from reversion.models import Version

    from core.history import save_final_version

    storage = private_storage()
    with reversion.create_revision():
        unit = give_image(UnitFactory(), images.png_bytes((500, 300)))
    replaced, replaced_urls = unit.image.name, page_image_urls(client, unit)
    for url in replaced_urls:
        client.get(url)  # its renditions are made
    with reversion.create_revision():
        give_image(unit, images.png_bytes((60, 40)))
    current_renditions = [client.get(url) for url in page_image_urls(client, unit)]
    with reversion.create_revision():
        gone = article_with_image()
    gone_urls, gone_pk = page_image_urls(client, gone), gone.pk
    save_final_version(gone)
    gone.delete()
    orphan = storage.save("images/2020/01/orphan.png", ContentFile(images.png_bytes()))
    stale = storage.save("renditions/v0/0123/800w.webp", ContentFile(b"old recipe"))
    before = set(stored_files())

    out = io.StringIO()
    call_command("cleanup_media", "--dry-run", stdout=out)
    assert "Nothing to remove." in out.getvalue()  # everything is younger than a day: left alone

    out = io.StringIO()
    call_command("cleanup_media", "--dry-run", "--keep-recent", "0", stdout=out)
    listed = set(re.findall(r"^  (\S+): ", out.getvalue(), re.M))
    replaced_token = next(iter(replaced_urls)).split("/")[4]
    old_renditions = {name for name in before if name.startswith(f"renditions/v1/{replaced_token}/")}
    assert old_renditions and listed == {orphan, stale, *old_renditions}
    assert f"  {orphan}: an original no record or History version names" in out.getvalue()
    assert f"Would remove {len(listed)} file(s) (dry run: nothing was removed)." in out.getvalue()
    assert set(stored_files()) == before

    out = io.StringIO()
    call_command("cleanup_media", "--keep-recent", "0", stdout=out)
    assert f"Removed {len(listed)} file(s)." in out.getvalue()
    assert "Kept 3 original(s) that records or History versions name." in out.getvalue()
    assert set(stored_files()) == before - listed
    assert storage.exists(replaced) and all(response.status_code == 200 for response in current_renditions)

    # What History keeps still comes back: the deleted article, with its images.
    version = Version.objects.get_deleted(Article).get(object_id=str(gone_pk))
    form = publisher_client.get(f"/admin/news/article/recover/{version.pk}/")
    assert publisher_client.post(f"/admin/news/article/recover/{version.pk}/", form_data(form)).status_code == 302
    assert {client.get(url).status_code for url in gone_urls} == {200}


# Sites that stored originals publicly before: the migration moves them; the checks catch a public folder.


def test_images_uploaded_when_originals_were_public_move_to_private_storage_with_their_history(client):
    import reversion
    from django.apps import apps
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage
    from reversion.models import Version

    from core.images import move_public_originals

    public = default_storage.save("images/2026/11/gps.jpg", ContentFile(images.turned_jpeg()))
    unit = UnitFactory()
    unit.image, unit.image_alt = public, "The team"
    with reversion.create_revision():
        unit.save()

    moved = move_public_originals(apps, "units.Unit")
    new = moved[public]
    assert not default_storage.exists(public) and private_storage().exists(new)
    assert "gps" not in new
    unit.refresh_from_db()
    assert unit.image.name == new and (unit.image_width, unit.image_height) == (400, 600)
    data = Version.objects.get_for_object(unit).get().serialized_data
    assert new in data and public not in data
    assert {client.get(url).status_code for url in page_image_urls(client, unit)} == {200}


def test_originals_inside_a_published_folder_fail_the_system_checks(settings):
    from core.checks import originals_are_private

    settings.STORAGES = {**settings.STORAGES, "originals": {"BACKEND": "core.storage.PrivateFileSystemStorage"}}
    settings.ORIGINALS_ROOT = settings.MEDIA_ROOT / "originals"
    assert [error.id for error in originals_are_private(None)] == ["core.E001"]
    settings.ORIGINALS_ROOT = settings.MEDIA_ROOT.parent / "elsewhere"
    assert originals_are_private(None) == []


# Images in the editorial tools: read-only views, previews of unsaved forms, preview links.


def test_an_editor_views_a_live_article_with_an_image_read_only(editor_client):
    article = article_with_image()
    response = editor_client.get(f"/admin/news/article/{article.pk}/change/")
    assert response.status_code == 200
    assert "/images/preview/" in response.content.decode()  # the original's only address is the staff preview


def test_a_preview_of_an_unsaved_form_shows_a_new_upload_to_staff_only(editor_client, client):
    article = ArticleFactory(draft=True)
    url = f"/admin/news/article/{article.pk}/change/"
    upload = SimpleUploadedFile("new.png", images.png_bytes((300, 200)), content_type="image/png")
    data = form_data(editor_client.get(url), image=upload, image_alt="A new photo")
    response = editor_client.post(url.replace("/change/", "/preview/"), data)
    image = re.search(r'<img src="([^"]+)"[^>]*alt="A new photo"', response.content.decode()).group(1)
    assert editor_client.get(image).status_code == 200
    assert client.get(image).status_code == 404
    assert not Article.objects.get(pk=article.pk).image


def test_the_holder_of_a_preview_link_sees_the_drafts_images(publisher, client):
    from core.preview import make_preview_link

    article = article_with_image(status=Article.Status.DRAFT)
    link = make_preview_link(article, publisher)
    assert client.get(article.get_absolute_url()).status_code == 404
    page = client.get(link.get_absolute_url())
    urls = set(re.findall(r'(?:src|srcset)="(/images/[^" ]+)', page.content.decode()))
    assert urls and {client.get(url).status_code for url in urls} == {200}
    link.delete()
    assert {client.get(url).status_code for url in urls} == {404}
