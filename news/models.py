import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Min, Q, Value, When
from django.db.models.functions import Now
from django.urls import reverse
from django.utils import timezone

from core.images import IllustratedModel
from core.models import Sensitive, SlugManager
from core.search import search_index
from units.models import Unit

from . import appeals, legal
from .legal import Stage

# /news/feed/ and /news/2020/ are the feeds and the archive, so no article can have those addresses.
RESERVED_SLUGS = {"feed"}


def validate_article_slug(slug):
    if slug in RESERVED_SLUGS or slug.isdigit():
        raise ValidationError(
            "“%(slug)s” is used by another part of the news section; choose another, with a letter in it.",
            params={"slug": slug},
        )


def _live(now):
    """Published, due, and not yet taken down: the one rule for what the public sees."""
    published = Q(status=Article.Status.PUBLISHED, published_at__lte=now)
    return published & (Q(expires_at__isnull=True) | Q(expires_at__gt=now))


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """The single definition of an article the public may see. Keep next_visibility_change() in step."""
        return self.filter(_live(timezone.now()))

    def gone(self):
        """Articles that were public and were taken down: withdrawn, or past their expiry. They answer 410."""
        now = timezone.now()
        return self.filter(Q(status=Article.Status.WITHDRAWN) | Q(status=Article.Status.PUBLISHED, expires_at__lte=now))

    def with_state(self):
        """Annotate each article's state as editors see it: draft, review, scheduled, live, expired or withdrawn."""
        now = timezone.now()
        return self.annotate(
            state=models.Case(
                When(_live(now), then=Value("live")),
                When(status=Article.Status.PUBLISHED, published_at__gt=now, then=Value("scheduled")),
                When(status=Article.Status.PUBLISHED, then=Value("expired")),
                default=F("status"),
                output_field=models.CharField(),
            )
        )

    def next_visibility_change(self):
        """When published() next changes with no one saving anything: a scheduled article goes live, or a live
        one reaches its take-down time."""
        now = timezone.now()
        coming = self.filter(status=Article.Status.PUBLISHED, published_at__gt=now).aggregate(m=Min("published_at"))
        leaving = self.filter(_live(now), expires_at__gt=now).aggregate(m=Min("expires_at"))
        return min((moment for moment in (coming["m"], leaving["m"]) if moment), default=None)

    def about(self, *units):
        """Articles about any of these units or their published teams: unit pages, filters and "related" agree."""
        return self.filter(Q(units__in=units) | Q(units__main_unit__in=units, units__is_published=True)).distinct()

    def for_area(self, force):
        """News for a force area (a force, or its slug): the area's own stories and the region-wide ones."""
        own = Q(area__slug=force) if isinstance(force, str) else Q(area=force)
        return self.filter(own | Q(area__isnull=True))

    def area_first(self, force):
        """All the news, the area's own stories first, then region-wide ones, then the rest; newest first in each."""
        priority = models.Case(
            When(area=force, then=Value(0)), When(area__isnull=True, then=Value(1)), default=Value(2)
        )
        return self.alias(priority=priority).order_by("priority", "-published_at", "-pk")

    def related_to(self, article, units):
        """ "More on this": other articles about the same units (and their teams), or about the same area."""
        same = Q(pk__in=self.about(*units).values("pk")) if units else Q(pk__in=[])
        if article.area_id:
            same |= Q(area_id=article.area_id)
        return self.filter(same).exclude(pk=article.pk)

    def earlier_than(self, article):
        """The articles published before this one, the closest first."""
        when = article.published_at
        return self.filter(Q(published_at__lt=when) | Q(published_at=when, pk__lt=article.pk)).order_by(
            "-published_at", "-pk"
        )

    def open_appeals(self):
        """Live appeals nobody has closed yet, the oldest first: none should be forgotten."""
        return self.published().filter(kind__in=Article.APPEALS, closed_at__isnull=True).order_by("published_at", "pk")

    def indexable(self):
        """What search engines may index: not the closed appeals whose person's details were removed."""
        return self.filter(details_removed_at__isnull=True)

    def later_than(self, article):
        """The articles published after this one, the closest first."""
        when = article.published_at
        return self.filter(Q(published_at__gt=when) | Q(published_at=when, pk__gt=article.pk)).order_by(
            "published_at", "pk"
        )


class ArticleManager(SlugManager.from_queryset(ArticleQuerySet)):
    pass


