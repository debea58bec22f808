"""RSS 2.0 and Atom feeds of the news: all of it, an area's, and a unit's (with its teams)."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import dateformat
from django.utils.feedgenerator import Atom1Feed

from core.cache import cached_value
from units.models import Force, Unit

from .models import Article

FEED_LENGTH = 20


class NewsFeed(Feed):
    """All the news, newest first (RSS 2.0)."""

    language = "en-gb"

    def __call__(self, request, *args, **kwargs):
        """The feed is kept for the content version by its address (core.cache.cached_value), so a query string of
        someone's own, which the page cache has never seen, does not make it again."""

        def make():
            response = super(NewsFeed, self).__call__(request, *args, **kwargs)
            return response.content, response["Content-Type"], response.get("Last-Modified")

        parts = ("feed", request.scheme, request.get_host(), request.path)
        content, content_type, last_modified = cached_value(request, parts, make)
        response = HttpResponse(content, content_type=content_type)
        if last_modified:
            response["Last-Modified"] = last_modified
        return response

    def title(self, obj=None):
        return f"{settings.SITE_NAME} news"

    def description(self, obj=None):
        return "News from the East Midlands Special Operations Unit."

    def subtitle(self, obj=None):
        """Atom's name for the description."""
        return self.description(obj)

    def link(self, obj=None):
        return reverse("news:list")

    def articles(self, obj):
        return Article.objects.published()

    def items(self, obj=None):
        return (
            self.articles(obj)
            .select_related("area")
            .prefetch_related(Prefetch("units", queryset=Unit.objects.published()), "change_notes")[:FEED_LENGTH]
        )

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        """What a feed reader shows of the article: its description (with how to respond to an appeal, or that it
        is closed), then its public change notes in date order."""
        notes = [
            f"Updated {dateformat.format(note.noted_at, 'j M Y')}: {note.text}" for note in article.change_notes.all()
        ]
        return "\n".join([article.public_description, *notes])

    def item_pubdate(self, article):
        """The publish date, where it is known to the day: a feed has no way to say "some time in 2022"."""
        known = article.date_precision in {Article.DatePrecision.DAY, Article.DatePrecision.MINUTE}
        return article.published_at if known else None

    def item_updateddate(self, article):
        """When the article last changed here (Atom requires it): its last edit, or when it was added."""
        return article.updated_at or article.created_at

    def item_author_name(self, article):
        return article.byline or article.source_name or settings.SITE_FULL_NAME

    def item_categories(self, article):
        area = article.area.short_name if article.area else "Region-wide"
        return [area, *(unit.name for unit in article.units.all())]


class AtomNewsFeed(NewsFeed):
    feed_type = Atom1Feed


class AreaNewsFeed(NewsFeed):
    """An area's news and the region-wide news, as the news list's area filter shows it."""

    def get_object(self, request, slug):
        return get_object_or_404(Force, slug=slug)

    def title(self, obj):
        return f"{settings.SITE_NAME} news: {obj.short_name} and region-wide"

    def description(self, obj):
        return f"News from the East Midlands Special Operations Unit for {obj.short_name}, and region-wide news."

    def link(self, obj):
        return f"{reverse('news:list')}?area={obj.slug}"

    def articles(self, obj):
        return Article.objects.published().for_area(obj)


class AtomAreaNewsFeed(AreaNewsFeed):
    feed_type = Atom1Feed


class UnitNewsFeed(NewsFeed):
    """News about a unit and its published teams, by the same rule as the unit page."""

    def get_object(self, request, slug):
        return get_object_or_404(Unit.objects.published(), slug=slug)

    def title(self, obj):
        return f"{settings.SITE_NAME} news: {obj.name}"

    def description(self, obj):
        return f"News about {obj.name}, from the East Midlands Special Operations Unit."

    def link(self, obj):
        return obj.get_absolute_url()

    def articles(self, obj):
        return Article.objects.published().about(obj)


class AtomUnitNewsFeed(UnitNewsFeed):
    feed_type = Atom1Feed
