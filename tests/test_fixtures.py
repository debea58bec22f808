"""The seed content: every fixture loads, loads twice without duplicates, and carries the seeds' facts."""

import json
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command

from emsou_site.pages.management.commands.load_content import FIXTURES
from emsou_site.pages.models import SitePage
from news.models import Article
from units.models import ExternalLink, Force, Unit

pytestmark = pytest.mark.django_db
FIXTURE_DIR = Path(settings.BASE_DIR) / "fixtures"
SEED_DIR = Path(settings.BASE_DIR).parent / "shared" / "seeds"
MODELS = [Force, Unit, ExternalLink, Article, SitePage]


def counts():
    return [model.objects.count() for model in MODELS]


def test_seed_content_is_all_there():
    assert counts() == [5, 14, 1, 3, 4]


def test_loading_the_fixtures_twice_creates_no_duplicates():
    before = counts()
    call_command("loaddata", *FIXTURES, verbosity=0)
    call_command("loaddata", *FIXTURES, verbosity=0)
    assert counts() == before


def test_load_content_fills_an_empty_site_and_then_leaves_edits_alone(capsys):
    Article.objects.all().delete()
    SitePage.objects.all().delete()
    Unit.objects.filter(parent__isnull=False).delete()
    Unit.objects.all().delete()
    Force.objects.all().delete()
    assert sum(counts()) == 0
    call_command("load_content", verbosity=0)
    assert counts() == [5, 14, 1, 3, 4]

    Unit.objects.filter(slug="major-crime").update(summary="Edited by an editor")
    call_command("load_content")
    assert "already has content" in capsys.readouterr().out
    assert Unit.objects.get(slug="major-crime").summary == "Edited by an editor"


def test_fixtures_use_natural_keys_not_primary_keys():
    for name in FIXTURES:
        for record in json.loads((FIXTURE_DIR / f"{name}.json").read_text()):
            assert "pk" not in record, (name, record.get("fields", {}).get("slug"))
            assert apps.get_model(record["model"])


def test_fixtures_readme_names_the_source_of_every_record():
    readme = (FIXTURE_DIR / "README.md").read_text()
    for name in FIXTURES:
        for record in json.loads((FIXTURE_DIR / f"{name}.json").read_text()):
            key = record["fields"].get("slug") or record["fields"].get("title")
            assert key in readme, key
    for seed in ["000_b7999b74ed8e1a79", "001_52c38ed4e813e274", "002_664d02a928a92a6a", "003_13e8719c72539616"]:
        assert seed in readme


@pytest.mark.skipif(not SEED_DIR.is_dir(), reason="the seed documents live beside the repository, in shared/")
def test_articles_carry_every_paragraph_of_their_seed():
    import re

    def paragraphs(text):
        return [p.strip() for p in re.split(r"\n\s*\n", text) if len(p.strip()) > 80]

    seeds = {
        "000_b7999b74ed8e1a79.txt": Article.objects.get(area__slug="leicestershire"),
        "003_13e8719c72539616.txt": Article.objects.get(date_precision="year"),
    }
    for seed, article in seeds.items():
        body = re.sub(r"\s+", " ", article.body)
        for paragraph in paragraphs((SEED_DIR / seed).read_text().split("```")[-1]):
            assert re.sub(r"\s+", " ", paragraph) in body, paragraph[:60]


def test_newer_sources_win_where_sources_disagree():
    about = SitePage.objects.get(slug="about").body
    assert "2001" in about and "1,200" in about
    forensic = Unit.objects.get(slug="forensic-services")
    assert forensic.forces.count() == 5
