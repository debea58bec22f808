"""The admin home page's "Needs your attention" panel: what waits for review or for EMSOU, goes out next,
appeals still open (the oldest first), and what is overdue."""

from django import template
from django.urls import reverse
from django.utils import timezone

from news.models import Article
from units.models import Unit

from ..models import SitePage

register = template.Library()


@register.simple_tag(takes_context=True)
def needs_attention(context):
    user = context["request"].user
    today = timezone.localdate()
    panel = {}
    if user.has_perm("news.view_article"):
        articles = Article.objects.with_state().select_related("submitted_by")
        panel["in_review"] = articles.filter(state="review").order_by("submitted_at")[:10]
        panel["scheduled"] = articles.filter(state="scheduled").order_by("published_at")[:10]
        panel["open_appeals"] = Article.objects.open_appeals()[:10]
    overdue = []
    for model in (Unit, SitePage):
        opts = model._meta
        if user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            for obj in model.objects.filter(review_by__lt=today).order_by("review_by")[:10]:
                url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
                overdue.append({"obj": obj, "url": url, "kind": opts.verbose_name})
    panel["overdue"] = sorted(overdue, key=lambda item: item["obj"].review_by)
    if user.has_perm("pages.view_sitepage"):
        panel["needs_input"] = SitePage.objects.needing_input().only("pk", "title", "needs_input")
    return panel
