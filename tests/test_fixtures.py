"""The seed content: the only tests that read it. They check the fixtures against the seeds and the README,
and that reloading them over an edited site keeps every editor's change."""

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from reversion.models import Version

from core.management.commands.load_content import FIXTURES
from news.models import Article
from pages.models import SitePage
from units.models import Unit

from .conftest import form_data, h1_texts, site_cookies, text_of
from .images import png_bytes

pytestmark = pytest.mark.django_db
FIXTURE_DIR = Path(settings.BASE_DIR) / "fixtures"
SEED_DIR = Path(settings.BASE_DIR).parent / "shared" / "seeds"
README = (FIXTURE_DIR / "README.md").read_text()
needs_seeds = pytest.mark.skipif(not SEED_DIR.is_dir(), reason="the seed documents live beside the repository")


def records(model=None):
    found = [record for name in FIXTURES for record in json.loads((FIXTURE_DIR / f"{name}.json").read_text())]
    return [record for record in found if model in (None, record["model"])]


def seed_text(seed):
    """A seed's body text, without its YAML header."""
    return (SEED_DIR / seed).read_text().split("```")[-1]


@pytest.fixture
def seeded(capsys):
    call_command("load_content")
    capsys.readouterr()


def test_every_record_loads_once(seeded):
    expected = Counter(record["model"] for record in records())
    assert {label: apps.get_model(label).objects.count() for label in expected} == dict(expected)


def test_loading_again_creates_no_duplicates_and_changes_nothing(seeded, capsys):
    before = Version.objects.count()
    call_command("load_content")
    assert f"{len(records())} unchanged" in capsys.readouterr().out
    assert Version.objects.count() == before


def test_fixtures_use_natural_keys_and_carry_no_load_times():
    for record in records():
        assert "pk" not in record, record["fields"].get("slug")
        assert not {"created_at", "updated_at"} & set(record["fields"]), record["fields"].get("slug")


def record_key(record):
    """How the README names a record: its slug or title; a sentence by its result and person, a route by its unit."""
    fields = record["fields"]
    if record["model"] == "news.sentence":
        return f"`{fields['result'][0]}` person {fields['person']}"
    if record["model"] == "units.reportingroute":
        return f"`{fields['unit'][0]}`: `{fields['route']}`"
    return fields.get("slug") or fields["title"]


def test_readme_names_the_source_of_every_record_and_every_seed():
    for record in records():
        key = record_key(record)
        assert key in README, key
    for seed in SEED_DIR.glob("*.txt") if SEED_DIR.is_dir() else []:
        assert seed.stem in README


def test_readme_counts_match_the_fixtures():
    units = records("units.unit")
    main = sum(1 for unit in units if not unit["fields"].get("main_unit"))
    expected = [
        f"{len(records('units.force'))} forces",
        f"{len(units)} units ({main} main units, {len(units) - main} teams), "
        f"{len(records('units.externallink'))} external link, "
        f"{len(records('units.reportingroute'))} reporting routes",
        f"{len(records('news.article'))} published articles",
        f"{len(records('news.statedfigure'))} stated figures, {len(records('news.result'))} results, "
        f"{len(records('news.sentence'))} sentences",
        f"{len(records('pages.sitepage'))} pages",
    ]
    for phrase in expected:
        assert phrase in README, phrase


def test_forces_served_are_given_only_where_the_readme_records_a_source():
    section = README.split("### Forces served")[1].split("\n### ")[0]
    rows = {cells[0]: cells[1] for cells in re.findall(r"^\| ([^|]+?) \| ([^|]+?) \| [^|]+\|$", section, re.M)}
    for unit in records("units.unit"):
        fields = unit["fields"]
        said = rows.get(fields["name"]) or rows.get(fields.get("abbreviation"))
        assert said, fields["name"]
        assert (said == "none") == (not fields.get("forces")), fields["name"]


def test_no_text_promises_a_link_it_does_not_give():
    promise = re.compile(r"[^.]*\b(check out|click|visit|find out more|see)\b[^.]*\b(here|website|page)\b[^.]*\.", re.I)
    for record in records():
        for field in ("body", "summary"):
            for sentence in promise.finditer(record["fields"].get(field, "")):
                assert "](" in sentence.group(0), sentence.group(0)


