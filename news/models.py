from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from emsou_site.images import IllustratedModel
from units.models import SlugManager


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """The single definition of an article the public may see."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def about(self, unit):
        """Articles about a unit or any of its published teams: the unit page and the news filter agree."""
        return self.filter(Q(units=unit) | Q(units__parent=unit, units__is_published=True)).distinct()


class ArticleManager(SlugManager.from_queryset(ArticleQuerySet)):
    pass


class Article(IllustratedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    class DatePrecision(models.TextChoices):
        MINUTE = "minute", "Date and time"
        DAY = "day", "Day"
        MONTH = "month", "Month only"
        YEAR = "year", "Year only"

    title = models.CharField(max_length=250)
    slug = models.SlugField(max_length=250, unique=True, help_text="Used in the web address: /news/<slug>/.")
    summary = models.CharField(
        max_length=400,
        help_text="One or two sentences for news lists and search engines. Not shown on the article’s own page.",
    )
    body = models.TextField(
        help_text="The full article. Markdown: blank line between paragraphs, ## for a heading, "
        "- for a list, [text](https://address) for a link."
    )
    published_at = models.DateTimeField(
        "publish date",
        default=timezone.now,
        db_index=True,
        help_text="A published article with a future date stays hidden until then.",
    )
    date_precision = models.CharField(
        "date shown as",
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.MINUTE,
        help_text="How much of the date to show: less when the exact date is not known.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    byline = models.CharField(max_length=150, blank=True, help_text="The author, if the article names one.")
    source_name = models.CharField(
        max_length=150, blank=True, help_text="Where the article was first published, e.g. “Leicestershire Police”."
    )
    source_url = models.URLField(
        "original web address", max_length=500, blank=True, help_text="The address of the original article."
    )
    area = models.ForeignKey(
        "units.Force",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles",
        help_text="The force area the story is about. Leave empty for a region-wide story.",
    )
    units = models.ManyToManyField("units.Unit", blank=True, related_name="articles", verbose_name="related units")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleManager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = "article"
        indexes = [models.Index(fields=["status", "-published_at"], name="news_published_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    @property
    def is_live(self):
        return self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()

    def related_articles(self, limit=3):
        return (
            Article.objects.published()
            .filter(units__in=self.units.all())
            .exclude(pk=self.pk)
            .select_related("area")
            .distinct()[:limit]
        )
