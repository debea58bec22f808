import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations

import core.search


class Migration(migrations.Migration):
    dependencies = [
        ("units", "0004_private_originals_caption_credit"),
    ]

    operations = [
        core.search.AddIndexOnPostgres(
            model_name="unit",
            index=django.contrib.postgres.indexes.GinIndex(
                django.contrib.postgres.search.SearchVector("name", "summary", "body", config="english"),
                name="units_unit_search",
            ),
        ),
    ]
