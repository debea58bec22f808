import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models

import core.search
import news.models


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0005_private_originals_caption_credit"),
    ]

    operations = [
        migrations.AlterField(
            model_name="article",
            name="slug",
            field=models.SlugField(
                help_text="Used in the web address: /news/<slug>/.",
                max_length=250,
                unique=True,
                validators=[news.models.validate_article_slug],
            ),
        ),
        core.search.AddIndexOnPostgres(
            model_name="article",
            index=django.contrib.postgres.indexes.GinIndex(
                django.contrib.postgres.search.SearchVector("title", "summary", "body", config="english"),
                name="news_article_search",
            ),
        ),
    ]
