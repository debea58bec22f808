"""A large synthetic site for load tests and query-count tests: thousands of articles, made in seconds."""

import datetime

import reversion
from django.db import transaction
from django.utils import timezone

from core.cache import content_changed
from core.history import revision
from units.models import Force, Unit

from .models import Article

PREFIX = "bulk-"
BODY = "\n\n".join(
    [
        "Officers from the regional unit worked with colleagues in all five forces on this investigation, "
        "which began after intelligence was passed on by a member of the public.",
        "## What happened",
        "- Warrants were executed at addresses in the region.\n- Cash, phones and vehicles were seized.",
        "Anyone with information can call 101, or Crimestoppers anonymously on 0800 555 111. "
        "Read more on [the force's website](https://www.example.police.uk/).",
    ]
)


def build(articles, units, history=True):
    """Replace earlier synthetic content with `units` units (a fifth of them main units, the rest their teams)
    and `articles` published articles, one a day back from yesterday, each about one team and its unit.

    With history (the management command), the whole batch is one revision, as any command's change is."""
    with transaction.atomic():
        Article.objects.filter(slug__startswith=PREFIX).delete()
        Unit.objects.filter(slug__startswith=PREFIX, main_unit__isnull=False).delete()
        Unit.objects.filter(slug__startswith=PREFIX).delete()
        forces = list(Force.objects.all())
        if not forces:
            forces = Force.objects.bulk_create(
                Force(name=f"Bulkshire {n} Police", short_name=f"Bulkshire {n}", slug=f"{PREFIX}force-{n}")
                for n in range(5)
            )
        main_count = max(1, units // 5)
        mains = Unit.objects.bulk_create(
            Unit(name=f"Bulk unit {n}", slug=f"{PREFIX}unit-{n}", summary=f"What bulk unit {n} does.", body=BODY,
                 order=1000 + n)
            for n in range(main_count)
        )  # fmt: skip
        teams = Unit.objects.bulk_create(
            Unit(name=f"Bulk team {n}", slug=f"{PREFIX}team-{n}", summary=f"What bulk team {n} does.", body=BODY,
                 main_unit=mains[n % main_count], order=n)
            for n in range(units - main_count)
        )  # fmt: skip
        Unit.forces.through.objects.bulk_create(
            Unit.forces.through(unit_id=unit.pk, force_id=forces[n % len(forces)].pk)
            for n, unit in enumerate(mains + teams)
        )
        yesterday = timezone.now() - datetime.timedelta(days=1)
        made = Article.objects.bulk_create(
            (
                Article(
                    title=f"Bulk story {n}: regional operation leads to arrests",
                    slug=f"{PREFIX}story-{n}",
                    summary=f"Summary of bulk story {n}, one or two sentences long.",
                    body=BODY,
                    status=Article.Status.PUBLISHED,
                    published_at=yesterday - datetime.timedelta(days=n, minutes=n % 60),
                    area=forces[n % len(forces)] if n % 3 else None,
                )
                for n in range(articles)
            ),
            batch_size=1000,
        )
        about = teams or mains
        Article.units.through.objects.bulk_create(
            (Article.units.through(article_id=article.pk, unit_id=about[n % len(about)].pk) for n, article in
             enumerate(made)),
            batch_size=2000,
        )  # fmt: skip
        if history:
            with revision(f"Synthetic content for a load test: {articles} articles, {units} units."):
                for obj in [*mains, *teams, *made]:
                    reversion.add_to_revision(obj)
        content_changed()
    return mains, teams, made
