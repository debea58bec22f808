"""Every change to content is a revision: the helpers that admin actions, commands and recovery share."""

from contextlib import contextmanager

import reversion
from django.apps import apps

from .models import DeletedLinks


@contextmanager
def revision(comment, user=None):
    """A reversion revision with a comment (and a user, when a person made the change)."""
    with reversion.create_revision():
        reversion.set_comment(comment)
        if user is not None and user.is_authenticated:
            reversion.set_user(user)
        yield


def incoming_links(obj):
    """The many-to-many links other records hold to obj, grouped by the model and field that hold them."""
    found = []
    for relation in obj._meta.related_objects:
        if not relation.many_to_many:
            continue
        holders = getattr(obj, relation.get_accessor_name()).all()
        if holders:
            found.append((relation.related_model, relation.field.name, list(holders)))
    return found


def save_final_version(obj, user=None):
    """Before obj is deleted: a revision of its last state, with the links to restore if it is recovered."""
    links = [
        {"model": model._meta.label_lower, "field": field, "pks": [holder.pk for holder in holders]}
        for model, field, holders in incoming_links(obj)
    ]
    with revision(f"Deleted “{obj}”.", user):
        reversion.add_to_revision(obj)
        reversion.add_meta(DeletedLinks, links=links)


def restore_links(recovered, deletion_revision, user=None):
    """Put back the links other records held to a recovered record; each linking record gets a revision."""
    restored = []
    for entry in DeletedLinks.objects.filter(revision=deletion_revision):
        for saved in entry.links:
            model = apps.get_model(saved["model"])
            for holder in model._default_manager.filter(pk__in=saved["pks"]):
                with revision(f"Link to “{recovered}” restored when it was recovered.", user):
                    getattr(holder, saved["field"]).add(recovered)
                    reversion.add_to_revision(holder)
                restored.append(holder)
    return restored
