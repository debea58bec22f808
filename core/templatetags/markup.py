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
URL_SCHEMES = {"http", "https", "mailto", "tel"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}, "ol": {"start"}}


@lru_cache(maxsize=512)
def render_markdown(text):
    """Markdown to HTML that is safe to show: no script, style or images, and no second h1."""
    html = markdown.markdown(text or "", extensions=["sane_lists", "tables"], output_format="html")
    return nh3.clean(
        H1.sub(r"<\1h2", html),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


@register.filter(name="markdown", is_safe=True)
def markdown_filter(text):
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitised by nh3 above


def lost_in_rendering(text):
    """What the public page will not show of this Markdown, in words an editor understands."""
    raw = markdown.markdown(text or "", extensions=["sane_lists", "tables"], output_format="html")
    lost = []
    if "<img" in raw:
        lost.append("an image (pictures in the text are not shown: use the Image field)")
    for href in re.findall(r'<a\b[^>]*href="([^"]*)"', raw):
        scheme = href.split(":", 1)[0].lower() if ":" in href else ""
        if scheme and scheme not in URL_SCHEMES:
            lost.append(f"the link to “{href[:40]}” (only web, email and phone links are kept)")
    tags = {tag.lower() for tag in re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)\b", raw)} - ALLOWED_TAGS - {"img", "h1"}
    if tags:
        names = ", ".join(f"<{tag}>" for tag in sorted(tags))
        lost.append(f"typed HTML ({names}: use Markdown instead)")
    if H1.search(raw):
        lost.append(
            "a top-level heading (#), which is shown as a second-level heading (##): the page title is "
            "the page’s only top-level heading"
        )
    return lost
