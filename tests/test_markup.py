"""Editors write Markdown; whatever they type, the public page gets safe HTML."""

import re

import pytest

from core.templatetags.markup import render_markdown

from .factories import ArticleFactory

HOSTILE = [
    "<script>alert('x')</script>",
    '<img src="x" onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<a href="javascript:alert(1)">click</a>',
    '<p style="position:fixed">overlay</p>',
    '<iframe src="https://evil.example"></iframe>',
    "<svg><script>alert(1)</script></svg>",
    '<form action="https://evil.example"><input name="p"></form>',
    "![tracker](https://evil.example/pixel.gif)",
    '<div onmouseover="alert(1)">hover</div>',
    "<style>body{display:none}</style>",
]


@pytest.mark.parametrize("source", HOSTILE)
def test_hostile_html_is_neutralised(source):
    html = render_markdown(source)
    for bad in ["<script", "onerror", "onmouseover", "javascript:", "style=", "<iframe", "<img", "<form", "<style"]:
        assert bad not in html.lower()


def test_markdown_renders_with_headings_below_the_page_title():
    html = render_markdown("# Heading\n\nA [link](https://example.org) and **bold**.\n\n- one\n- two")
    assert "<h2>Heading</h2>" in html
    assert '<a href="https://example.org" rel="noopener noreferrer">link</a>' in html
    assert "<strong>bold</strong>" in html and "<li>one</li>" in html
    assert "<h1" not in html


@pytest.mark.django_db
def test_hostile_article_body_is_safe_on_the_public_page(client):
    article = ArticleFactory(summary='<script>alert("summary")</script>', body="\n\n".join(HOSTILE))
    html = client.get(article.get_absolute_url()).content.decode()
    assert re.findall(r"<script\b[^>]*>", html) == ['<script type="application/ld+json">'] * html.count("<script")
    assert '"description": "\\u003Cscript\\u003Ealert(\\"summary\\")\\u003C/script\\u003E"' in html  # JSON-LD
    assert "javascript:" not in html
    assert "&lt;script&gt;alert(&quot;summary&quot;)&lt;/script&gt;" in html
