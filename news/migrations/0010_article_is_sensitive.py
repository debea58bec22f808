from django.db import migrations, models

import core.search


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0009_cases_appeals_and_results"),
    ]

    operations = core.search.beside_search_index(
        "article",
        core.search.search_index("news_article_search", "title", "summary", "body"),
        migrations.AddField(
            model_name="article",
            name="is_sensitive",
            field=models.BooleanField(
                default=False,
                help_text="Tick for a subject a visitor may need to hide that they read about, such as domestic "
                "abuse, exploitation or modern slavery. The page then has a “Leave this site” button that swaps it "
                "at once for the BBC weather website, and says how to clear a browser’s history.",
                verbose_name="offer “Leave this site”",
            ),
        ),
    )
