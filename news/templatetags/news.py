"""News shown on other apps' pages: the news app owns what "news about a unit" means and where it lives."""

from urllib.parse import quote, urlencode

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from core.templatetags.seo import SCHEMA, absolute, jsonld, organisation
from news import numbers
from news.models import Article, Result, StatedFigure

register = template.Library()


@register.simple_tag
def news_about(unit, limit=5):
    """The latest published news about a unit and its published teams."""
    return Article.objects.published().about(unit).select_related("area")[:limit]


@register.simple_tag
def news_url(area=None, unit=None):
    """The news list filtered to a force area or a unit."""
    query = {key: value.slug for key, value in (("area", area), ("unit", unit)) if value is not None}
    return f"{reverse('news:list')}?{urlencode(query)}" if query else reverse("news:list")


@register.simple_tag
def published_date(article):
    """The publish date (ISO 8601) to the precision it is known: "2022" for an article dated only by its year."""
    when = timezone.localtime(article.published_at)
    known = {"year": "%Y", "month": "%Y-%m", "day": "%Y-%m-%d"}.get(article.date_precision)
    return when.strftime(known) if known else when.isoformat()


@register.simple_tag(takes_context=True)
def article_jsonld(context, article, image):
    """The article as a schema.org NewsArticle: headline, dates, author, publisher and image."""
    url = absolute(context, article.get_absolute_url())
    if article.byline:
        author = {"@type": "Person", "name": article.byline}
    elif article.source_name:
        author = {"@type": "Organization", "name": article.source_name}
        author.update({"url": article.source_url} if article.source_url else {})
    else:
        author = organisation(context)
    data = {
        "@context": SCHEMA,
        "@type": "NewsArticle",
        "headline": article.title if len(article.title) <= 110 else article.title[:109] + "…",
        "description": article.public_description,
        "url": url,
        "mainEntityOfPage": url,
        "image": [absolute(context, image)],
        "author": [author],
        "publisher": organisation(context),
    }
    if article.published_at:
        data["datePublished"] = published_date(article)
    if article.updated_at:
        data["dateModified"] = timezone.localtime(article.updated_at).isoformat()
    if article.source_url:
        data["isBasedOn"] = article.source_url
    return jsonld(data)


@register.inclusion_tag("includes/share.html", takes_context=True)
def share_links(context, article):
    """Plain links to share an article: no script, no tracking, nothing loaded from another host."""
    url = absolute(context, article.get_absolute_url())
    text = article.share_text
    return {
        "url": url,
        "links": [
            ("Email", f"mailto:?subject={quote(article.title)}&body={quote(f'{text} {url}')}"),
            ("X", f"https://x.com/intent/tweet?{urlencode({'text': text, 'url': url})}"),
            ("Facebook", f"https://www.facebook.com/sharer/sharer.php?{urlencode({'u': url})}"),
            ("LinkedIn", f"https://www.linkedin.com/sharing/share-offsite/?{urlencode({'url': url})}"),
            ("WhatsApp", f"https://wa.me/?{urlencode({'text': f'{text} {url}'})}"),
        ],
        "site_name": settings.SITE_NAME,
    }


@register.filter
def pounds(amount):
    return numbers.pounds(amount)


@register.inclusion_tag("includes/unit_record.html")
def unit_record(unit):
    """A unit's record on its page: its published results (and its teams'), added up by year, with a chart and
    the figures its sources state. Nothing at all when it has neither."""
    results = Result.objects.published().of_unit(unit).select_related("unit__main_unit").prefetch_related("sentences")
    figures = StatedFigure.objects.published().filter(unit=unit)
    return {"unit": unit, "figures": list(figures), **numbers.record(results)}
