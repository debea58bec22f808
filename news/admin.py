from django.contrib import admin, messages
from django.utils import timezone
from reversion.admin import VersionAdmin

from units.admin import HTTPS_URLS

from .models import Article


@admin.register(Article)
class ArticleAdmin(VersionAdmin):
    list_display = ["title", "status", "published_at", "area", "is_live"]
    list_filter = ["status", "area", "units"]
    date_hierarchy = "published_at"
    search_fields = ["title", "summary", "body", "byline"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["units"]
    radio_fields = {"status": admin.HORIZONTAL, "date_precision": admin.HORIZONTAL}
    actions = ["publish", "make_draft"]
    save_on_top = True
    formfield_overrides = HTTPS_URLS
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body"]}),
        ("Publishing", {"fields": ["status", "published_at", "date_precision"]}),
        ("About the story", {"fields": ["area", "units", "byline"]}),
        ("Original source", {"fields": ["source_name", "source_url"]}),
        ("Image", {"fields": ["image", "image_alt"], "classes": ["collapse"]}),
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "area":
            kwargs["empty_label"] = "Region-wide (all five forces)"
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(boolean=True, description="On the public site")
    def is_live(self, article):
        return article.is_live

    @admin.action(description="Publish the selected articles", permissions=["change"])
    def publish(self, request, queryset):
        count = queryset.update(status=Article.Status.PUBLISHED, updated_at=timezone.now())
        self.message_user(request, f"Published {count} article(s).", messages.SUCCESS)

    @admin.action(description="Return the selected articles to draft", permissions=["change"])
    def make_draft(self, request, queryset):
        count = queryset.update(status=Article.Status.DRAFT, updated_at=timezone.now())
        self.message_user(request, f"Returned {count} article(s) to draft.", messages.SUCCESS)
