from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from units.models import SlugManager

HOME_SLUG = "home"
# Pages the site links to everywhere: editors change them but cannot delete them or change their slugs.
CORE_SLUGS = {HOME_SLUG, "about", "accessibility", "privacy"}
# Slugs that would collide with the site's own addresses.
RESERVED_SLUGS = {"admin", "units", "news", "report", "static", "media", "sitemap", "feeds", "search"}


def validate_page_slug(slug):
    if slug in RESERVED_SLUGS:
        raise ValidationError("“%(slug)s” is used by another part of the site; choose another.", params={"slug": slug})


class SitePage(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(unique=True, validators=[validate_page_slug], help_text="The page's web address: /<slug>/.")
    summary = models.CharField(max_length=300, help_text="One sentence: shown under the title and to search engines.")
    body = models.TextField(
        help_text="Markdown: blank line between paragraphs, ## for a heading, - for a list, "
        "[text](https://address) for a link."
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = SlugManager()

    class Meta:
        ordering = ["title"]
        verbose_name = "site page"

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