@needs_seeds
def test_articles_carry_every_paragraph_of_their_seed_but_the_dropped_link_promise(seeded):
    for article in Article.objects.all():
        seed = next((path for path in SEED_DIR.glob("*.txt") if article.title.split(":")[0] in path.read_text()), None)
        assert seed, article.title
        body = re.sub(r"\s+", " ", article.body)
        for paragraph in re.split(r"\n\s*\n", seed_text(seed.name)):
            paragraph = re.sub(r"\s+", " ", paragraph.replace("·", "")).strip()
            if len(paragraph) < 80 or paragraph.startswith(("By ", "Wednesday")):
                continue
            assert paragraph in body, (seed.name, paragraph[:60])
    assert "Check out the latest vacancies" not in "".join(Article.objects.values_list("body", flat=True))


@needs_seeds
def test_unit_facts_are_told_once_per_page(seeded):
    for unit in Unit.objects.all():
        sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+", unit.body) if len(s.strip()) > 40]
        assert len(sentences) == len(set(sentences)), unit.slug


def test_every_seed_page_renders_with_one_h1_and_nothing_made_up(seeded, client):
    urls = ["/", "/units/", "/news/", "/report/", "/numbers/"]
    urls += [unit.get_absolute_url() for unit in Unit.objects.published()]
    urls += [article.get_absolute_url() for article in Article.objects.published()]
    urls += [page.get_absolute_url() for page in SitePage.objects.exclude(slug="home")]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert len(h1_texts(response.content.decode())) == 1, url
        text = text_of(response)
        assert "Not recorded" not in text and "Last updated" not in text, url


def test_reloading_over_an_edited_site_keeps_every_edit_deletion_and_image(seeded, publisher_client, capsys):
    """The repair issue's sequence on the real seed content, through the admin."""
    unit = Unit.objects.get(slug="major-crime")
    form = publisher_client.get(f"/admin/units/unit/{unit.pk}/change/")
    image = SimpleUploadedFile("team.png", png_bytes(), content_type="image/png")
    data = form_data(form, body="Edited by an editor.", image=image, image_alt="The team at work")
    assert publisher_client.post(f"/admin/units/unit/{unit.pk}/change/", data).status_code == 302
    article = Article.objects.get(slug="weekend-read-emsou")
    data = form_data(
        publisher_client.get(f"/admin/news/article/{article.pk}/change/"),
        title="A retitled article",
        publish_reason="A correction.",
    )
    assert publisher_client.post(f"/admin/news/article/{article.pk}/change/", data).status_code == 302
    about = SitePage.objects.get(slug="about")
    data = form_data(publisher_client.get(f"/admin/pages/sitepage/{about.pk}/change/"), body="About, edited.")
    assert publisher_client.post(f"/admin/pages/sitepage/{about.pk}/change/", data).status_code == 302
    doomed = Article.objects.get(slug="crime-unit-leads-the-way-nationally")
    assert publisher_client.post(f"/admin/news/article/{doomed.pk}/delete/", {"post": "yes"}).status_code == 302

    call_command("load_content")
    out = capsys.readouterr().out

    unit.refresh_from_db()
    assert unit.body == "Edited by an editor." and unit.image and unit.image_alt == "The team at work"
    assert Article.objects.get(pk=article.pk).title == "A retitled article"
    assert SitePage.objects.get(pk=about.pk).body == "About, edited."
    assert not Article.objects.filter(slug=doomed.slug).exists()
    for line in [f"unit “{unit}”", "article “A retitled article”", f"site page “{about.title}”"]:
        assert f"  - {line}" in out.split("Kept deleted")[0], line
    assert f"Kept deleted because an editor deleted it:\n  - article “{doomed.title}”" in out
    for obj in (unit, article, about):
        assert Version.objects.get_for_object(obj).first().revision.user.username == "publisher"


@needs_seeds
def test_seed_000_imports_as_a_draft_with_the_same_facts_as_its_fixture(seeded, capsys):
    fixture = Article.objects.get(source_url__contains="weekend-read-emsou")
    fixture.results.all().delete()  # the results it reports hold on to it
    fixture.delete()
    call_command("import_article", str(SEED_DIR / "000_b7999b74ed8e1a79.txt"))
    imported = Article.objects.get(source_url=fixture.source_url)
    assert imported.status == Article.Status.DRAFT
    assert (imported.title, imported.slug, imported.summary) == (fixture.title, fixture.slug, fixture.summary)
    assert (imported.published_at, imported.area, imported.source_name) == (
        fixture.published_at,
        fixture.area,
        fixture.source_name,
    )


