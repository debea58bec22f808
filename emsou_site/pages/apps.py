from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "emsou_site.pages"
    label = "pages"
    verbose_name = "Site pages"

    def ready(self):
        from django.db.models.signals import post_migrate

        from .permissions import create_editors_group

        post_migrate.connect(create_editors_group, sender=self)
