from django.apps import AppConfig


class CoreConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    verbose_name = "Site tools"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
        from .cache import watch_content
        from .logs import connect_lockout_log

        watch_content()
        connect_lockout_log()
