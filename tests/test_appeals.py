"""Appeals: how to respond, on the page, in the feeds and in what people share; closing them, and for a wanted or
missing person removing their details from every public surface while staff history keeps them."""

import json
import re
from urllib.parse import unquote

import pytest
from django.contrib.admin.models import LogEntry
from reversion.models import Version

from news.models import Article, ChangeNote

from .conftest import form_data, text_of
from .factories import AppealFactory, ArticleFactory, ForceFactory, UnitFactory, days_ago
from .images import give_image, png_bytes
from .test_admin import article_form
from .test_metadata import meta, structured

pytestmark = pytest.mark.django_db
Kind = Article.Kind


def test_an_appeal_needs_its_reference_and_nothing_is_saved_without_it(publisher_client):
    for kind in (Kind.APPEAL, Kind.WANTED, Kind.MISSING):
        response = publisher_client.post(
            "/admin/news/article/add/", article_form(kind=kind, reference="  ", publish_reason="Urgent.")
        )
        assert "An appeal needs its reference number" in text_of(response)
    assert not Article.objects.exists()


@pytest.fixture
def wanted():
    return AppealFactory(
        kind=Kind.WANTED,
        title="Wanted: have you seen this man?",
        reference="incident 512 of 4 May 2026",
        summary="Police want to trace a man.",
        body="The man is wanted in connection with a robbery.",
    )


def test_the_response_panel_leads_the_page(client, wanted):
    page = client.get(wanted.get_absolute_url()).content.decode()
    text = text_of(client.get(wanted.get_absolute_url()))
    panel = text.split("Have you seen this person?")[1]
    assert panel.index("Call 101, quoting reference incident 512 of 4 May 2026") < panel.index("wanted in connection")
    assert "Or tell Crimestoppers, anonymously 0800 555 111" in panel
    assert "If you see this person, do not approach them: call 999" in panel
    for number in ("tel:101", "tel:0800555111", "tel:999"):
        assert f'href="{number}"' in page


@pytest.mark.parametrize(
    ("kind", "heading", "emergency"),
    [
        (Kind.APPEAL, "Can you help?", "In an emergency, call 999"),
        (Kind.MISSING, "Have you seen this person, or do you know where they are?", "If you see this person now"),
    ],
)
def test_each_kind_of_appeal_says_how_to_respond(client, kind, heading, emergency):
    text = text_of(client.get(AppealFactory(kind=kind).get_absolute_url()))
    assert heading in text and emergency in text and "quoting reference" in text


def test_news_and_results_ask_nothing_of_the_reader(client):
    for kind in (Kind.NEWS, Kind.RESULT):
        assert "quoting reference" not in text_of(client.get(ArticleFactory(kind=kind).get_absolute_url()))


def test_the_feeds_carry_the_response(client, wanted):
    for url in ("/news/feed/", "/news/feed/atom/"):
        feed = client.get(url).content.decode()
        assert (
            "Call 101 quoting reference incident 512 of 4 May 2026, or Crimestoppers anonymously on 0800 555 111"
            in (feed)
        )


def test_the_share_text_and_previews_carry_the_response(client, wanted):
    page = client.get(wanted.get_absolute_url()).content.decode()
    shares = [unquote(href).replace("+", " ") for href in re.findall(r'<a href="((?:mailto|https)[^"]+)">', page)]
    x = next(link for link in shares if link.startswith("https://x.com/"))
    whatsapp = next(link for link in shares if link.startswith("https://wa.me/"))
    email = next(link for link in shares if link.startswith("mailto:"))
    for link in (x, whatsapp, email):
        assert "Call 101 quoting reference incident 512 of 4 May 2026" in link
    assert "Call 101 quoting reference" in meta(page, "og:description")
    assert "Call 101 quoting reference" in meta(page, "description")
    article = next(data for data in structured(page) if data["@type"] == "NewsArticle")
    assert "Call 101 quoting reference" in article["description"]


# Closing


def close(client, article, **changes):
    page = client.get(f"/admin/news/article/{article.pk}/close/")
    assert page.status_code == 200
    return client.post(f"/admin/news/article/{article.pk}/close/", form_data(page, **changes))


