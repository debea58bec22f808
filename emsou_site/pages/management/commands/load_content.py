from django.core.management import call_command
from django.core.management.base import BaseCommand

from emsou_site.pages.models import SitePage
from news.models import Article
from units.models import Force, Unit

FIXTURES = ["forces", "units", "news", "pages"]


class Command(BaseCommand):
    help = (
        "Load the seed content in fixtures/ into a site that has none. A site with content is left "
        "alone, so editors' changes are never overwritten; --force reloads the fixtures over it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Reload every fixture even if content exists, replacing edited seed records.",
        )

    def handle(self, *args, force=False, verbosity=1, **options):
        if not force and any(model.objects.exists() for model in (Force, Unit, Article, SitePage)):
            self.stdout.write("The site already has content: fixtures not loaded (use --force to reload them).")
            return
        call_command("loaddata", *FIXTURES, verbosity=verbosity)
