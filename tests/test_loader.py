"""Reloading the seed content never undoes an editor's work, and every change it makes is in History."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from reversion.models import Version

from core.seeds import load_seeds
from news.models import Article
from units.models import Force, Unit

from .conftest import form_data
from .images import png_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeds(settings, tmp_path):
    """A tiny set of seed fixtures in a folder of the test's own; write(...) changes them."""
    settings.FIXTURE_DIRS = [tmp_path]
    content = {
        "t_forces": [
            {
                "model": "units.force",
                "fields": {"name": "Midshire Police", "short_name": "Midshire", "slug": "midshire", "website": ""},
            }
        ],
        "t_units": [
            {
                "model": "units.unit",
                "fields": {
                    "name": "Unit A",
                    "slug": "unit-a",
                    "summary": "A.",
                    "body": "About A.",
                    "forces": [["midshire"]],
                },
            },
            {
                "model": "units.unit",
                "fields": {"name": "Unit B", "slug": "unit-b", "summary": "B.", "body": "About B."},
            },
        ],
        "t_news": [
            {
                "model": "news.article",
                "fields": {
                    "title": "Story one",
                    "slug": "story-one",
                    "summary": "One.",
                    "body": "Text one.",
                    "status": "published",
                    "published_at": "2020-05-07T16:25:00+01:00",
                    "units": [["unit-a"], ["unit-b"]],
                },
            },
            {
                "model": "news.article",
                "fields": {
                    "title": "Story two",
                    "slug": "story-two",
                    "summary": "Two.",
                    "body": "Text two.",
                    "status": "published",
                    "published_at": "2021-01-01T10:00:00+00:00",
                },
            },
        ],
    }

    def write():
        for name, records in content.items():
            (tmp_path / f"{name}.json").write_text(json.dumps(records))

    write()
    return content, write


NAMES = ["t_forces", "t_units", "t_news"]


def comments(obj):
    return [v.revision.comment for v in Version.objects.get_for_object(obj)]


def test_a_first_load_creates_everything_with_a_revision_each(seeds):
    report = load_seeds(NAMES)
    assert len(report.created) == 5
    story = Article.objects.get(slug="story-one")
    assert {u.slug for u in story.units.all()} == {"unit-a", "unit-b"}
    assert comments(story) == ["Created from the seed content (manage.py load_content)."]
    assert story.created_at is not None and story.updated_at is None  # loaded, never edited


def test_loading_again_changes_nothing(seeds):
    load_seeds(NAMES)
    report = load_seeds(NAMES)
    assert len(report.unchanged) == 5
    assert not (report.created or report.updated or report.kept_edited or report.kept_deleted)
    assert Version.objects.count() == 5


def test_untouched_records_follow_the_seed_and_new_ones_are_created(seeds):
    content, write = seeds
    load_seeds(NAMES)
    content["t_units"][1]["fields"]["body"] = "About B, revised in the seed."
    content["t_units"].append(
        {"model": "units.unit", "fields": {"name": "Unit C", "slug": "unit-c", "summary": "C.", "body": "About C."}}
    )
    write()
    report = load_seeds(NAMES)
    assert report.updated == ["unit “Unit B”"] and report.created == ["unit “Unit C”"]
    unit_b = Unit.objects.get(slug="unit-b")
    assert unit_b.body == "About B, revised in the seed."
    assert comments(unit_b)[0] == "Updated from the seed content (manage.py load_content)."


def test_editors_changes_deletions_and_images_survive_a_reload(seeds, editor_client, publisher_client):
    """The reviewer's sequence, through the admin: edit a unit and add an image, retitle an article, delete one."""
    content, write = seeds
    load_seeds(NAMES)
    unit, story, doomed = Unit.objects.get(slug="unit-a"), *Article.objects.order_by("slug")
    form = editor_client.get(f"/admin/units/unit/{unit.pk}/change/")
    image = SimpleUploadedFile("team.png", png_bytes(), content_type="image/png")
    edited = form_data(form, body="Edited by an editor.", image=image, image_alt="The team")
    assert editor_client.post(f"/admin/units/unit/{unit.pk}/change/", edited).status_code == 302
    form = publisher_client.get(f"/admin/news/article/{story.pk}/change/")
    edited = form_data(form, title="Retitled by an editor", publish_reason="A correction.")
    assert publisher_client.post(f"/admin/news/article/{story.pk}/change/", edited).status_code == 302
    assert publisher_client.post(f"/admin/news/article/{doomed.pk}/delete/", {"post": "yes"}).status_code == 302
    for record in content["t_units"] + content["t_news"]:
        record["fields"]["summary"] += " Revised in the seed."
    write()

    report = load_seeds(NAMES)

    unit.refresh_from_db()
    story.refresh_from_db()
    assert unit.body == "Edited by an editor." and unit.image_width == 40 and unit.image_alt == "The team"
    assert story.title == "Retitled by an editor"
    assert not Article.objects.filter(pk=doomed.pk).exists()
    assert sorted(report.kept_edited) == ["article “Retitled by an editor”", "unit “Unit A”"]
    assert report.kept_deleted == ["article “Story two”"]
    assert report.updated == ["unit “Unit B”"]  # untouched, so it follows the seed
    assert comments(story)[0].endswith("Changed Title.")  # History still ends with the editor's version
    assert comments(unit)[0].startswith("Changed")


def test_a_link_to_a_deleted_seed_record_does_not_bring_it_back(seeds):
    load_seeds(NAMES)
    Unit.objects.get(slug="unit-b").delete()
    report = load_seeds(NAMES)
    assert not Unit.objects.filter(slug="unit-b").exists()
    assert "unit “Unit B”" in report.kept_deleted
    assert any(name.startswith("article “Story one”") for name in report.kept_edited)


def test_a_record_that_existed_before_the_loader_knew_it_is_kept_if_it_differs(seeds):
    Force.objects.create(name="Midshire Police", short_name="Midshire", slug="midshire", website="https://m.example/")
    report = load_seeds(NAMES)
    assert report.kept_edited == ["force “Midshire Police”"]
    assert Force.objects.get(slug="midshire").website == "https://m.example/"


def test_overwrite_replaces_edits_but_keeps_them_in_history_first(seeds):
    load_seeds(NAMES)
    unit = Unit.objects.get(slug="unit-a")
    unit.body = "Edited outside the admin, with no revision."
    unit.save()
    report = load_seeds(NAMES, overwrite=True)
    assert report.overwritten == ["unit “Unit A”"]
    unit.refresh_from_db()
    assert unit.body == "About A."
    versions = list(Version.objects.get_for_object(unit))
    assert versions[0].revision.comment == "Overwritten from the seed content (manage.py load_content)."
    assert versions[1].field_dict["body"] == "Edited outside the admin, with no revision."
    assert versions[1].revision.comment.startswith("Before being overwritten")


def test_the_command_ends_with_a_summary_of_what_it_did_and_kept(seeds, capsys, monkeypatch):
    monkeypatch.setattr("core.management.commands.load_content.FIXTURES", NAMES)
    call_command("load_content")
    Unit.objects.filter(slug="unit-b").update(body="Changed.")
    Article.objects.get(slug="story-two").delete()
    call_command("load_content")
    out = capsys.readouterr().out
    assert "Kept because an editor changed it:\n  - unit “Unit B”" in out
    assert "Kept deleted because an editor deleted it:\n  - article “Story two”" in out
    assert out.rstrip().endswith(
        "Seed content: 0 created, 0 updated, 0 overwritten, 1 kept because an editor changed it, "
        "1 kept deleted because an editor deleted it; 3 unchanged."
    )
