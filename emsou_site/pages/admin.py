from django.contrib import admin
from reversion.admin import VersionAdmin

from .models import SitePage


@admin.register(SitePage)
class SitePageAdmin(VersionAdmin):
    list_display = ["title", "slug", "updated_at"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["title", "slug", "summary", "body"]

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj and obj.is_core else self.prepopulated_fields

    def get_readonly_fields(self, request, obj=None):
        """The site links to its core pages by slug, so their slugs stay fixed."""
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
