"""Markdown for editors' text, rendered to sanitised HTML, and the template filter that shows it."""

import re
from functools import lru_cache

import markdown
import nh3
from django import template
from django.utils.safestring import mark_safe

register = template.Library()

ALLOWED_TAGS = set(
    "p br hr h2 h3 h4 h5 h6 strong em b i code pre blockquote ul ol li a abbr table thead tbody tr th td".split()
)
H1 = re.compile(r"<(/?)h1\b")
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}, "ol": {"start"}}


@lru_cache(maxsize=512)
def render_markdown(text):
    """Markdown to HTML that is safe to show: no script, style or images, and no second h1."""
    html = markdown.markdown(text or "", extensions=["sane_lists", "tables"], output_format="html")
    return nh3.clean(
        H1.sub(r"<\1h2", html),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )


@register.filter(name="markdown", is_safe=True)
def markdown_filter(text):
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitised by nh3 above