def test_seed_000s_cases_add_up_on_the_numbers_pages_beside_its_statements(seeded, client):
    text = text_of(client.get("/numbers/"))
    assert "Results 4 People convicted 3 Time in custody 51 years" in text  # 32 (life, minimum term) + 7 + 12
    assert "Recovered through confiscation and forfeiture £13,000" in text
    assert text.count("Reported in May 2020") == 4  # no day of sentence is made up
    assert "44 homicides investigated by EMSOU Major Crime April 2019 to March 2020" in text
    assert "24 people sent to jail by EMSOU Major Crime, for almost 300 years collectively" in text
    assert "More than £1.6 million in cash seized by EMSOU’s Financial Investigators The year to May 2020" in text
    assert "Source: Leicestershire Police , 7 May 2020." in text  # the source, linked
    major_crime = text_of(client.get("/units/major-crime/"))
    assert "Results 1 People convicted 1 Time in custody 32 years" in major_crime
    rocu = text_of(client.get("/units/regional-organised-crime-unit/"))
    assert "Results 2 People convicted 2 Time in custody 19 years" in rocu


def test_seed_units_point_to_their_own_ways_to_report_first(seeded, client):
    ct = text_of(client.get("/units/counter-terrorism-policing-east-midlands/")).split("How to report a crime")[1]
    assert ct.index("Anti-Terrorist Hotline") < ct.index("Act Early") < ct.index("Other ways to report")
    mc = text_of(client.get("/units/major-crime/")).split("How to report a crime")[1]
    assert mc.index("101") < mc.index("Crimestoppers") < mc.index("Other ways to report") < mc.index("999")
    assert "Other ways to report In" not in text_of(client.get("/units/forensic-services/"))


def test_the_privacy_page_describes_the_area_and_display_cookies(seeded, client):
    text = text_of(client.get("/privacy/"))
    for fact in ["emsou_area", "One year", "Clear my area", "functional cookie", "no cookie banner"]:
        assert fact in text, fact
    assert "Never your postcode" in text


def test_the_privacy_page_lists_every_cookie_with_its_lifetime(seeded, client):
    html = client.get("/privacy/").content.decode()
    rows = {
        re.sub(r"<[^>]+>", "", cells[0]): re.sub(r"<[^>]+>", "", cells[2])
        for cells in (re.findall(r"<td>(.*?)</td>", row, re.S) for row in re.findall(r"<tr>(.*?)</tr>", html, re.S))
        if cells
    }
    assert set(rows) == site_cookies()
    year = 365 * 24 * 3600
    assert rows["emsou_area"].startswith("One year") and year == settings.AREA_COOKIE_AGE
    assert rows["emsou_display"].startswith("One year") and year == settings.DISPLAY_COOKIE_AGE
    assert rows["emsou_preview"].endswith(f"at most {settings.PREVIEW_LINK_HOURS} hours")
    assert rows["sessionid"].startswith("Two weeks") and settings.SESSION_COOKIE_AGE == 14 * 24 * 3600
    assert rows["csrftoken"] == "One year" and abs(settings.CSRF_COOKIE_AGE - year) <= 24 * 3600
    assert rows["messages"] == "Until the message is shown"


def test_the_accessibility_statement_follows_the_regulations_model(seeded, client):
    text = text_of(client.get("/accessibility/"))
    for section in [
        "How accessible this website is",
        "Feedback and contact information",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "Compliance status",
        "Non-compliance with the accessibility regulations",
        "Disproportionate burden",
        "What we are doing to improve accessibility",
        "Preparation of this accessibility statement",
        "How this website was tested",  # from audit/results.json
    ]:
        assert section in text, section
    assert "Equality and Human Rights Commission" in text and "Equality Advisory and Support Service" in text
    assert "This statement was prepared on" in text and "It was last reviewed on" in text
    assert "call 101" in text and not re.search(r"[\w.+-]+@[\w-]+\.\w", text)  # 101 works; no address made up


def test_the_pages_waiting_for_emsou_are_flagged_until_an_editor_fills_them_in(seeded):
    waiting = set(SitePage.objects.needing_input().values_list("slug", flat=True))
    assert waiting == {"accessibility", "privacy"}
