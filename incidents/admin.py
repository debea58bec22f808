from django import forms
from django.contrib import admin, messages
from django.utils import timezone

from core.admin import HistoryAdmin

from .models import IncidentBanner


@admin.register(IncidentBanner)
class IncidentBannerAdmin(HistoryAdmin):
    """Publishers raise a banner for a major incident; it shows at once and leaves by itself at its expiry."""

    list_display = ["__str__", "shown_on", "starts_at", "expires_at", "state"]
    list_select_related = ["unit"]
    search_fields = ["message"]
    actions = ["end_now"]
    fieldsets = [
        (None, {"fields": ["message", "casualty_bureau_number", "link_text", "link_url"]}),
        ("Where and when", {"fields": ["unit", "starts_at", "expires_at"]}),
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "message":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 3, "maxlength": db_field.max_length})
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "unit":
            formfield.empty_label = "Every page"
        return formfield

    @admin.display(description="Shown on")
    def shown_on(self, banner):
        return f"{banner.unit}’s pages" if banner.unit else "Every page"

    @admin.display(description="State")
    def state(self, banner):
        now = timezone.now()
        if banner.expires_at <= now:
            return "Ended"
        return "Showing now" if banner.starts_at <= now else "Waiting to start"

    @admin.action(description="End the selected banners now", permissions=["change"])
    def end_now(self, request, queryset):
        now = timezone.now()

        def end(banner):
            if banner.expires_at <= now:
                return False
            banner.starts_at = min(banner.starts_at, now)
            banner.expires_at = now

        count = self.change_each(request, queryset, end, "Ended now (bulk action).")
        self.message_user(request, f"Ended now: {count} banner(s).", messages.SUCCESS)
