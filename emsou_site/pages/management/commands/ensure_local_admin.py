import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

USERNAME = "admin"


class Command(BaseCommand):
    help = "In local development (DEBUG on) with no superuser, create one with a random password and print it once."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            self.stdout.write("DEBUG is off, so no local admin was made: use createsuperuser.")
            return
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write("A superuser already exists: sign in at /admin/ with its password.")
            return
        password = secrets.token_urlsafe(18)
        User.objects.create_superuser(USERNAME, email="", password=password)
        bar = "=" * 64
        self.stdout.write(
            f"{bar}\nCreated a local superuser for the admin at /admin/ (shown only this once):\n"
            f"  username: {USERNAME}\n  password: {password}\n{bar}"
        )
