from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import F
from django.db.models.functions import Coalesce
from reversion.admin import VersionAdmin

from .models import ExternalLink, Force, Unit

# Editors paste addresses without a scheme; assume the secure one.
HTTPS_URLS = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Force)
class ForceAdmin(VersionAdmin):
    formfield_overrides = HTTPS_URLS
    list_display = ["name", "short_name", "website"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["short_name"]}


class ExternalLinkInline(admin.TabularInline):
    model = ExternalLink
    extra = 0
    formfield_overrides = HTTPS_URLS
    fields = ["title", "url", "order"]


@admin.register(Unit)
class UnitAdmin(VersionAdmin):
    list_display = ["name", "abbreviation", "parent", "order", "is_published", "updated_at"]
    list_display_links = ["name"]
    list_select_related = ["parent"]
    list_editable = ["order"]
    list_filter = ["is_published", ("parent", admin.RelatedOnlyFieldListFilter), "forces"]
    search_fields = ["name", "abbreviation", "summary", "body"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ExternalLinkInline]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["name", "abbreviation", "slug", "parent", "summary", "body"]}),
        ("Where it works", {"fields": ["forces"]}),
        ("Image", {"fields": ["image", "image_alt"], "classes": ["collapse"]}),
        ("Publishing", {"fields": ["is_published", "order"]}),
    ]

    def get_ordering(self, request):
        """Each main unit followed by its own sub-teams, in display order."""
        return [
            Coalesce("parent__order", "order").asc(),
            Coalesce("parent__name", "name").asc(),
            F("parent").asc(nulls_first=True),
            "order",
            "name",
        ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "forces":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)
