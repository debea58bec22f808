"""What search engines, feed readers and share previews read: canonical addresses, JSON-LD, breadcrumbs."""

import html
import json
import re

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.safestring import SafeData, mark_safe

from core.http import full_url

register = template.Library()

# Query parameters that never change what a page shows: dropped from canonical addresses.
TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga|ref)$")
JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
SCHEMA = "https://schema.org"


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist, self.name = nodelist, name

    def render(self, context):
        context[self.name] = mark_safe(" ".join(self.nodelist.render(context).split()))  # noqa: S308 - already rendered
        return ""


@register.tag
def capture(parser, token):
    """`{% capture as name %}…{% endcapture %}`: render once (a block, say) and use the text several times."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Use {% capture as name %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])


def absolute(context, url):
    request = context.get("request")
    return full_url(request, url) if request is not None else url


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """The address as a full URL on this host (an address that is already full is kept)."""
    return absolute(context, str(url))


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This page's own address: filters and tracking parameters dropped; a later page of a list keeps its number."""
    request = context.get("request")
    if request is None:
        return ""
    url = full_url(request, request.path)
    kept = [name for name in request.GET if not TRACKING.match(name)]
    page = request.GET.get("page", "")
    if kept == ["page"] and page.isdigit() and page.lstrip("0") not in {"", "1"}:
        url += f"?page={int(page)}"
    return url


@register.filter(is_safe=True)
def jsonld(data):
    """Structured data as a JSON-LD block: data for search engines, never run as script (so the CSP allows it)."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 - <, > and & escaped


def organisation(context):
    return {
        "@type": "GovernmentOrganization",
        "name": settings.SITE_FULL_NAME,
        "alternateName": settings.SITE_NAME,
        "url": absolute(context, reverse("home")),
    }


@register.simple_tag(takes_context=True)
def organisation_jsonld(context, description=""):
    """The home page's Organization data: EMSOU, and the five forces whose collaboration it is."""
    data = {"@context": SCHEMA, **organisation(context)}
    if description:
        data["description"] = description
    forces = context.get("footer_forces") or []
    parents = [
        {"@type": "GovernmentOrganization", "name": force.name, **({"url": force.website} if force.website else {})}
        for force in forces
    ]
    if parents:
        data["parentOrganization"] = parents
    return jsonld(data)


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, *trail, current=""):
    """`{% breadcrumbs "News" news_url current=article.title %}`: the trail of links after Home (GOV.UK style,
    without the current page), and the same trail with the current page as a BreadcrumbList."""
    links = [("Home", reverse("home")), *zip(trail[::2], trail[1::2], strict=True)]
    data = None
    if current:
        if isinstance(current, SafeData):  # text already rendered for HTML (a captured title): JSON wants it plain
            current = html.unescape(current)
        items = [*((name, absolute(context, url)) for name, url in links), (current, canonical_url(context))]
        data = {
            "@context": SCHEMA,
            "@type": "BreadcrumbList",
            "itemListElement": [
                {"@type": "ListItem", "position": position, "name": str(name), "item": url}
                for position, (name, url) in enumerate(items, start=1)
            ],
        }
    return {"links": links, "structured_data": data}
