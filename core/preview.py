"""Previews: editors see drafts on the public pages, marked; a signed link shows one draft to someone signed out."""

import copy
import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.http import Http404
from django.shortcuts import render
from django.urls import resolve
from django.utils import dateformat, timezone

from .cache import cached_value
from .models import PREVIEW_SALT, PreviewLink

PREVIEW_HEADERS = {"X-Robots-Tag": "noindex, nofollow", "Cache-Control": "private, no-store"}
# The holder of a preview link carries it in this cookie, so the images of the page it shows load too.
PREVIEW_COOKIE = "emsou_preview"


def may_preview(request, model):
    """Signed-in staff who may view this kind of record see it before, and after, it is public."""
    opts = model._meta
    return request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}")


def is_live(obj):
    """Whether obj is on the public site now, by its model's one definition: `published()`."""
    return type(obj)._default_manager.published().filter(pk=obj.pk).exists()


def granted(request, model):
    """The record of this model a live preview link lets this request see, or None."""
    grant = getattr(request, "preview_grant", None)
    if grant is None:
        link = _live_link(request.COOKIES.get(PREVIEW_COOKIE, ""))
        grant = (link.content_type.model_class()._meta.label_lower, link.object_id) if link else ()
        request.preview_grant = grant
    if grant:
        request.preview = True  # what a preview link shows is neither read from nor kept in the caches
    return grant[1] if grant and grant[0] == model._meta.label_lower else None


def can_see(request, obj):
    """The one rule for whether this request may see obj and its images: it is live, the request may preview
    it, or it holds a live preview link for it. Asked at request time, so a scheduled record appears the
    moment it goes live and goes the moment it leaves `published()`, with nothing to do on time."""
    # Live first: asking about the user reads the session, which would make a public response vary by cookie.
    return is_live(obj) or granted(request, type(obj)) == obj.pk or may_preview(request, type(obj))


class StaffPreviewMixin:
    """For detail views: visitors get what published() allows; staff and preview-link holders get more,
    and the page says when it is not public.

    For visitors the record is looked up once per content version (and never past the next timed change): a
    page the page cache cannot keep still costs no query while its fragments are cached.
    """

    def can_preview(self):
        return may_preview(self.request, self.model)

    def get_queryset(self):
        manager = self.model._default_manager
        if self.can_preview():
            return manager.all()
        pk = granted(self.request, self.model)
        return manager.filter(pk=pk) | manager.published() if pk else manager.published()

    def get_object(self, queryset=None):
        if queryset is not None or self.can_preview() or granted(self.request, self.model):
            return super().get_object(queryset)
        key = ("public-object", self.model._meta.label, tuple(sorted(self.kwargs.items())))
        # A copy: the kept record is shared by every request this process serves for the version.
        return copy.copy(cached_value(self.request, key, super().get_object))

    def get_context_data(self, **kwargs):
        previewing = self.can_preview() or granted(self.request, self.model)
        # Visitors only ever get published records, so only a preview needs to ask.
        return super().get_context_data(is_preview=bool(previewing) and not is_live(self.object), **kwargs)


def make_preview_link(obj, user, hours=None):
    hours = hours or settings.PREVIEW_LINK_HOURS
    return PreviewLink.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        created_by=user,
        expires_at=timezone.now() + datetime.timedelta(hours=hours),
    )


def _live_link(token):
    """The unexpired, unrevoked preview link a signed token names, or None."""
    try:
        pk = signing.loads(token, salt=PREVIEW_SALT)
    except signing.BadSignature:
        return None
    link = PreviewLink.objects.filter(pk=pk, expires_at__gt=timezone.now()).select_related("content_type").first()
    return link if link and link.target is not None else None


def shared_preview(request, token):
    """The public page of one record, for the holder of a signed, unexpired preview link. Read-only."""
    try:
        pk = signing.loads(token, salt=PREVIEW_SALT)
    except signing.BadSignature:
        raise Http404("No such preview link") from None
    link = PreviewLink.objects.filter(pk=pk).select_related("content_type").first()
    target = link.target if link else None
    if target is None:
        raise Http404("No such preview link")
    if link.expires_at <= timezone.now():
        response = render(request, "preview_expired.html", {"link": link}, status=410)
        response.delete_cookie(PREVIEW_COOKIE)
    else:
        request.preview_grant = (target._meta.label_lower, target.pk)
        request.preview = True
        expires = dateformat.format(timezone.localtime(link.expires_at), r"j F Y \a\t H:i")
        request.preview_note = f"Preview, not published. This link stops working on {expires}."
        match = resolve(target.get_absolute_url())
        response = match.func(request, *match.args, **match.kwargs)
        if hasattr(response, "render"):
            response.render()
        response.set_cookie(
            PREVIEW_COOKIE,
            token,
            expires=link.expires_at,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
    for header, value in PREVIEW_HEADERS.items():
        response[header] = value
    return response
