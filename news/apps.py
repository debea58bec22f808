from django.apps import AppConfig


class NewsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "news"

    def ready(self):
        from core.cache import register_next_change

        from .models import Article

        register_next_change(Article.objects.next_visibility_change)
