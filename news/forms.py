from django import forms

from core.cache import cached_value
from units.models import Force, Unit

REGION_WIDE = "region"


class KeyedChoiceField(forms.ChoiceField):
    """A choice checked against a set of keys: the full list of choices is built only when the field is shown."""

    keys = frozenset()

    def valid_value(self, value):
        return value in self.keys


class NewsFilterForm(forms.Form):
    """The news filters. Values come from the query string, so anything may arrive here."""

    area = KeyedChoiceField(label="Area", required=False)
    unit = KeyedChoiceField(label="Unit", required=False)

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Plain values, kept for the content version: the choices are needed on every view of the news list.
        self.forces, self.units = cached_value(request, ("news-filter-choices",), self.load_choices)
        area, unit = self.fields["area"], self.fields["unit"]
        area.keys, unit.keys = frozenset(["", REGION_WIDE, *self.forces]), frozenset(["", *self.units])
        area.choices = lambda: [("", "All areas"), (REGION_WIDE, "Region-wide only"), *self.forces.items()]
        unit.choices = lambda: [("", "All units"), *((slug, name) for slug, (_pk, name) in self.units.items())]
        self.fields["area"].error_messages["invalid_choice"] = "There is no area called “%(value)s”."
        self.fields["unit"].error_messages["invalid_choice"] = "There is no unit called “%(value)s”."

    @staticmethod
    def load_choices():
        forces = dict(Force.objects.values_list("slug", "short_name"))
        units = {slug: (pk, name) for slug, pk, name in Unit.objects.published().values_list("slug", "pk", "name")}
        return forces, units

    def active(self):
        """The valid filters as (area, unit), "" where none: what the list shown depends on."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return data.get("area") or "", data.get("unit") or ""

    def filter(self, articles):
        """Narrow the articles to the valid filters; an area includes the region-wide stories."""
        area, unit = self.active()
        if area == REGION_WIDE:
            articles = articles.filter(area__isnull=True)
        elif area:
            articles = articles.for_area(area)
        if unit:
            articles = articles.about(self.units[unit][0])
        return articles

    def has_area(self):
        return bool(self.active()[0])

    def description(self):
        """The filters in words, for the page title and the results heading."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        parts = []
        if data.get("area") == REGION_WIDE:
            parts.append("region-wide")
        elif data.get("area"):
            parts.append(f"in {self.forces[data['area']]} and region-wide")
        if data.get("unit"):
            parts.append(f"about {self.units[data['unit']][1]}")
        return " ".join(parts)
