from django import forms
from django.db.models import Q

from units.models import Force, Unit

REGION_WIDE = "region"


class NewsFilterForm(forms.Form):
    """The news filters. Values come from the query string, so anything may arrive here."""

    area = forms.ChoiceField(label="Area", required=False)
    unit = forms.ChoiceField(label="Unit", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.forces = {force.slug: force for force in Force.objects.all()}
        self.units = {unit.slug: unit for unit in Unit.objects.published().select_related("parent")}
        self.fields["area"].choices = [
            ("", "All areas"),
            (REGION_WIDE, "Region-wide only"),
            *((slug, force.short_name) for slug, force in self.forces.items()),
        ]
        self.fields["unit"].choices = [("", "All units"), *((slug, str(unit)) for slug, unit in self.units.items())]
        self.fields["area"].error_messages["invalid_choice"] = "There is no area called “%(value)s”."
        self.fields["unit"].error_messages["invalid_choice"] = "There is no unit called “%(value)s”."

    def filter(self, articles):
        """Narrow the articles to the valid filters; an area includes the region-wide stories."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        area, unit = data.get("area"), data.get("unit")
        if area == REGION_WIDE:
            articles = articles.filter(area__isnull=True)
        elif area:
            articles = articles.filter(Q(area__slug=area) | Q(area__isnull=True))
        if unit:
            articles = articles.about(self.units[unit])
        return articles

    def description(self):
        """The filters in words, for the page title and the results heading."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        parts = []
        if data.get("area") == REGION_WIDE:
            parts.append("region-wide")
        elif data.get("area"):
            parts.append(f"in {self.forces[data['area']].short_name} and region-wide")
        if data.get("unit"):
            parts.append(f"about {self.units[data['unit']]}")
        return " ".join(parts)
