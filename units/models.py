import reversion
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Prefetch
from django.db.models.functions import Coalesce, Now
from django.urls import reverse
from django.utils.functional import cached_property

from core.images import IllustratedModel
from core.models import Reviewable, SlugManager
from core.search import search_index

from .reporting import UNIT_CHOICES


@reversion.register()
class Force(models.Model):
    name = models.CharField(max_length=100, unique=True, help_text="For example “Derbyshire Constabulary”.")
    short_name = models.CharField(
        max_length=50, unique=True, help_text="The area name used in lists and filters, e.g. “Derbyshire”."
    )
    slug = models.SlugField(
        "web address", unique=True, help_text="Used in news addresses: lower-case letters, numbers and hyphens."
    )
    website = models.URLField(blank=True, help_text="The force's own website, linked from the footer.")

    objects = SlugManager()

    class Meta:
        ordering = ["short_name"]
        verbose_name = "force"

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


# Each main unit followed by its own teams, each group in display order: for lists and choosers.
DISPLAY_ORDER = [
    Coalesce("main_unit__order", "order").asc(),
    Coalesce("main_unit__name", "name").asc(),
    F("main_unit").asc(nulls_first=True),
    "order",
    "name",
]


class UnitQuerySet(models.QuerySet):
    def published(self):
        """The units visitors may see: published, and within a published main unit if they are a team."""
        return self.filter(is_published=True).exclude(main_unit__is_published=False)

    def main_units(self):
        return self.filter(main_unit__isnull=True)

    def in_display_order(self):
        return self.order_by(*DISPLAY_ORDER)

    def with_published_teams(self):
        """Fetch each unit's published teams (`unit.published_teams`) in one query for the whole list."""
        return self.prefetch_related(Prefetch("teams", queryset=Unit.objects.published(), to_attr="published_teams"))


class UnitManager(SlugManager.from_queryset(UnitQuerySet)):
    pass


@reversion.register(follow=["links", "reporting_routes"])
class Unit(Reviewable, IllustratedModel):
    name = models.CharField(max_length=150, unique=True)
    abbreviation = models.CharField(max_length=30, blank=True, help_text="For example “EMSOU-MC”. Optional.")
    slug = models.SlugField(
        "web address",
        max_length=150,
        unique=True,
        help_text="The last part of the unit’s address: /units/this-part/. Lower-case letters, numbers and "
        "hyphens. If you change it, the old address keeps working.",
    )
    summary = models.CharField(
        max_length=300,
        help_text="One sentence for unit cards and lists, and for search engines. Not shown on the unit’s own page.",
    )
    body = models.TextField(
        blank=True,
        help_text="The full description. Markdown: blank line between paragraphs, ## for a heading, "
        "- for a list, [text](https://address) for a link.",
    )
    main_unit = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="teams",
        limit_choices_to={"main_unit__isnull": True},
        verbose_name="team of",
        help_text="Leave empty for a main unit. To make this unit a team within a main unit, choose the main unit.",
    )
    forces = models.ManyToManyField("Force", blank=True, related_name="units", verbose_name="forces served")
    order = models.PositiveSmallIntegerField("display order", default=100, help_text="Lower numbers are shown first.")
    is_published = models.BooleanField(
        "published", default=True, help_text="Untick to hide this unit (and its teams) from the public site."
    )
    created_at = models.DateTimeField(auto_now_add=True, db_default=Now())
    updated_at = models.DateTimeField(
        auto_now=True, null=True, help_text="When the unit was last saved here; empty for seed content never edited."
    )

    objects = UnitManager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "unit"
        indexes = [search_index("units_unit_search", "name", "summary", "body")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("units:detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    @cached_property
    def published_teams(self):
        """The teams visitors see; `Unit.objects.with_published_teams()` fetches them for a whole list at once."""
        return list(self.teams.published())

    def clean(self):
        super().clean()
        if self.main_unit_id is None:
            return
        if self.main_unit_id == self.pk:
            raise ValidationError({"main_unit": "A unit cannot be a team of itself."})
        if self.main_unit.main_unit_id is not None:
            raise ValidationError({"main_unit": "Choose a main unit: a team cannot have teams of its own."})
        if self.pk and self.teams.exists():
            raise ValidationError({"main_unit": "This unit has teams of its own, so it must stay a main unit."})


class ExternalLinkManager(models.Manager):
    def get_by_natural_key(self, unit_slug, url):
        return self.get(unit__slug=unit_slug, url=url)


@reversion.register()
class ExternalLink(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(max_length=150, help_text="The link text, saying where it goes, e.g. “Act Early”.")
    url = models.URLField("web address", max_length=500)
    order = models.PositiveSmallIntegerField("display order", default=100)

    objects = ExternalLinkManager()

    class Meta:
        ordering = ["order", "title"]
        verbose_name = "external link"
        constraints = [models.UniqueConstraint(fields=["unit", "url"], name="unique_link_per_unit")]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (*self.unit.natural_key(), self.url)

    natural_key.dependencies = ["units.unit"]


class ReportingRouteManager(models.Manager):
    def get_by_natural_key(self, unit_slug, route):
        return self.get(unit__slug=unit_slug, route=route)


@reversion.register()
class ReportingRoute(models.Model):
    """A way to report that a unit's page and its articles show first, chosen from the public services."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="reporting_routes")
    route = models.CharField(
        "way to report",
        max_length=30,
        choices=UNIT_CHOICES,
        help_text="Shown first on the unit’s page and its articles, before the general ways to report.",
    )
    order = models.PositiveSmallIntegerField("display order", default=100)

    objects = ReportingRouteManager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "reporting route"
        constraints = [models.UniqueConstraint(fields=["unit", "route"], name="unique_route_per_unit")]

    def __str__(self):
        return self.get_route_display()

    def natural_key(self):
        return (*self.unit.natural_key(), self.route)

    natural_key.dependencies = ["units.unit"]
