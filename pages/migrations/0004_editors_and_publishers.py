"""The two editorial groups, with least privilege. Neither touches users, groups or permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = {
    "news.article": ["add", "change", "view"],
    "news.changenote": ["add", "change", "delete", "view"],
    "units.unit": ["add", "change", "view"],
    "units.externallink": ["add", "change", "delete", "view"],
    "units.force": ["view"],
    "pages.sitepage": ["add", "change", "view"],
    "core.redirect": ["view", "delete"],
}
PUBLISHERS_ALSO = {
    "news.article": ["delete", "publish"],
    "units.unit": ["delete"],
    "units.force": ["add", "change", "delete"],
    "pages.sitepage": ["delete"],
    "core.previewlink": ["add", "view", "delete"],
}


def codenames(grants):
    for label, actions in grants.items():
        app_label, model = label.split(".")
        for action in actions:
            yield app_label, f"{action}_{model}"


def make_permissions(apps):
    """Permissions are normally made after all migrations; make them now so the groups can be given them."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None


def permissions(apps, grants):
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in codenames(grants)
    ]


def create_groups(apps, schema_editor):
    make_permissions(apps)
    Group = apps.get_model("auth", "Group")
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.set(permissions(apps, EDITORS))
    publishers, _ = Group.objects.get_or_create(name="Publishers")
    publishers.permissions.set(permissions(apps, EDITORS) + permissions(apps, PUBLISHERS_ALSO))


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0003_review_by"),
        ("news", "0004_workflow_states_and_change_notes"),
        ("units", "0003_teams_and_review_by"),
        ("core", "0002_preview_links_and_redirects"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
