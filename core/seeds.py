"""Load the seed fixtures without ever undoing an editor's work.

Each seed record is compared with the copy kept when it was last loaded (SeedRecord):
- an untouched record is updated to the seed, and a missing one created;
- a record an editor changed is left as the editor left it;
- a record an editor deleted stays deleted.
Every record the loader creates or changes gets a revision with a comment, so History shows it and
it can be undone. `overwrite=True` replaces edited records too, after saving a revision of each.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

import reversion
from django.conf import settings
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from .history import revision
from .models import SeedRecord

SOURCE = "the seed content (manage.py load_content)"


@dataclass
class LoadReport:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    kept_edited: list = field(default_factory=list)
    kept_deleted: list = field(default_factory=list)
    overwritten: list = field(default_factory=list)


def fixture_path(name):
    for folder in settings.FIXTURE_DIRS:
        path = Path(folder) / f"{name}.json"
        if path.is_file():
            return path
    raise FileNotFoundError(f"No fixture called {name}.json in {settings.FIXTURE_DIRS}")


def snapshot(obj, fields):
    """The record's values for the given fields, as plain JSON-ready data (links by natural key, sorted)."""
    data = serializers.serialize("python", [obj], use_natural_foreign_keys=True, use_natural_primary_keys=True)
    values = data[0]["fields"]
    picked = {name: values.get(name) for name in fields}
    for name, value in picked.items():
        if isinstance(value, list):
            picked[name] = sorted(value)
    return json.loads(json.dumps(picked, cls=DjangoJSONEncoder))


def load_seeds(names, overwrite=False):
    report = LoadReport()
    with transaction.atomic():
        for name in names:
            for record in json.loads(fixture_path(name).read_text(encoding="utf-8")):
                _load_record(record, overwrite, report)
    return report


def _load_record(record, overwrite, report):
    label, fields = record["model"], list(record["fields"])
    # Forward references: a link to a seed record an editor deleted stays unresolved instead of failing.
    (incoming,) = serializers.deserialize("json", json.dumps([record]), handle_forward_references=True)
    obj = incoming.object
    try:
        key = json.dumps(obj.natural_key())
    except ObjectDoesNotExist:
        # Its natural key runs through a record an editor deleted (a link's unit): it went with it.
        report.kept_deleted.append(f"{obj._meta.verbose_name} “{obj}”")
        return
    seed = SeedRecord.objects.filter(model=label, natural_key=key).first()
    current = type(obj)._default_manager.filter(pk=obj.pk).first() if obj.pk else None
    name = f"{obj._meta.verbose_name} “{current or obj}”"

    if current is None and seed is not None and not overwrite:
        report.kept_deleted.append(name)
        return
    if current is not None and incoming.deferred_fields and not overwrite:
        report.kept_edited.append(f"{name} (it links to seed records an editor deleted)")
        return

    before = snapshot(current, fields) if current else None
    edited = current is not None and _differs(before, seed.data if seed else None)
    if edited and overwrite:
        with revision(f"Before being overwritten with {SOURCE}: the version as an editor left it."):
            reversion.add_to_revision(current)
    if current is not None:
        # Fields the seed does not carry (timestamps, image sizes) keep their values.
        for model_field in obj._meta.concrete_fields:
            if model_field.name not in fields and not model_field.primary_key:
                setattr(obj, model_field.attname, getattr(current, model_field.attname))

    try:
        with transaction.atomic():
            incoming.save()
            after = snapshot(type(obj)._default_manager.get(pk=obj.pk), fields)
            if current is not None and after == before:
                outcome = "unchanged"
            elif current is not None and edited and not overwrite:
                raise _KeepEdited
            else:
                outcome = "created" if current is None else ("overwritten" if edited else "updated")
    except _KeepEdited:
        report.kept_edited.append(name)
        return

    if outcome != "unchanged":
        saved = type(obj)._default_manager.get(pk=obj.pk)
        with revision(f"{outcome.capitalize()} from {SOURCE}."):
            reversion.add_to_revision(saved)
    SeedRecord.objects.update_or_create(model=label, natural_key=key, defaults={"data": after})
    getattr(report, outcome).append(name)


def _differs(now, loaded):
    """Has the record changed since it was loaded? Fields the fixtures gained or lost since then don't count."""
    if loaded is None:
        return True
    common = now.keys() & loaded.keys()
    return any(now[name] != loaded[name] for name in common)


class _KeepEdited(Exception):
    """Rolls back the trial save of a record an editor changed."""
