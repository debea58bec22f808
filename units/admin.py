from django import forms
from django.contrib import admin

from core.admin import FORM_FIELDS, HistoryAdmin, IllustratedHistoryForm
from core.images import IMAGE_FIELDS

from .models import DISPLAY_ORDER, ExternalLink, Force, ReportingRoute, Unit


@admin.register(Force)
class ForceAdmin(HistoryAdmin):
    list_display = ["name", "short_name", "website"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["short_name"]}


class ExternalLinkInline(admin.StackedInline):
    model = ExternalLink
    extra = 0
    formfield_overrides = FORM_FIELDS
    fields = ["title", "url", "order"]


class ReportingRouteInline(admin.StackedInline):
    model = ReportingRoute
    extra = 0
    fields = ["route", "order"]
    verbose_name_plural = "Ways to report, shown first on the unit’s page and its articles (then the general ones)"


class MainUnitFilter(admin.SimpleListFilter):
    title = "main unit"
    parameter_name = "main_unit"

    def lookups(self, request, model_admin):
        return [("none", "Main units only"), *((unit.pk, unit.name) for unit in Unit.objects.main_units())]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.main_units()
        return queryset.filter(main_unit_id=self.value()) if self.value() else queryset


class UnitOrderForm(forms.ModelForm):
    """A row of the unit list's editable display order, named for a screen reader."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["order"].widget.attrs["aria-label"] = f"Display order of {self.instance}"


@admin.register(Unit)
class UnitAdmin(HistoryAdmin):
    form = IllustratedHistoryForm
    list_display = ["indented_name", "abbreviation", "order", "is_published", "review_by"]
    list_display_links = ["indented_name"]
    list_select_related = ["main_unit"]
    list_editable = ["order"]
    list_filter = ["is_published", MainUnitFilter, "forces"]
    search_fields = ["name", "abbreviation"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ReportingRouteInline, ExternalLinkInline]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["name", "abbreviation", "slug", "main_unit", "summary", "body"]}),
        ("Where it works", {"fields": ["forces"]}),
        ("Image", {"fields": IMAGE_FIELDS, "classes": ["collapse"]}),
        ("Publishing", {"fields": ["is_published", "order", "review_by"]}),
    ]

    def get_ordering(self, request):
        return DISPLAY_ORDER

    def get_changelist_form(self, request, **kwargs):
        return super().get_changelist_form(request, form=UnitOrderForm, **kwargs)

    @admin.display(description="Unit", ordering="name")
    def indented_name(self, unit):
        return f"— {unit.name}" if unit.main_unit_id else unit.name

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "forces":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "main_unit":
            kwargs["queryset"] = Unit.objects.main_units()
            kwargs["empty_label"] = "None: this is a main unit"
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
