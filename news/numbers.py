"""The units' record, added up: published results by year and by unit, for the numbers page and the unit pages."""

from dataclasses import dataclass, field
from decimal import Decimal

from core.charts import bar_chart

from .models import Result


def duration(months):
    """A length of time in words: "51 years", "3 years and 6 months", "none"."""
    years, months = divmod(months, 12)
    parts = [f"{years:,} year{'s' if years != 1 else ''}"] if years else []
    parts += [f"{months} month{'s' if months != 1 else ''}"] if months else []
    return " and ".join(parts) or "none"


def pounds(amount):
    """£13,000, or £1,234.50 when there are pence."""
    amount = Decimal(amount or 0)
    return f"£{amount:,.0f}" if amount == amount.to_integral_value() else f"£{amount:,.2f}"


@dataclass
class Tally:
    """Published results added up. Suspended sentences are not custody; a life sentence counts its minimum term."""

    results: int = 0
    convicted: int = 0
    custody_months: int = 0
    life: int = 0
    suspended: int = 0
    recovered: Decimal = field(default_factory=Decimal)
    reported_only: int = 0

    def add(self, result):
        self.results += 1
        self.convicted += result.people_convicted
        self.recovered += result.recovered
        self.reported_only += result.date_precision == Result.DatePrecision.REPORTED
        for sentence in result.sentences.all():
            if sentence.suspended:
                self.suspended += 1
            else:
                self.custody_months += sentence.length_in_months
                self.life += sentence.life
        return self

    @property
    def custody(self):
        return duration(self.custody_months)

    @property
    def recovered_text(self):
        return pounds(self.recovered)


def tally(results):
    total = Tally()
    for result in results:
        total.add(result)
    return total


def by_year(results):
    """(year, Tally) for each year with results, the latest first. A result known only by when it was reported
    counts in the year it was reported."""
    years = {}
    for result in results:
        years.setdefault(result.date.year, Tally()).add(result)
    return sorted(years.items(), reverse=True)


def by_unit(results):
    """(main unit, Tally) for each unit with results, in display order; a team's results count for its main unit."""
    units = {}
    for result in results:
        unit = result.unit.main_unit or result.unit
        units.setdefault(unit, Tally()).add(result)
    return sorted(units.items(), key=lambda item: (item[0].order, item[0].name))


def record(results):
    """Everything the numbers page and a unit's panel show about these results (each with its sentences
    prefetched, and its unit's main unit joined)."""
    results = list(results)
    years = by_year(results)
    return {
        "results": results,
        "total": tally(results),
        "by_year": years,
        "custody_chart": bar_chart(
            "Years in custody, by the year of the result",
            [(str(year), each.custody_months / 12, each.custody) for year, each in years],
        ),
        "recovered_chart": bar_chart(
            "Money recovered through confiscation and forfeiture, by the year of the result",
            [(str(year), float(each.recovered), each.recovered_text) for year, each in years],
        ),
    }