def test_closing_a_witness_appeal_thanks_readers_and_keeps_its_text(publisher_client, client):
    appeal = AppealFactory(title="Witnesses sought after a burglary", body="Did you see anything unusual?")
    assert close(publisher_client, appeal).status_code == 302
    response = client.get(appeal.get_absolute_url())
    text = text_of(response)
    assert "Update: this appeal is closed. Thank you for sharing it." in text
    assert "Did you see anything unusual?" in text and "quoting reference" not in text
    assert 'name="robots"' not in response.content.decode()
    assert "Update: this appeal is closed." in client.get("/news/feed/").content.decode()
    assert appeal.get_absolute_url() in client.get("/sitemap.xml").content.decode()


NAME = "Dorothea Quibble"


@pytest.fixture
def missing():
    force, unit = ForceFactory(), UnitFactory()
    article = AppealFactory(
        kind=Kind.MISSING,
        slug="missing-dorothea-quibble",
        title=f"Missing: have you seen {NAME}, 34?",
        summary=f"Police are concerned for {NAME}.",
        body=f"{NAME} was last seen on Monday wearing a red coat.",
        source_name="Testshire Police",
        source_url="https://testshire.police.example/news/missing-dorothea-quibble/",
        area=force,
        units=[unit],
        published_at=days_ago(3),
    )
    give_image(article, png_bytes(), image_alt=f"{NAME}, smiling", image_caption=f"{NAME} in 2025")
    ChangeNote.objects.create(article=article, text=f"{NAME} was seen in Lincoln on Tuesday.")
    return article


def public_surfaces(client, article, force, unit):
    """Every address where the public can read an article's name, image or description."""
    year = article.published_at
    return [
        article.get_absolute_url(),
        "/news/",
        f"/news/?area={force.slug}",
        f"/news/{year:%Y}/",
        f"/news/{year:%Y/%m}/",
        "/news/feed/",
        "/news/feed/atom/",
        f"/news/feed/area/{force.slug}/",
        f"/news/feed/unit/{unit.slug}/",
        "/sitemap.xml",
        "/",
    ]


def test_closing_a_missing_person_appeal_removes_their_name_and_image_everywhere(
    publisher, publisher_client, client, missing
):
    force, unit = missing.area, missing.units.get()
    image_url = re.search(r'<img src="([^"]+)"', client.get(missing.get_absolute_url()).content.decode()).group(1)
    assert NAME in client.get("/news/feed/").content.decode()  # it was there before
    old_address = missing.get_absolute_url()

    suggestion = publisher_client.get(f"/admin/news/article/{missing.pk}/close/")
    assert "Quibble" not in str(form_data(suggestion))  # the suggested replacement names nobody
    assert close(publisher_client, missing).status_code == 302
    missing.refresh_from_db()

    for url in public_surfaces(client, missing, force, unit):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert "Quibble" not in body and "Dorothea" not in body, url
    for words in ("Quibble", "Dorothea red coat", "Lincoln Tuesday"):
        assert "No results for" in text_of(client.get("/search/", {"q": words}))
    page = client.get(old_address, follow=True)
    assert page.redirect_chain[-1][0] == missing.get_absolute_url()  # shared links lead to the closed page
    html = page.content.decode()
    assert '<meta name="robots" content="noindex">' in html
    assert "Update: this appeal is closed. Thank you for sharing it." in text_of(page)
    assert "<img" not in html and "red coat" not in html
    assert meta(html, "og:image").endswith("/static/img/share-default.png")
    assert "Quibble" not in json.dumps(structured(html))
    assert client.get(image_url).status_code == 404
    sitemap = client.get("/sitemap.xml").content.decode()
    assert missing.get_absolute_url() not in sitemap and old_address not in sitemap

    # Staff history keeps the full earlier version; the public cannot reach it.
    versions = list(Version.objects.get_for_object(missing))
    assert NAME in versions[1].field_dict["title"] and versions[1].field_dict["image"]
    assert NAME not in versions[0].field_dict["title"]
    assert "name and image removed" in versions[0].revision.comment and versions[0].revision.user == publisher
    history = publisher_client.get(f"/admin/news/article/{missing.pk}/history/")
    assert "The full version before the appeal was closed." in text_of(history)
    assert publisher_client.get(f"/admin/news/article/{missing.pk}/history/{versions[1].pk}/").status_code == 200
    assert NAME in text_of(publisher_client.get(f"/admin/news/article/{missing.pk}/history/{versions[1].pk}/"))
    assert client.get(f"/admin/news/article/{missing.pk}/history/").status_code == 302  # to the sign-in page
    assert LogEntry.objects.filter(object_id=str(missing.pk), change_message__contains="Appeal closed").exists()


