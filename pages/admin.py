from django.contrib import admin

from core.admin import HistoryAdmin

from .models import SitePage


class NeedsInputFilter(admin.SimpleListFilter):
    title = "input from EMSOU"
    parameter_name = "needs_input"

    def lookups(self, request, model_admin):
        return [("yes", "Needs input from EMSOU"), ("no", "Complete")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.needing_input()
        if self.value() == "no":
            return queryset.exclude(pk__in=queryset.needing_input())
        return queryset


@admin.register(SitePage)
class SitePageAdmin(HistoryAdmin):
    list_display = ["title", "slug", "complete", "updated_at", "review_by"]
    list_filter = [NeedsInputFilter]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["title", "slug", "summary", "body", "is_sensitive", "needs_input", "review_by"]

    @admin.display(description="complete", boolean=True, ordering="needs_input")
    def complete(self, page):
        """False while the page waits for input from EMSOU."""
        return not page.needs_input

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj and obj.is_core else self.prepopulated_fields

    def get_readonly_fields(self, request, obj=None):
        """The site links to its core pages by address, so their addresses stay fixed."""
        return ["slug"] if obj and obj.is_core else []

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_core:
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        """No bulk delete: pages are deleted one at a time, where core pages have no delete button."""
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions
