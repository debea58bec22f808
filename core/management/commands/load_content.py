from django.core.management.base import BaseCommand

from core.seeds import load_seeds

FIXTURES = ["forces", "units", "news", "results", "pages"]


class Command(BaseCommand):
    help = (
        "Load the seed content in fixtures/. Untouched seed records are updated and missing ones created; "
        "records an editor changed or deleted are left as they are, and listed. Every change is a revision."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Also replace seed records that editors changed or deleted (each edited version is kept in History).",
        )

    def handle(self, *args, overwrite=False, verbosity=1, **options):
        report = load_seeds(FIXTURES, overwrite=overwrite)
        lines = [
            ("Created", report.created),
            ("Updated", report.updated),
            ("Overwritten (the edited version is in History)", report.overwritten),
            ("Kept because an editor changed it", report.kept_edited),
            ("Kept deleted because an editor deleted it", report.kept_deleted),
        ]
        for title, names in lines:
            if names and verbosity:
                self.stdout.write(f"{title}:")
                for name in names:
                    self.stdout.write(f"  - {name}")
        summary = ", ".join(f"{len(names)} {title.split(' (')[0].lower()}" for title, names in lines)
        if verbosity:
            self.stdout.write(f"Seed content: {summary}; {len(report.unchanged)} unchanged.")
