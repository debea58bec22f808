"""HTTP rules every public view shares: which methods it answers, and who the client is."""

import ipaddress

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponseNotAllowed
from django.utils.deprecation import MiddlewareMixin

SAFE_METHODS = ("GET", "HEAD")


def accepts_post(view):
    """Mark a public view (a function, or a class-based view's class) whose form posts to it."""
    view.accepts_post = True
    return view


class SafeMethodsMiddleware(MiddlewareMixin):
    """Public pages answer GET and HEAD only: anything else gets a 405, before CSRF checks or the view.

    Views marked with @accepts_post also take POST; the admin keeps its own rules. New views are covered
    without anyone remembering to decorate them.
    """

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method in SAFE_METHODS or "admin" in request.resolver_match.namespaces:
            return None
        view_class = getattr(view_func, "view_class", None)
        if getattr(view_func, "accepts_post", False) or getattr(view_class, "accepts_post", False):
            return None if request.method == "POST" else HttpResponseNotAllowed([*SAFE_METHODS, "POST"])
        return HttpResponseNotAllowed(SAFE_METHODS)


class HeadMiddleware:
    """HEAD gets GET's headers (Content-Length included) and no body, as HTTP requires; gunicorn would drop the
    body itself, with a warning for every request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method == "HEAD" and not response.streaming and response.content:
            response["Content-Length"] = str(len(response.content))
            response.content = b""
        return response


def client_ip(request):
    """The visitor's address: REMOTE_ADDR, or behind our proxy (BEHIND_PROXY) the address that proxy appended
    to X-Forwarded-For; anything before it came from the client and proves nothing. None if it is no address."""
    candidates = [request.META.get("REMOTE_ADDR", "")]
    if settings.BEHIND_PROXY:
        candidates.insert(0, request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip())
    for candidate in candidates:
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            continue
    return None


def username_tried(request, credentials=None):
    """The username a sign-in tried, as django-axes records it: no real username is over 150 characters or
    holds a NUL, so a hostile one is cut to fit the record rather than break it."""
    username = (credentials or {}).get("username") if credentials else request.POST.get("username")
    return str(username or "").replace("\x00", "")[:150]


def full_url(request, url):
    """url as a full address on this request's host; the plain path when the Host header is one the site refuses
    (the 400 page for a bad Host must not fail again while it makes its own addresses)."""
    try:
        return request.build_absolute_uri(url)
    except DisallowedHost:
        return url