@reversion.register(follow=["change_notes"])
class Article(IllustratedModel, Sensitive):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"

    class DatePrecision(models.TextChoices):
        MINUTE = "minute", "Date and time"
        DAY = "day", "Day"
        MONTH = "month", "Month only"
        YEAR = "year", "Year only"

    class Kind(models.TextChoices):
        NEWS = "news", "News"
        APPEAL = "appeal", "Appeal for information or witnesses"
        WANTED = "wanted", "Wanted"
        MISSING = "missing", "Missing person"
        RESULT = "result", "Result"

    APPEALS = {Kind.APPEAL, Kind.WANTED, Kind.MISSING}
    # Closing these removes the person's name and image: forces do so once the person is found or arrested.
    ABOUT_A_PERSON = {Kind.WANTED, Kind.MISSING}

    title = models.CharField(max_length=250)
    kind = models.CharField(
        "type",
        max_length=10,
        choices=Kind.choices,
        default=Kind.NEWS,
        help_text="An appeal shows visitors how to respond (101 quoting the reference, Crimestoppers, 999) on its "
        "page, in the feeds and in what people share. A result holds the outcome as data (add it under Results).",
    )
    reference = models.CharField(
        "reference number",
        max_length=60,
        blank=True,
        help_text="Required for appeals: the reference people quote when they call 101, e.g. “incident 123 of 4 "
        "May 2026”.",
    )
    slug = models.SlugField(
        "web address",
        max_length=250,
        unique=True,
        validators=[validate_article_slug],
        help_text="The last part of the article’s address: /news/this-part/. Lower-case letters, numbers and "
        "hyphens. If you change it, the old address keeps working.",
    )
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
        null=True,
        blank=True,
        db_index=True,
        help_text="Leave empty to publish at the moment you publish. A future date schedules the article: it "
        "appears on the site at that moment. When only the year or month is known, say so under “Date shown "
        "as”: the rest of the date then only orders the news and is shown nowhere.",
    )
    date_precision = models.CharField(
        "date shown as",
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.MINUTE,
        help_text="How much of the publish date visitors see. Choose “Year only” or “Month only” when the "
        "exact day is not known, so the site never shows a day it made up.",
    )
    expires_at = models.DateTimeField(
        "take down at",
        null=True,
        blank=True,
        help_text="Optional. At this moment the article leaves the site by itself (its address then says it was "
        "taken down). Leave empty to keep it up.",
    )
    status = models.CharField(
        "state",
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
        help_text="Editors save drafts and submit them for review; a Publisher publishes, schedules or withdraws.",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        help_text="Who last changed the text: publishing their own unreviewed work needs a reason.",
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)
    withdrawn_reason = models.TextField(
        "reason for withdrawal",
        blank=True,
        help_text="Required to withdraw. Shown to the public at the article’s address, for example “The appeal "
        "has ended and the person’s details have been removed.”",
    )
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
    case = models.ForeignKey(
        "Case",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles",
        help_text="The investigation this article is about. While its proceedings are active, the article needs a "
        "legal check before it is published, and visitors are asked not to prejudice the case.",
    )
    image_is_custody = models.BooleanField(
        "custody image",
        default=False,
        help_text="Tick if the image is a custody photograph of a person. It can be published only in a “wanted” "
        "appeal, or once the case is at “Sentenced”.",
    )
    legal_checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    legal_checked_at = models.DateTimeField(null=True, blank=True, editable=False)
    legal_check_stage = models.CharField(max_length=20, blank=True, editable=False, choices=Stage.choices)
    legal_check_note = models.TextField(
        "what you checked",
        blank=True,
        help_text="A short note, kept in the article’s history, e.g. “No description of the suspect; no previous "
        "convictions; ‘charged with’ throughout.”",
    )
    closed_at = models.DateTimeField("appeal closed", null=True, blank=True, editable=False)
    details_removed_at = models.DateTimeField("person’s details removed", null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_default=Now())
    updated_at = models.DateTimeField(
        auto_now=True, null=True, help_text="When the article was last saved here; empty for seed content never edited."
    )

    objects = ArticleManager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = "article"
        indexes = [
            # In the list's own order, so a page of the news, however deep, is read from the index alone.
            models.Index(fields=["status", "-published_at", "-id"], name="news_published_order_idx"),
            search_index("news_article_search", "title", "summary", "body"),
        ]
        permissions = [("publish_article", "Can publish, schedule, withdraw and approve articles")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        super().clean()
        if self.kind in self.APPEALS and not self.reference.strip():
            raise ValidationError(
                {"reference": "An appeal needs its reference number: people quote it when they call 101."}
            )

    @property
    def is_wanted(self):
        return self.kind == self.Kind.WANTED

    @property
    def is_appeal(self):
        return self.kind in self.APPEALS

    @property
    def is_open_appeal(self):
        return self.is_appeal and self.closed_at is None

    @property
    def is_redacted(self):
        """A closed wanted or missing-person appeal: its text and image no longer name the person, and search
        engines are asked not to index it."""
        return self.details_removed_at is not None

    @property
    def response(self):
        """How to respond to an open appeal, most useful first (see news.appeals); nothing otherwise."""
        return appeals.response(self) if self.is_open_appeal else []

    @property
    def closed_notice(self):
        return appeals.CLOSED_NOTICE if self.is_appeal and self.closed_at else ""

    @property
    def public_description(self):
        """What lists, feeds, share previews and search engines say of the article: its summary, then how to
        respond to an open appeal, or that the appeal is closed."""
        return " ".join(part for part in (self.summary, appeals.response_sentence(self), self.closed_notice) if part)

    @property
    def share_text(self):
        """The text a share link carries: the title, and for an open appeal how to respond."""
        return " ".join(part for part in (self.title, appeals.response_sentence(self)) if part)

    def save(self, *args, **kwargs):
        """An article published without a date is published now: its date is the moment it went out."""
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "published_at"}
        super().save(*args, **kwargs)


