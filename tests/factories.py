"""Small, explicit test data: each behaviour test makes what it needs, so seed content can change freely."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from incidents.models import IncidentBanner
from news.legal import Stage
from news.models import Article, Case, Hearing, Result, Sentence, StatedFigure
from pages.models import SitePage
from units.models import ExternalLink, Force, ReportingRoute, Unit


class ForceFactory(DjangoModelFactory):
    class Meta:
        model = Force

    short_name = factory.Sequence(lambda n: f"Testshire {n}")
    name = factory.LazyAttribute(lambda force: f"{force.short_name} Police")
    slug = factory.LazyAttribute(lambda force: force.short_name.lower().replace(" ", "-"))
    website = factory.LazyAttribute(lambda force: f"https://{force.slug}.police.example/")


class UnitFactory(DjangoModelFactory):
    class Meta:
        model = Unit
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Test Unit {n}")
    slug = factory.LazyAttribute(lambda unit: unit.name.lower().replace(" ", "-"))
    summary = factory.LazyAttribute(lambda unit: f"What {unit.name} does, in one sentence.")
    body = "The unit's **work**, described."
    order = factory.Sequence(lambda n: n)
    is_published = True

    @factory.post_generation
    def forces(self, create, forces, **kwargs):
        if create and forces:
            self.forces.set(forces)


class TeamFactory(UnitFactory):
    main_unit = factory.SubFactory(UnitFactory)


class ExternalLinkFactory(DjangoModelFactory):
    class Meta:
        model = ExternalLink

    unit = factory.SubFactory(UnitFactory)
    title = factory.Sequence(lambda n: f"Partner site {n}")
    url = factory.Sequence(lambda n: f"https://partner{n}.example/")


class ArticleFactory(DjangoModelFactory):
    """A published article, a day old unless told otherwise; pass units=[...] to link units."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Test story number {n}")
    slug = factory.Sequence(lambda n: f"test-story-{n}")
    summary = factory.LazyAttribute(lambda article: f"Summary of {article.title}.")
    body = "First paragraph of the story.\n\nSecond paragraph."
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))

    class Params:
        draft = factory.Trait(status=Article.Status.DRAFT, published_at=None)

    @factory.post_generation
    def units(self, create, units, **kwargs):
        if create and units:
            self.units.set(units)


class SitePageFactory(DjangoModelFactory):
    class Meta:
        model = SitePage
        django_get_or_create = ("slug",)

    title = factory.Sequence(lambda n: f"Test page {n}")
    slug = factory.Sequence(lambda n: f"test-page-{n}")
    summary = "What this page is about."
    body = "## A heading\n\nA paragraph with a [link](https://example.org/)."


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


class CaseFactory(DjangoModelFactory):
    class Meta:
        model = Case
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Test case {n}")
    stage = Stage.INVESTIGATING

    @factory.post_generation
    def units(self, create, units, **kwargs):
        if create and units:
            self.units.set(units)


class HearingFactory(DjangoModelFactory):
    class Meta:
        model = Hearing

    case = factory.SubFactory(CaseFactory)
    date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    court = "Testshire Crown Court"
    description = "Trial"


class AppealFactory(ArticleFactory):
    """A published, open appeal for witnesses; kind=Article.Kind.WANTED or MISSING for one about a person."""

    kind = Article.Kind.APPEAL
    reference = factory.Sequence(lambda n: f"incident {100 + n} of 4 May 2026")


class ResultFactory(DjangoModelFactory):
    """A result reported by a published article, with one sentence per person convicted unless told otherwise."""

    class Meta:
        model = Result
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Result number {n}")
    slug = factory.Sequence(lambda n: f"result-{n}")
    unit = factory.SubFactory(UnitFactory)
    article = factory.SubFactory(ArticleFactory, kind=Article.Kind.RESULT)
    date = datetime.date(2025, 6, 12)
    people_convicted = 1

    @factory.post_generation
    def sentences(self, create, sentences, **kwargs):
        """sentences=[(years, months), …] or Sentence field dicts; the default is one sentence of 5 years."""
        if not create:
            return
        for person, sentence in enumerate([(5, 0)] if sentences is None else sentences, start=1):
            if isinstance(sentence, dict):
                Sentence.objects.create(result=self, person=person, **sentence)
            else:
                Sentence.objects.create(result=self, person=person, years=sentence[0], months=sentence[1])


class StatedFigureFactory(DjangoModelFactory):
    class Meta:
        model = StatedFigure

    figure = "44"
    description = factory.Sequence(lambda n: f"things counted, number {n}")
    period = "April 2019 to March 2020"
    source_name = "Testshire Police"
    slug = factory.Sequence(lambda n: f"figure-{n}")


class IncidentBannerFactory(DjangoModelFactory):
    """A site-wide banner showing now, for an hour."""

    class Meta:
        model = IncidentBanner

    message = "A major incident is under way in Testchester. Avoid the area."
    starts_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(minutes=1))
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(hours=1))


class ReportingRouteFactory(DjangoModelFactory):
    class Meta:
        model = ReportingRoute

    unit = factory.SubFactory(UnitFactory)
    route = "crimestoppers"
