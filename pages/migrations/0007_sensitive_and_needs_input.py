from django.db import migrations, models

import core.search


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0006_newsroom_permissions"),
    ]

    operations = core.search.beside_search_index(
        "sitepage",
        core.search.search_index("pages_sitepage_search", "title", "summary", "body"),
        migrations.AddField(
            model_name="sitepage",
            name="is_sensitive",
            field=models.BooleanField(
                default=False,
                help_text="Tick for a subject a visitor may need to hide that they read about, such as domestic "
                "abuse, exploitation or modern slavery. The page then has a “Leave this site” button that swaps it "
                "at once for the BBC weather website, and says how to clear a browser’s history.",
                verbose_name="offer “Leave this site”",
            ),
        ),
        migrations.AddField(
            model_name="sitepage",
            name="needs_input",
            field=models.TextField(
                blank=True,
                help_text="What this page still needs from EMSOU before it is complete, for example a contact "
                "address. The admin home page lists the page until you empty this box.",
                verbose_name="needs input from EMSOU",
            ),
        ),
    )
