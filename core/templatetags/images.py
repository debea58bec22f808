"""Editors' images on public pages: `{% figure object %}` and `{% share_image_url object %}`."""

from django import template
from django.templatetags.static import static

from core import renditions
from core.http import full_url

register = template.Library()

DEFAULT_SHARE_IMAGE = "img/share-default.png"


@register.inclusion_tag("includes/image.html", takes_context=True)
def figure(context, obj, lazy=False):
    """The record's image sized for every screen, with its caption and credit. lazy=True below the fold."""
    if not obj.image or not obj.image_width:
        return {}
    if getattr(context.get("request"), "form_preview", False):
        return {"image": renditions.preview_picture(obj)}
    return {"image": renditions.picture(obj), "lazy": lazy}


@register.simple_tag(takes_context=True)
def share_image_url(context, obj=None):
    """The full address of the record's 1200 by 630 pixel image for social media, or the site's own default."""
    has_image = obj is not None and getattr(obj, "image", None) and obj.image_width
    url = renditions.share_url(obj) if has_image else static(DEFAULT_SHARE_IMAGE)
    request = context.get("request")
    return full_url(request, url) if request else url
