"""Form pieces the admin base class adds to every content form: honest change detection and edit conflicts."""

import hashlib

from django import forms
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import QuerySet
from django.db.models.fields.files import FieldFile
from django.utils import dateformat, timezone
from reversion.models import Version
from reversion_compare.helpers import html_diff


class TextField(forms.CharField):
    """Text as typed, with browsers' CRLF line endings made LF, so an untouched text area is not "changed"."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n") if value else value


def fingerprint(obj):
    """A short hash of the record as saved, with its links: any save by anyone changes it."""
    data = serializers.serialize("json", [obj])
    return hashlib.sha256(data.encode()).hexdigest()[:16]


def edit_token(obj):
    latest = Version.objects.get_for_object(obj).first()
    return f"{latest.pk if latest else 0}:{fingerprint(obj)}"


class ConflictCheckForm(forms.ModelForm):
    """Refuses to save over someone else's save made since this form was opened, and says what they changed.

    The form keeps the second editor's text. Fields they did not touch take the other person's newer
    values, so saving again (after reading the changes) merges both and loses neither.
    """

    edit_token = forms.CharField(widget=forms.HiddenInput, required=False)
    previewing = False  # a preview saves nothing, so there is nothing to conflict with

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        if self.instance.pk:
            self.fields["edit_token"].initial = edit_token(self.instance)

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk or self.previewing:
            return cleaned
        saved = type(self.instance)._default_manager.filter(pk=self.instance.pk).first()
        if saved is None:
            raise ValidationError(
                "Someone deleted this record while you were editing it. Copy your text before leaving."
            )
        opened_id, _, opened_print = self.data.get(self.add_prefix("edit_token"), "").partition(":")
        opened = Version.objects.filter(pk=opened_id).first() if opened_id.isdigit() else None
        theirs = self._changed_by_others(opened, saved, cleaned)
        for name, value in theirs.items():
            cleaned[name] = value
        current_print = fingerprint(saved)
        if opened_print and opened_print != current_print:
            self.conflict = describe_conflict(saved, opened)
            self.data = self.data.copy()
            self.data[self.add_prefix("edit_token")] = f"{opened_id}:{current_print}"
            for name, value in theirs.items():
                self._show(name, value)
            who = self.conflict["by"] or "Someone"
            raise ValidationError(
                f"{who} saved this {saved._meta.verbose_name} at {self.conflict['at']} while you were editing it. "
                "Your changes are not saved yet: they are still in the form below. Read what they changed, "
                "make sure your text keeps it, then save again."
            )
        return cleaned

    def _changed_by_others(self, opened, saved, cleaned):
        """The fields this editor left as they were when the form opened, but someone else has since changed:
        their new values, to keep."""
        if opened is None:
            return {}
        before = opened.field_dict
        theirs = {}
        for name in cleaned:
            try:
                field = saved._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if field.attname not in before:
                continue
            now = getattr(saved, name).all() if field.many_to_many else getattr(saved, name)
            if _plain(cleaned[name]) == _plain(before[field.attname]) != _plain(now):
                theirs[name] = now
        return theirs

    def _show(self, name, value):
        """Put another editor's newer value into a simple field of the re-shown form."""
        widget = self.fields[name].widget
        if isinstance(
            widget, forms.MultiWidget | forms.CheckboxSelectMultiple | forms.SelectMultiple | forms.FileInput
        ):
            return
        key = self.add_prefix(name)
        if isinstance(widget, forms.CheckboxInput):
            if value:
                self.data[key] = "on"
            else:
                self.data.pop(key, None)
        else:
            self.data[key] = "" if value is None else str(_plain(value))


def _plain(value):
    """A value as comparable data: records by key, lists sorted, files by name, nothing as ""."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple | QuerySet):
        return sorted(str(_plain(item)) for item in value)
    if isinstance(value, FieldFile):
        return value.name or ""
    return "" if value is None else value


def describe_conflict(saved, opened):
    """Who saved since the form was opened, when, and the fields they changed, with word-level diffs."""
    latest = Version.objects.get_for_object(saved).select_related("revision__user").first()
    changes = []
    if opened is not None and latest is not None:
        before, after = opened.field_dict, latest.field_dict
        for field in saved._meta.concrete_fields:
            if field.name in ("updated_at", "created_at") or before.get(field.attname) == after.get(field.attname):
                continue
            changes.append(
                {
                    "label": field.verbose_name,
                    "diff": html_diff(str(before.get(field.attname) or ""), str(after.get(field.attname) or "")),
                }
            )
    when = latest.revision.date_created if latest else timezone.now()
    return {
        "by": latest.revision.user.get_username() if latest and latest.revision.user else "",
        "at": dateformat.format(timezone.localtime(when), "H:i, j F Y"),
        "changes": changes,
    }
