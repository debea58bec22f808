from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone
from reversion.models import Version

from core import renditions
from core.images import ORIGINALS_FOLDER, illustrated_models, image_names_in_versions
from core.storage import private_storage, stored_files


class Command(BaseCommand):
    help = (
        "Remove image files nothing can use any more, listing each one: originals that no record and no History "
        "version names (so no revision could bring them back), and renditions of images no record shows now "
        "(they are made again when needed). --dry-run lists them and removes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List what would be removed; remove nothing.")
        parser.add_argument(
            "--keep-recent",
            type=float,
            default=24,
            metavar="HOURS",
            help="Leave files younger than this alone: an upload may be being saved, or kept while an editor "
            "corrects a form. Default: 24.",
        )

    def handle(self, *args, dry_run=False, keep_recent=24, **options):
        storage = private_storage()
        shown, restorable = set(), set()
        for model in illustrated_models():
            for obj in model._default_manager.exclude(image="").only("image", "image_width", "image_height"):
                shown.add(obj.image.name)
                made = [*renditions.variants(obj), renditions.preview_variant()] if obj.image_width else []
                restorable.update(renditions.storage_name(obj.image.name, variant) for variant in made)
            restorable |= image_names_in_versions(Version.objects.get_for_model(model))
        needed = shown | restorable
        cutoff = timezone.now() - timedelta(hours=keep_recent)
        originals = stored_files(storage, ORIGINALS_FOLDER)
        unused = [
            name
            for name in [*originals, *stored_files(storage, renditions.FOLDER)]
            if name not in needed and _older_than(storage, name, cutoff)
        ]
        for name in unused:
            why = (
                "a rendition of an image no record shows"
                if name.startswith(renditions.FOLDER)
                else ("an original no record or History version names")
            )
            self.stdout.write(f"  {name}: {why}")
            if not dry_run:
                storage.delete(name)
        if not unused:
            self.stdout.write("Nothing to remove.")
        elif dry_run:
            self.stdout.write(f"Would remove {len(unused)} file(s) (dry run: nothing was removed).")
        else:
            self.stdout.write(f"Removed {len(unused)} file(s).")
        kept = sum(1 for name in originals if name in needed)
        self.stdout.write(f"Kept {kept} original(s) that records or History versions name.")


def _older_than(storage, name, cutoff):
    try:
        return storage.get_modified_time(name) < cutoff
    except NotImplementedError:  # a backend that cannot tell: age cannot protect anything there
        return True
