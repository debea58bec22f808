"""The visitor's force area: the region's postcode districts, and the cookie that remembers the choice."""

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from core.visitor import forget, remember

from .models import Force

TABLE = Path(__file__).resolve().parent / "data" / "postcode_districts.csv"
ELSEWHERE = "elsewhere"
# Postcode areas with every district in the table: an unlisted district there is unknown, not outside the region.
REGION_AREAS = {"DE", "LE", "LN", "NG", "NN"}
POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})?$")
# The national site that finds any force from a postcode, shown as text for a postcode outside the region.
FORCE_FINDER = "www.police.uk"


@lru_cache(maxsize=1)
def districts():
    """Each postcode district in the table, with the force areas (slugs, and ELSEWHERE) it reaches."""
    with TABLE.open(newline="", encoding="utf-8") as table:
        return {row["district"]: tuple(row["areas"].split()) for row in csv.DictReader(table)}


def outward_code(text):
    """The outward code (district) of a UK postcode, or of a district typed alone: "ng31 6be" → "NG31"."""
    compact = re.sub(r"\s+", "", text or "").upper()
    match = POSTCODE.match(compact) if len(compact) <= 7 else None
    return match.group(1) if match else None


@dataclass
class Place:
    """Where a postcode district is: the region's forces it reaches, and whether it reaches beyond them."""

    district: str
    forces: list = field(default_factory=list)
    elsewhere: bool = False
    listed: bool = True

    @property
    def force(self):
        """The one force, when the district lies wholly in one force area; the table never guesses."""
        return self.forces[0] if len(self.forces) == 1 and not self.elsewhere else None

    @property
    def outside(self):
        return self.elsewhere and not self.forces


def find_place(postcode):
    """The Place of a postcode's district; None if the text is not a postcode."""
    district = outward_code(postcode)
    if district is None:
        return None
    areas = districts().get(district)
    if areas is None:
        area = re.match(r"[A-Z]+", district).group()
        return Place(district, elsewhere=area not in REGION_AREAS, listed=False)
    found = {force.slug: force for force in Force.objects.filter(slug__in=areas)}
    return Place(district, [found[slug] for slug in areas if slug in found], elsewhere=ELSEWHERE in areas)


def chosen_area(request):
    """The force area the visitor chose, from their cookie; None if none (or one that no longer exists)."""
    if not hasattr(request, "_chosen_area"):
        slug = request.COOKIES.get(settings.AREA_COOKIE, "")
        request._chosen_area = Force.objects.filter(slug=slug).first() if 0 < len(slug) <= 50 else None
    return request._chosen_area


def remember_area(response, force):
    remember(response, settings.AREA_COOKIE, force.slug, settings.AREA_COOKIE_AGE)


def forget_area(response):
    forget(response, settings.AREA_COOKIE)
