import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.urls import reverse

USERNAME = "admin"


class Command(BaseCommand):
    help = (
        "On this machine only (make run's LOOPBACK_HTTP, or DEBUG) with no superuser, create one with a random "
        "password and print it once."
    )

    def handle(self, *args, **options):
        if not (settings.DEBUG or settings.LOOPBACK_HTTP):
            self.stdout.write("This is not a local run, so no local admin was made: use createsuperuser.")
            return
        User = get_user_model()
        admin_url = reverse("admin:index")
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write(f"A superuser already exists: sign in at {admin_url} with its password.")
            return
        password = secrets.token_urlsafe(18)
        User.objects.create_superuser(USERNAME, email="", password=password)
        bar = "=" * 64
        self.stdout.write(
            f"{bar}\nCreated a local superuser for the admin at {admin_url} (shown only this once):\n"
            f"  username: {USERNAME}\n  password: {password}\n{bar}"
        )
