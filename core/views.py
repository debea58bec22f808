"""The only way to an editor's image: a rendition, served after asking whether this request may see it."""

import logging

from django.apps import apps
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.crypto import constant_time_compare
from django.views.decorators.http import require_safe

from . import renditions
from .images import IllustratedModel
from .preview import can_see, is_live, may_preview

logger = logging.getLogger(__name__)
# Caches outside the site may keep a live image this long after it is withdrawn; the site itself stops at once.
PUBLIC_MAX_AGE = 10 * 60


@require_safe
def rendition(request, label, pk, token, variant, ext):
    """A rendition of a record's current image, for whoever may see the record (core.preview.can_see)."""
    obj = get_object_or_404(_illustrated_model(label)._default_manager, pk=pk)
    current = bool(obj.image) and constant_time_compare(token, renditions.token(obj.image.name))
    if not current or not obj.image_width or not can_see(request, obj):
        raise Http404  # the same answer whether the image never existed, was replaced or is not public
    offered = renditions.variants(obj)
    wanted = next((v for v in offered if (v.name, v.ext) == (variant, ext)), None)
    if wanted is None:
        raise Http404
    return _serve(request, obj.image.name, wanted, offered, public=is_live(obj))


@require_safe
def preview(request, signed):
    """A small copy of any original, for editors in the admin: a kept upload, or the image of an old version."""
    found = renditions.read_preview_url(signed)
    if found is None or not may_preview(request, _illustrated_model(found[0])):
        raise Http404
    return _serve(request, found[1], renditions.preview_variant(), [], public=False)


def _illustrated_model(label):
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError, TypeError, AttributeError):
        raise Http404 from None
    if not issubclass(model, IllustratedModel):
        raise Http404
    return model


def _serve(request, image_name, variant, wanted, public):
    etag = f'"{renditions.RECIPE}-{renditions.token(image_name)}-{variant.filename}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        try:
            file = renditions.open_rendition(image_name, variant, wanted)
        except Exception:  # a missing or unreadable original: the operator is told, the visitor gets a 404
            logger.exception("Could not serve %s of image %s", variant.filename, image_name)
            raise Http404 from None
        response = FileResponse(file, content_type=renditions.CONTENT_TYPES[variant.ext])
    response["ETag"] = etag
    if public:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response
