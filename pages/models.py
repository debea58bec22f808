import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Now
from django.urls import reverse

from core.models import Reviewable, Sensitive, SlugManager
from core.search import search_index

HOME_SLUG = "home"
# Pages the site links to everywhere: editors change them but cannot delete them or change their addresses.
CORE_SLUGS = {HOME_SLUG, "about", "accessibility", "privacy"}
# Slugs that would collide with the site's own addresses.
RESERVED_SLUGS = {
    "admin", "units", "news", "report", "static", "media", "images", "sitemap", "feeds", "search", "preview", "area",
    "numbers", "display",
}  # fmt: skip


def validate_page_slug(slug):
    if slug in RESERVED_SLUGS or slug == settings.ADMIN_PATH.split("/")[0]:
        raise ValidationError("“%(slug)s” is used by another part of the site; choose another.", params={"slug": slug})


class SitePageQuerySet(models.QuerySet):
    def published(self):
        """Every site page is public: there are no draft pages."""
        return self.all()

    def needing_input(self):
        """Pages that still wait for something only EMSOU can give (a contact address, say)."""
        return self.exclude(needs_input="")


class SitePageManager(SlugManager.from_queryset(SitePageQuerySet)):
    pass


@reversion.register()
class SitePage(Reviewable, Sensitive, models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(
        "web address",
        unique=True,
        validators=[validate_page_slug],
        help_text="The page’s address: /this-part/. Lower-case letters, numbers and hyphens. If you change it, "
        "the old address keeps working.",
    )
    summary = models.CharField(max_length=300, help_text="One sentence: shown under the title and to search engines.")
    body = models.TextField(
        help_text="Markdown: blank line between paragraphs, ## for a heading, - for a list, "
        "[text](https://address) for a link."
    )
    needs_input = models.TextField(
        "needs input from EMSOU",
        blank=True,
        help_text="What this page still needs from EMSOU before it is complete, for example a contact address. "
        "The admin home page lists the page until you empty this box.",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_default=Now())
    updated_at = models.DateTimeField(
        auto_now=True, null=True, help_text="When an editor last saved the page; empty for seed content never edited."
    )

    objects = SitePageManager()

    class Meta:
        ordering = ["title"]
        verbose_name = "site page"
        indexes = [search_index("pages_sitepage_search", "title", "summary", "body")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        if self.slug == HOME_SLUG:
            return reverse("home")
        return reverse("pages:detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    @property
    def is_core(self):
        return self.slug in CORE_SLUGS