@reversion.register()
class ChangeNote(models.Model):
    """A public note that a published article was updated, shown on the article and carried by the feeds."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="change_notes")
    noted_at = models.DateTimeField("date", default=timezone.now, help_text="When the article was updated.")
    text = models.CharField(
        "what changed",
        max_length=300,
        help_text="One sentence for the public, e.g. “The suspect has been charged.”",
    )

    class Meta:
        ordering = ["noted_at", "pk"]
        verbose_name = "change note"

    def __str__(self):
        return self.text


class CaseQuerySet(models.QuerySet):
    def active(self):
        """Cases whose proceedings are active (news.legal)."""
        return self.filter(legal.active_proceedings())


@reversion.register(follow=["hearings"])
class Case(models.Model):
    """One investigation, and the articles about it: its legal stage decides what may be published."""

    name = models.CharField(
        max_length=200,
        unique=True,
        help_text="How the newsroom knows the case, e.g. “Fleckney murder”. For staff only: never shown on the site.",
    )
    operation_name = models.CharField(
        max_length=100,
        blank=True,
        help_text="Optional, e.g. “Operation Tide”. Shown on the case’s articles; leave empty until it is public.",
    )
    units = models.ManyToManyField(Unit, blank=True, related_name="cases", verbose_name="units")
    area = models.ForeignKey(
        "units.Force",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
        help_text="The force area of the case. Leave empty for a case across the region.",
    )
    stage = models.CharField(
        max_length=20,
        choices=Stage.choices,
        default=Stage.INVESTIGATING,
        help_text="Where the case stands in law. Proceedings are active from an arrest until sentence, acquittal "
        "or release without charge (move it back from “Arrest made” to “Investigating”). The site refuses a move "
        "the law does not allow, such as “Sentenced” without a charge.",
    )
    warrant_issued = models.BooleanField(
        "warrant issued",
        default=False,
        help_text="Tick when a warrant has been issued for someone’s arrest: proceedings are active from then, "
        "even before the arrest.",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_default=Now())
    updated_at = models.DateTimeField(auto_now=True, null=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "case"

    def __str__(self):
        return self.name

    @property
    def proceedings_active(self):
        return legal.proceedings_active(self.stage, self.warrant_issued)

    @property
    def public_notice(self):
        """What articles about the case ask of readers while proceedings are active."""
        return legal.PUBLIC_NOTICE if self.proceedings_active else ""


@reversion.register()
class Hearing(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="hearings")
    date = models.DateField()
    court = models.CharField(max_length=150, blank=True, help_text="Optional, e.g. “Leicester Crown Court”.")
    description = models.CharField(
        "what it is", max_length=150, blank=True, help_text="Optional, e.g. “First appearance”, “Trial”, “Sentencing”."
    )

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = "hearing"

    def __str__(self):
        return " — ".join(part for part in (f"{self.date:%d %b %Y}", self.court, self.description) if part)


NOT_NEGATIVE = "%(label)s cannot be negative."


def not_negative(label):
    return MinValueValidator(0, NOT_NEGATIVE % {"label": label})


class ResultQuerySet(models.QuerySet):
    def published(self):
        """The results the public may see: reported by a published article (theirs, or one about their case),
        and credited to a unit the public may see."""
        live = Article.objects.published()
        reported = Q(article__in=live) | Q(article__isnull=True, case__in=Case.objects.filter(articles__in=live))
        return self.filter(reported, unit__in=Unit.objects.published())

    def of_unit(self, unit):
        """A unit's record: its own results and its teams'."""
        return self.filter(Q(unit=unit) | Q(unit__main_unit=unit))


class ResultManager(SlugManager.from_queryset(ResultQuerySet)):
    pass


@reversion.register(follow=["sentences"])
class Result(models.Model):
    """The outcome of a case as data: convictions, sentences and sums, added up on the numbers pages."""

    class DatePrecision(models.TextChoices):
        DAY = "day", "The day"
        MONTH = "month", "Month only"
        YEAR = "year", "Year only"
        REPORTED = "reported", "Only the month it was reported"

    title = models.CharField(
        max_length=200,
        help_text="The result in a few words, without names, e.g. “Drug dealer jailed for 12 years”. Shown with "
        "the figures.",
    )
    slug = models.SlugField("short name", max_length=200, unique=True, help_text="Filled in from the title.")
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.PROTECT, related_name="results")
    article = models.ForeignKey(
        Article,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="results",
        verbose_name="reported in",
        help_text="The article that reports the result. The result counts in the public figures once this article "
        "(or, if you leave it empty, an article about the case) is published.",
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="results", help_text="The unit whose record this result is."
    )
    date = models.DateField(
        help_text="When the sentence or order was made. When only the month or year is known, or only when it was "
        "reported, give that and say so under “Date known as”.",
    )
    date_precision = models.CharField(
        "date known as",
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text="How much of the date is known, so the site never shows a day it made up. “Only the month it was "
        "reported”: the result came on or before that month, e.g. “reported in May 2020”.",
    )
    people_convicted = models.SmallIntegerField(
        "people convicted", default=0, validators=[not_negative("The number of people convicted")]
    )
    confiscated = models.DecimalField(
        "confiscation orders (£)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[not_negative("A sum")],
        help_text="Optional: the total of the confiscation orders made.",
    )
    forfeited = models.DecimalField(
        "forfeited (£)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[not_negative("A sum")],
        help_text="Optional: the total forfeited (cash, accounts, property).",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_default=Now())
    updated_at = models.DateTimeField(auto_now=True, null=True)

    objects = ResultManager()

    class Meta:
        ordering = ["-date", "pk"]
        verbose_name = "result"
        constraints = [
            models.CheckConstraint(condition=Q(people_convicted__gte=0), name="result_convicted_not_negative"),
            models.CheckConstraint(
                condition=Q(case__isnull=False) | Q(article__isnull=False), name="result_has_case_or_article"
            ),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = ["news.article", "units.unit"]

    def clean(self):
        super().clean()
        if self.case_id is None and self.article_id is None:
            raise ValidationError(
                "Link the result to its case, or to the article that reports it: it counts in the public figures "
                "once an article about it is published."
            )
        if not (self.people_convicted or self.confiscated or self.forfeited):
            raise ValidationError(
                "Record the outcome: the number of people convicted, or a sum confiscated or forfeited."
            )

    @property
    def recovered(self):
        return (self.confiscated or 0) + (self.forfeited or 0)

    @property
    def date_known(self):
        """The date to the precision it is known: (ISO 8601, words), e.g. ("2020-05", "reported in May 2020")."""
        date, precision = self.date, self.date_precision
        if precision == self.DatePrecision.YEAR:
            return f"{date:%Y}", f"{date:%Y}"
        if precision == self.DatePrecision.DAY:
            return f"{date:%Y-%m-%d}", f"{date.day} {date:%B %Y}"
        words = f"{date:%B %Y}"
        return f"{date:%Y-%m}", f"reported in {words}" if precision == self.DatePrecision.REPORTED else words


class SentenceManager(models.Manager):
    def get_by_natural_key(self, result_slug, person):
        return self.get(result__slug=result_slug, person=person)


@reversion.register()
class Sentence(models.Model):
    """The sentence one person received, as data: its length, and whether it is suspended or for life."""

    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="sentences")
    person = models.SmallIntegerField(
        default=1,
        validators=[MinValueValidator(1, "Number the people convicted from 1.")],
        help_text="Which of the people convicted: 1, 2, 3 …",
    )
    years = models.SmallIntegerField(
        default=0,
        validators=[not_negative("A sentence"), MaxValueValidator(99, "Give the length in years (at most 99).")],
    )
    months = models.SmallIntegerField(
        default=0,
        validators=[not_negative("A sentence"), MaxValueValidator(11, "Give 12 months or more as years and months.")],
    )
    life = models.BooleanField(
        "life sentence", default=False, help_text="For a life sentence, give the minimum term as the years and months."
    )
    suspended = models.BooleanField(default=False)

    objects = SentenceManager()

    class Meta:
        ordering = ["person", "pk"]
        verbose_name = "sentence"
        constraints = [
            models.UniqueConstraint(fields=["result", "person"], name="one_sentence_per_person"),
            models.CheckConstraint(condition=Q(years__gte=0, months__gte=0), name="sentence_not_negative"),
        ]

    def __str__(self):
        return self.described()

    def natural_key(self):
        return (*self.result.natural_key(), self.person)

    natural_key.dependencies = ["news.result"]

    @property
    def length_in_months(self):
        return (self.years or 0) * 12 + (self.months or 0)

    def clean(self):
        super().clean()
        if self.years is None or self.months is None or self.years < 0 or self.months < 0:
            return  # the fields' own checks say what is wrong
        if self.length_in_months == 0:
            raise ValidationError({"years": "Give the length of the sentence (for life, its minimum term)."})
        if self.life and self.suspended:
            raise ValidationError({"suspended": "A life sentence cannot be suspended."})
        if self.suspended and self.length_in_months > 24:
            raise ValidationError({"suspended": "A suspended sentence is at most two years."})

    def described(self):
        """The sentence in words: "12 years", "Life, with a minimum term of 32 years", "18 months, suspended"."""
        years, months = divmod(self.length_in_months, 12)
        parts = [f"{years} year{'s' if years != 1 else ''}"] if years else []
        parts += [f"{months} month{'s' if months != 1 else ''}"] if months else []
        length = " and ".join(parts)
        if self.life:
            return f"Life, with a minimum term of {length}"
        return f"{length}, suspended" if self.suspended else length


class StatedFigureQuerySet(models.QuerySet):
    def published(self):
        """Figures about EMSOU as a whole, or about a unit the public may see."""
        return self.filter(Q(unit__isnull=True) | Q(unit__in=Unit.objects.published()))


class StatedFigureManager(SlugManager.from_queryset(StatedFigureQuerySet)):
    pass


@reversion.register()
class StatedFigure(models.Model):
    """A figure a source gives as a statement ("44 homicides, April 2019 to March 2020"): shown as such, with its
    period and source, and never added into the sums of published results."""

    figure = models.CharField(max_length=60, help_text="As the source gives it, e.g. “44” or “More than £1.6 million”.")
    description = models.CharField(
        "what it counts",
        max_length=300,
        help_text="As the source says it, e.g. “homicides investigated”. Read after the figure.",
    )
    period = models.CharField(
        max_length=100, help_text="The period it covers, as the source gives it, e.g. “April 2019 to March 2020”."
    )
    unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="stated_figures",
        help_text="The unit it is about; leave empty for EMSOU as a whole.",
    )
    source_name = models.CharField(
        "source", max_length=150, help_text="Who gave the figure, e.g. “Leicestershire Police”."
    )
    source_url = models.URLField("source’s web address", max_length=500, blank=True)
    source_date = models.DateField("date of the source", null=True, blank=True)
    slug = models.SlugField("short name", max_length=100, unique=True, help_text="Filled in from the figure.")
    order = models.PositiveSmallIntegerField("display order", default=100)

    objects = StatedFigureManager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "figure stated by a source"
        verbose_name_plural = "figures stated by sources"

    def __str__(self):
        return f"{self.figure} {self.description}"

    def natural_key(self):
        return (self.slug,)
