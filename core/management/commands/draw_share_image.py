from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from PIL import Image, ImageDraw, ImageFont

NAVY, WHITE, YELLOW = "#0b1f3a", "#ffffff", "#ffdd00"
SIZE = (1200, 630)
BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
REGULAR = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def font(path, size):
    return ImageFont.truetype(str(path), size) if path.exists() else ImageFont.load_default(size)


class Command(BaseCommand):
    help = (
        "Draw the site's default social-media image, static/img/share-default.png (1200 × 630): shared pages "
        "with no image of their own show it. Commit the result."
    )

    def handle(self, *args, **options):
        image = Image.new("RGB", SIZE, NAVY)
        draw = ImageDraw.Draw(image)
        draw.text((96, 170), settings.SITE_NAME, font=font(BOLD, 160), fill=WHITE)
        draw.rectangle((100, 380, 340, 392), fill=YELLOW)
        draw.text((100, 430), settings.SITE_FULL_NAME, font=font(REGULAR, 50), fill=WHITE)
        target = Path(settings.BASE_DIR) / "static" / "img" / "share-default.png"
        target.parent.mkdir(exist_ok=True)
        image.save(target, "PNG", optimize=True)
        self.stdout.write(f"Drew {target.relative_to(settings.BASE_DIR)} ({target.stat().st_size} bytes).")
