import re

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client

from emsou_site.pages.management.commands.load_content import FIXTURES
from emsou_site.pages.permissions import EDITORS_GROUP


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every database test starts from the seed content, as a fresh `make run` would."""
    with django_db_blocker.unblock():
        call_command("loaddata", *FIXTURES, verbosity=0)


@pytest.fixture
def editor(db, django_user_model):
    user = django_user_model.objects.create_user("editor", password="a-long-editor-password", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    return user


@pytest.fixture
def editor_client(editor):
    """A signed-in editor's browser; the plain `client` fixture stays an anonymous visitor."""
    editor_client = Client()
    editor_client.force_login(editor)
    return editor_client


def h1_texts(html):
    return [re.sub(r"<[^>]+>|\s+", " ", h).strip() for h in re.findall(r"<h1\b[^>]*>(.*?)</h1>", html, re.S)]


def text_of(response):
    """The page as a visitor reads it: tags dropped, whitespace folded, entities decoded."""
    import html

    body = response.content.decode()
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))