def test_a_closed_wanted_appeal_can_be_given_its_own_words(publisher_client, client, wanted):
    response = close(
        publisher_client,
        wanted,
        title="Man wanted after a robbery is arrested",
        slug="man-wanted-after-robbery-arrested",
        summary="A man wanted after a robbery has been arrested.",
        body="He has been arrested. Thank you for sharing the appeal.",
    )
    assert response.status_code == 302
    page = client.get("/news/man-wanted-after-robbery-arrested/")
    assert page.status_code == 200 and "Man wanted after a robbery is arrested" in text_of(page)


def test_a_closed_appeal_cannot_be_given_an_address_already_taken(publisher_client, wanted):
    ArticleFactory(slug="taken")
    response = close(publisher_client, wanted, slug="taken")
    assert "Another article has this web address" in text_of(response)
    wanted.refresh_from_db()
    assert wanted.closed_at is None


def test_only_a_publisher_closes_an_appeal(editor_client, wanted):
    assert editor_client.get(f"/admin/news/article/{wanted.pk}/close/").status_code == 403
    response = editor_client.post(
        "/admin/news/article/", {"action": "close_appeals", "_selected_action": [wanted.pk]}, follow=True
    )
    assert response.status_code == 200
    wanted.refresh_from_db()
    assert wanted.closed_at is None
    assert "Close this appeal" not in text_of(editor_client.get(f"/admin/news/article/{wanted.pk}/change/"))


def test_bulk_closing_closes_each_appeal_with_its_history_and_names_the_rest(publisher_client, client, wanted):
    witness = AppealFactory(title="Witness appeal")
    news = ArticleFactory(title="Plain news")
    response = publisher_client.post(
        "/admin/news/article/",
        {"action": "close_appeals", "_selected_action": [wanted.pk, witness.pk, news.pk]},
        follow=True,
    )
    assert "Appeals closed: 2." in text_of(response) and "Plain news" in text_of(response)
    for appeal in (wanted, witness):
        appeal.refresh_from_db()
        assert appeal.closed_at is not None
        assert Version.objects.get_for_object(appeal).count() == 2  # the full version, then the closed one
    assert wanted.is_redacted and not witness.is_redacted
    assert "seen this man" not in client.get("/news/feed/").content.decode()


def test_the_admin_lists_open_appeals_oldest_first(publisher_client):
    AppealFactory(title="Middle appeal", published_at=days_ago(10))
    AppealFactory(title="Oldest appeal", published_at=days_ago(40))
    AppealFactory(title="Newest appeal", published_at=days_ago(1))
    closed = AppealFactory(title="Finished appeal", published_at=days_ago(90))
    assert "It is closed: “Finished appeal”" in text_of(
        publisher_client.get(close(publisher_client, closed)["Location"])
    )
    ArticleFactory(title="Plain news", published_at=days_ago(100))
    AppealFactory(title="Draft appeal", draft=True)
    listed = text_of(publisher_client.get("/admin/news/article/?appeal=open"))
    assert listed.index("Oldest appeal") < listed.index("Middle appeal") < listed.index("Newest appeal")
    assert "Finished appeal" not in listed and "Plain news" not in listed and "Draft appeal" not in listed
    assert "Open for 1 month" in listed
    home = text_of(publisher_client.get("/admin/"))
    panel = home.split("Open appeals, the oldest first")[1]
    assert panel.index("Oldest appeal") < panel.index("Middle appeal") < panel.index("Newest appeal")
    assert "Finished appeal" not in panel.split("Overdue for review")[0]
