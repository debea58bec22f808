import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.functions.datetime
from django.db import migrations, models

import core.search


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0004_editors_and_publishers"),
    ]

    operations = [
        migrations.AddField(
            model_name="sitepage",
            name="created_at",
            field=models.DateTimeField(auto_now_add=True, db_default=django.db.models.functions.datetime.Now()),
        ),
        core.search.AddIndexOnPostgres(
            model_name="sitepage",
            index=django.contrib.postgres.indexes.GinIndex(
                django.contrib.postgres.search.SearchVector("title", "summary", "body", config="english"),
                name="pages_sitepage_search",
            ),
        ),
    ]
