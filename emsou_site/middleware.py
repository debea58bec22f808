"""Site-wide request and response rules that no library provides."""

from django.conf import settings
from django.shortcuts import render


class RequestSizeLimitMiddleware:
    """Refuse oversized requests up front, before Django reads (and spools to disk) their bodies."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            return render(request, "413.html", {"limit": settings.MAX_REQUEST_BYTES}, status=413)
        return self.get_response(request)


class CrossOriginResourcePolicyMiddleware:
    """Cross-Origin-Resource-Policy on every response, static files included: other sites cannot embed ours."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Cross-Origin-Resource-Policy", settings.CROSS_ORIGIN_RESOURCE_POLICY)
        return response
