"""The admin base every content model uses: each path that changes content keeps history and loses nothing."""

import json

import reversion
from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminSplitDateTime, AdminTextareaWidget, RelatedFieldWidgetWrapper
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.forms.formsets import all_valid
from django.http import Http404
from django.shortcuts import redirect
from django.template.defaultfilters import pluralize
from django.template.response import TemplateResponse
from django.urls import path, resolve
from django.utils import dateformat, timezone
from django.utils.text import capfirst
from reversion.models import Version
from reversion_compare.admin import CompareVersionAdmin

from .forms import ConflictCheckForm, TextField
from .history import incoming_links, restore_links, revision, save_final_version
from .images import IllustratedForm
from .models import REVIEW_AFTER, PreviewLink, Redirect
from .preview import PREVIEW_HEADERS, make_preview_link
from .templatetags.markup import lost_in_rendering

FORM_FIELDS = {
    # Editors paste addresses without a scheme; assume the secure one.
    models.URLField: {"assume_scheme": "https"},
    models.TextField: {"form_class": TextField, "widget": AdminTextareaWidget},
}


class IllustratedHistoryForm(ConflictCheckForm, IllustratedForm):
    """The form for records with an image: edit conflicts caught, and a sound upload kept across errors."""


class HistoryAdmin(CompareVersionAdmin):
    """The admin for content: history you can compare, and nothing lost on any path.

    - bulk actions save record by record, each with its revision and Recent actions entry;
    - deletion keeps a final version and the links other records held, which recovery puts back;
    - a second editor's save over someone else's is refused, with what changed, keeping their text;
    - Preview renders the public page from the unsaved form; a preview link shows it to someone signed out;
    - a new web address keeps the old one working; review-by dates move a year on at each edit.
    """

    form = ConflictCheckForm
    formfield_overrides = FORM_FIELDS
    change_form_template = "admin/history_change_form.html"

    # Saving

    def save_model(self, request, obj, form, change):
        old = type(obj)._default_manager.filter(pk=obj.pk).first() if change else None
        if hasattr(obj, "review_by") and "review_by" not in form.changed_data:
            obj.review_by = timezone.localdate() + REVIEW_AFTER
        super().save_model(request, obj, form, change)
        if old is not None and hasattr(obj, "get_absolute_url"):
            Redirect.objects.record_move(obj, old.get_absolute_url())
        for name in form.changed_data:
            field = form.fields[name]
            if isinstance(field, TextField):
                lost = lost_in_rendering(form.cleaned_data.get(name))
                if lost:
                    messages.warning(
                        request, f"{capfirst(field.label)}: the public page will not show {'; '.join(lost)}."
                    )

    def note_in_history(self, request, note):
        """Words said first in this save's History entry and Recent actions, e.g. "Published" or a stage change."""
        request.history_note = note

    def log_addition(self, request, obj, message):
        return super().log_addition(request, obj, _with_note(request, message))

    def log_change(self, request, obj, message):
        return super().log_change(request, obj, _with_note(request, message))

    def change_each(self, request, queryset, change, message):
        """Apply change(obj) to each record as its own save, so History and Recent actions record every one."""
        changed = 0
        for obj in queryset:
            if change(obj) is False:
                continue
            with transaction.atomic(), revision(message, request.user):
                obj.save()
                self.log_change(request, obj, message)
            changed += 1
        return changed

    def changelist_view(self, request, extra_context=None):
        """Actions keep their own revision per record; VersionAdmin's one request-wide revision would merge
        them, and would be saved only after a bulk delete, when the deleted records are gone."""
        if request.method == "POST" and "action" in request.POST and "_save" not in request.POST:
            context = {"has_change_permission": self.has_change_permission(request), **(extra_context or {})}
            return admin.ModelAdmin.changelist_view(self, request, context)
        return super().changelist_view(request, extra_context)

    # Forms

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """A record opened for editing gets a first version in History if it has none, so a later edit
        conflict can show exactly what changed, and the original can always be restored."""
        if request.method == "GET":
            obj = self.get_object(request, unquote(object_id))
            if obj is not None and not Version.objects.get_for_object(obj).exists():
                with revision("The version as it was before anyone edited it here."):
                    reversion.add_to_revision(obj)
        return super().change_view(request, object_id, form_url, extra_context)

    def get_fieldsets(self, request, obj=None):
        """Every form carries the hidden token that catches a second editor's save."""
        fieldsets = super().get_fieldsets(request, obj)
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], "edit_token"]}), *rest]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        """Choosers of a force or a main unit offer no delete button: deleting belongs on the record's own page.
        A date-and-time field's two boxes each get a name a screen reader can say."""
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield and isinstance(formfield.widget, RelatedFieldWidgetWrapper):
            formfield.widget.can_delete_related = False
        if formfield and isinstance(formfield.widget, AdminSplitDateTime):
            label = capfirst(formfield.label)
            formfield.widget.widgets[0].attrs["aria-label"] = f"{label}: date"
            formfield.widget.widgets[1].attrs["aria-label"] = f"{label}: time"
        return formfield

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["preview_links"] = PreviewLink.objects.filter(
                content_type__app_label=obj._meta.app_label,
                content_type__model=obj._meta.model_name,
                object_id=obj.pk,
                expires_at__gt=timezone.now(),
            )
            context["can_share_preview"] = request.user.has_perm("core.add_previewlink")
        context["has_public_page"] = hasattr(self.model, "get_absolute_url")
        return super().render_change_form(request, context, add, change, form_url, obj)

    # Deleting and recovering

    def delete_model(self, request, obj):
        with transaction.atomic():
            save_final_version(obj, request.user)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        """Bulk delete goes record by record, so each keeps its final version and its links."""
        for obj in queryset:
            self.delete_model(request, obj)

    def get_deleted_objects(self, objs, request):
        """The delete page in plain words: "Linked from 1 article: …", not the link table's rows."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        link_tables = [capfirst(t._meta.verbose_name) for t in _link_tables(self.model) if t._meta.auto_created]
        deleted = _drop_lines(deleted, tuple(f"{name}: " for name in link_tables))
        counts = {
            name: count
            for name, count in counts.items()
            if not any(name.lower().startswith(table.lower()) for table in link_tables)
        }
        for obj in objs:
            for model, _field, holders in incoming_links(obj):
                names = "; ".join(f"“{holder}”" for holder in holders)
                noun = model._meta.verbose_name if len(holders) == 1 else model._meta.verbose_name_plural
                deleted.append(
                    f"“{obj}” is linked from {len(holders)} {noun}: {names}. The link{pluralize(len(holders))} "
                    "will be removed, and put back if it is recovered from History."
                )
        return deleted, counts, perms_needed, protected

    def recover_view(self, request, version_id, extra_context=None):
        response = super().recover_view(request, version_id, extra_context)
        if request.method == "POST" and response.status_code == 302:
            version = Version.objects.get(pk=version_id)
            recovered = self.model._default_manager.filter(pk=version.object_id).first()
            if recovered is not None:
                holders = restore_links(recovered, version.revision, request.user)
                if holders:
                    LogEntry.objects.log_actions(
                        user_id=request.user.pk,
                        queryset=holders,
                        action_flag=CHANGE,
                        change_message=f"Link to “{recovered}” restored when it was recovered.",
                    )
        return response

    # Previews

    def get_urls(self):
        info = f"{self.model._meta.app_label}_{self.model._meta.model_name}"
        view = self.admin_site.admin_view
        return [
            path("add/preview/", view(self.preview_view), name=f"{info}_add_preview"),
            path("<path:object_id>/preview/", view(self.preview_view), name=f"{info}_preview"),
            path("<path:object_id>/preview-link/", view(self.preview_link_view), name=f"{info}_preview_link"),
            *super().get_urls(),
        ]

    def preview_view(self, request, object_id=None):
        """The public page as it would look with the form's unsaved changes. Nothing is saved or made public."""
        obj = self.get_object(request, unquote(object_id)) if object_id else None
        if (object_id and obj is None) or not hasattr(self.model, "get_absolute_url"):
            raise Http404
        allowed = self.has_change_permission(request, obj) if obj else self.has_add_permission(request)
        if not allowed:
            raise PermissionDenied
        if request.method != "POST":
            return redirect("..")
        form = self.get_form(request, obj, change=obj is not None)(request.POST, request.FILES, instance=obj)
        form.previewing = True
        formsets, _ = self._create_formsets(request, form.instance, change=obj is not None)
        if not (form.is_valid() and all_valid(formsets)):
            context = {
                **self.admin_site.each_context(request),
                "form": form,
                "formsets": formsets,
                "opts": self.model._meta,
            }
            response = TemplateResponse(request, "admin/preview_invalid.html", context)
        else:
            response = _render_unsaved(request, self, form, formsets, obj is not None)
        for header, value in PREVIEW_HEADERS.items():
            response[header] = value
        return response

    def preview_link_view(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not hasattr(obj, "get_absolute_url"):
            raise Http404
        if not request.user.has_perm("core.add_previewlink"):
            raise PermissionDenied
        if request.method == "POST":
            link = make_preview_link(obj, request.user)
            address = request.build_absolute_uri(link.get_absolute_url())
            messages.success(
                request,
                f"Preview link for “{obj}”, for someone who is not signed in. It shows the saved version, read-only, "
                f"until {dateformat.format(timezone.localtime(link.expires_at), 'j M Y, H:i')}: {address}",
            )
        return redirect("..")


def _with_note(request, message):
    note = getattr(request, "history_note", "")
    if not note:
        return message
    if isinstance(message, list):
        message = LogEntry(change_message=json.dumps(message)).get_change_message()
    return f"{note}. {message}".strip()


class _Rollback(Exception):
    def __init__(self, response):
        self.response = response


def _render_unsaved(request, model_admin, form, formsets, change):
    """Save the form inside a transaction, render the record's public page, then roll everything back."""
    try:
        with transaction.atomic():
            obj = model_admin.save_form(request, form, change)
            obj.save()
            form.save_m2m()
            for formset in formsets:
                model_admin.save_formset(request, form, formset, change)
            match = resolve(obj.get_absolute_url())
            request.method = "GET"
            request.preview = True  # nothing this request renders is read from or kept in the caches
            request.form_preview = True
            request.preview_note = "Preview of your unsaved changes. Nothing is saved or public until you save."
            response = match.func(request, *match.args, **match.kwargs)
            if hasattr(response, "render"):
                response.render()
            raise _Rollback(response)
    except _Rollback as rollback:
        return rollback.response


def _link_tables(model):
    """The tables behind model's many-to-many links, in both directions."""
    for field in model._meta.get_fields():
        if field.many_to_many:
            yield field.remote_field.through if isinstance(field, models.ManyToManyField) else field.through


def _drop_lines(items, prefixes):
    kept = []
    for item in items:
        if isinstance(item, list):
            nested = _drop_lines(item, prefixes)
            if nested:
                kept.append(nested)
        elif not str(item).startswith(prefixes):
            kept.append(item)
    return kept


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    """Old addresses that still work. Made automatically when a web address changes; editors may remove them."""

    list_display = ["old_path", "leads_to", "created_at"]
    search_fields = ["old_path"]
    list_per_page = 50

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="Leads to")
    def leads_to(self, redirect):
        return redirect.destination() or "Nowhere: the record is deleted or not public, so the old address is not found"


@admin.register(PreviewLink)
class PreviewLinkAdmin(admin.ModelAdmin):
    """Preview links sent to people who are not signed in. Delete one to stop it working at once."""

    list_display = ["target", "created_by", "created_at", "expires_at"]
    list_select_related = ["created_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
