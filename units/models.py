from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from emsou_site.images import IllustratedModel


class SlugManager(models.Manager):
    """Looks records up by slug, so fixtures use natural keys and load twice without duplicates."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Force(models.Model):
    name = models.CharField(max_length=100, unique=True, help_text="For example “Derbyshire Constabulary”.")
    short_name = models.CharField(
        max_length=50, unique=True, help_text="The area name used in lists and filters, e.g. “Derbyshire”."
    )
    slug = models.SlugField(unique=True, help_text="Used in web addresses; letters, numbers and hyphens only.")
    website = models.URLField(blank=True, help_text="The force's own website, linked from the footer.")

    objects = SlugManager()

    class Meta:
        ordering = ["short_name"]
        verbose_name = "force"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{reverse('news:list')}?area={self.slug}"

    def natural_key(self):
        return (self.slug,)


class UnitQuerySet(models.QuerySet):
    def published(self):
        """The units visitors may see: published, and under a published parent if they have one."""
        return self.filter(is_published=True).exclude(parent__is_published=False)

    def top_level(self):
        return self.filter(parent__isnull=True)


class UnitManager(SlugManager.from_queryset(UnitQuerySet)):
    pass


class Unit(IllustratedModel):
    name = models.CharField(max_length=150, unique=True)
    abbreviation = models.CharField(max_length=30, blank=True, help_text="For example “EMSOU-MC”. Optional.")
    slug = models.SlugField(max_length=150, unique=True, help_text="Used in the web address: /units/<slug>/.")
    summary = models.CharField(
        max_length=300,
        help_text="One sentence for unit cards and lists, and for search engines. Not shown on the unit’s own page.",
    )
    body = models.TextField(
        blank=True,
        help_text="The full description. Markdown: blank line between paragraphs, ## for a heading, "
        "- for a list, [text](https://address) for a link.",
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        limit_choices_to={"parent__isnull": True},
        verbose_name="part of",
        help_text="Leave empty for a main unit; choose one to make this a sub-team of it.",
    )
    forces = models.ManyToManyField("Force", blank=True, related_name="units", verbose_name="forces served")
    order = models.PositiveSmallIntegerField("display order", default=100, help_text="Lower numbers are shown first.")
    is_published = models.BooleanField(
        "published", default=True, help_text="Untick to hide this unit (and its sub-teams) from the public site."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = UnitManager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "unit"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("units:detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        super().clean()
        if self.parent_id is None:
            return
        if self.parent_id == self.pk:
            raise ValidationError({"parent": "A unit cannot be part of itself."})
        if self.parent.parent_id is not None:
            raise ValidationError({"parent": "Choose a main unit: sub-teams cannot have sub-teams of their own."})
        if self.pk and self.children.exists():
            raise ValidationError({"parent": "This unit has sub-teams, so it must stay a main unit."})


class ExternalLinkManager(models.Manager):
    def get_by_natural_key(self, unit_slug, url):
        return self.get(unit__slug=unit_slug, url=url)


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
