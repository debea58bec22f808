"""manage.py import_article: files in seed 000's form arrive as drafts; a bad file is refused whole, with a reason."""

import pytest
from django.core.management import CommandError, call_command
from reversion.models import Version

from news.models import Article

from .factories import ArticleFactory, ForceFactory

pytestmark = pytest.mark.django_db

GOOD = """```yaml
area: Leicestershire
og:
  description: Read about the specialist officers
  image: https://www.example.police.uk/share.jpg
  title: 'Weekend read: a unit at work'
publish:
  date: 16:25 07/05/2020
title: 'Weekend read: a unit at work | Leicestershire Police'
url: https://www.example.police.uk/news/2020/may/weekend-read/
```

First paragraph of the story.

Second paragraph, with **bold** words.
"""


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_file_in_seed_form_arrives_as_a_draft_with_its_facts(tmp_path, capsys):
    ForceFactory(short_name="Leicestershire")
    call_command("import_article", write(tmp_path, "story.md", GOOD))
    article = Article.objects.get(slug="weekend-read")
    assert article.status == Article.Status.DRAFT
    assert article.title == "Weekend read: a unit at work"
    assert article.summary == "Read about the specialist officers."
    assert article.source_name == "Leicestershire Police"
    assert article.source_url == "https://www.example.police.uk/news/2020/may/weekend-read/"
    assert article.area.short_name == "Leicestershire"
    assert article.published_at.isoformat() == "2020-05-07T15:25:00+00:00"  # 16:25 UK summer time
    assert article.body.startswith("First paragraph") and "**bold**" in article.body
    assert (
        Version.objects.get_for_object(article).get().revision.comment
        == "Imported from story.md (manage.py import_article)."
    )
    out = capsys.readouterr().out
    assert "[1/1]" in out and "share image is on another website" in out and "Imported 1 of 1" in out


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("```yaml\ntitle: [unclosed\n```\n\nBody.", "the YAML header is not valid"),
        ("No header at all.", "does not start with a ```yaml header"),
        ("```yaml\nurl: https://a.example/x/\n```\n\nBody.", "it has no title"),
        ("```yaml\ntitle: T\narea: Atlantis\n```\n\nBody.", "the area “Atlantis” is not one of the forces"),
        (
            "```yaml\ntitle: T\npublish:\n  date: yesterday-ish\n```\n\nBody.",
            "the publish date “yesterday-ish” is not a date",
        ),
        ("```yaml\ntitle: T\n```\n\n", "it has no text after the header"),
        ("```yaml\ntitle: T\nurl: https://taken.example/already/\n```\n\nBody.", "already on the site"),
        ("```yaml\n- just\n- a list\n```\n\nBody.", "not a list of fields"),
    ],
)
def test_a_malformed_file_is_refused_with_its_name_and_reason_and_nothing_partial(tmp_path, capsys, text, reason):
    ArticleFactory(source_url="https://taken.example/already/")
    before = Article.objects.count()
    with pytest.raises(CommandError, match=r"Refused: .*bad\.md"):
        call_command("import_article", write(tmp_path, "bad.md", text))
    assert Article.objects.count() == before
    err = capsys.readouterr().err
    assert "bad.md: refused:" in err and reason in err
    assert "Traceback" not in err


def test_several_files_show_progress_and_a_summary_and_good_ones_still_import(tmp_path, capsys):
    ForceFactory(short_name="Leicestershire")
    files = [write(tmp_path, "one.md", GOOD), write(tmp_path, "two.md", "not yaml"), str(tmp_path / "missing.md")]
    with pytest.raises(CommandError):
        call_command("import_article", *files)
    captured = capsys.readouterr()
    assert "[1/3]" in captured.out and "[2/3]" in captured.err and "[3/3]" in captured.err
    assert "there is no such file" in captured.err
    assert "Imported 1 of 3 file(s) as drafts; refused 2." in captured.out
    assert Article.objects.filter(slug="weekend-read").exists()


def test_bytes_that_are_not_utf8_are_refused(tmp_path, capsys):
    path = tmp_path / "latin.md"
    path.write_bytes(b"```yaml\ntitle: Caf\xe9\n```\n\nBody.")
    with pytest.raises(CommandError):
        call_command("import_article", str(path))
    assert "cannot be read as UTF-8" in capsys.readouterr().err
