"""The newsroom's models for the two editorial groups, with least privilege: Editors run cases, record results and
choose units' reporting routes; only Publishers delete those, and only Publishers raise incident banners."""

from importlib import import_module

from django.db import migrations

groups = import_module("pages.migrations.0004_editors_and_publishers")

EDITORS = {
    "news.case": ["add", "change", "view"],
    "news.hearing": ["add", "change", "delete", "view"],
    "news.result": ["add", "change", "view"],
    "news.sentence": ["add", "change", "delete", "view"],
    "news.statedfigure": ["add", "change", "view"],
    "units.reportingroute": ["add", "change", "delete", "view"],
}
PUBLISHERS_ALSO = {
    "news.case": ["delete"],
    "news.result": ["delete"],
    "news.statedfigure": ["delete"],
    "incidents.incidentbanner": ["add", "change", "delete", "view"],
}


def grant(apps, schema_editor):
    groups.make_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Group.objects.get(name="Editors").permissions.add(*groups.permissions(apps, EDITORS))
    Group.objects.get(name="Publishers").permissions.add(
        *groups.permissions(apps, EDITORS), *groups.permissions(apps, PUBLISHERS_ALSO)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ("Editors", "Publishers"):
        Group.objects.get(name=name).permissions.remove(
            *groups.permissions(apps, EDITORS), *groups.permissions(apps, PUBLISHERS_ALSO)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0005_search_index_and_created_at"),
        ("news", "0009_cases_appeals_and_results"),
        ("units", "0006_reporting_routes"),
        ("incidents", "0001_incident_banners"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
