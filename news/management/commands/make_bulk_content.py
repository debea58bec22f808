from django.core.management.base import BaseCommand

from news.bulk import build


class Command(BaseCommand):
    help = (
        "For load tests on a throwaway database: replace earlier synthetic content with ARTICLES published articles "
        "and UNITS units (slugs start with “bulk-”). Seed and editors' content is left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=10_000)
        parser.add_argument("--units", type=int, default=50)
        parser.add_argument("--no-history", action="store_true", help="Skip the revision (faster, for tests).")

    def handle(self, *args, articles, units, no_history, verbosity=1, **options):
        mains, teams, made = build(articles, units, history=not no_history)
        if verbosity:
            self.stdout.write(f"Made {len(made)} articles and {len(mains) + len(teams)} units.")
