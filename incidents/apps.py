from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "incidents"
    verbose_name = "major incidents"

    def ready(self):
        from core.cache import register_next_change

        from .models import next_banner_change

        register_next_change(next_banner_change)
