"""The Editors group: exactly the permissions communications staff need to run the content."""

from django.db import DEFAULT_DB_ALIAS

EDITORS_GROUP = "Editors"
EDITOR_MODELS = {
    "units": ["force", "unit", "externallink"],
    "news": ["article"],
    "pages": ["sitepage"],
}


def create_editors_group(using=DEFAULT_DB_ALIAS, **kwargs):
    from django.contrib.auth.models import Group, Permission
    from django.db.models import Q

    wanted = Q()
    for app_label, models in EDITOR_MODELS.items():
        wanted |= Q(content_type__app_label=app_label, content_type__model__in=models)
    group, _ = Group.objects.using(using).get_or_create(name=EDITORS_GROUP)
    group.permissions.set(Permission.objects.using(using).filter(wanted))
