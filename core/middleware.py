"""Old addresses keep working: a 404 whose path a record used to have becomes a 301 to where it is now."""

from django.http import HttpResponsePermanentRedirect

from .models import Redirect


class RedirectFallbackMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD") or "\x00" in request.path:
            return response  # a NUL can be in no stored address, and PostgreSQL refuses to compare one
        redirect = Redirect.objects.filter(old_path=request.path).first()
        destination = redirect.destination() if redirect else None
        if destination is None:
            return response
        query = request.META.get("QUERY_STRING")
        return HttpResponsePermanentRedirect(f"{destination}?{query}" if query else destination)
