"""A visitor's own choices (their area, their display options): plain forms, each kept in a functional cookie."""

from django.conf import settings
from django.http import HttpResponseForbidden, HttpResponseRedirect
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.vary import vary_on_cookie

from .http import accepts_post


def from_this_site(request):
    """Whether a browser says the form was sent from one of our own pages (not from another website)."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site:
        return fetch_site in {"same-origin", "none"}
    origin = request.headers.get("Origin")
    return origin is None or origin == f"{request.scheme}://{request.get_host()}"


def remember(response, name, value, max_age):
    response.set_cookie(
        name, value, max_age=max_age, secure=settings.SESSION_COOKIE_SECURE, httponly=True, samesite="Lax"
    )


def forget(response, name):
    response.delete_cookie(name, samesite="Lax")


# A choice lives only in the visitor's own cookie and changes nothing on the server, so its forms need no CSRF
# token, and visitors get no CSRF cookie; a post from another website is still refused.
@accepts_post
@method_decorator([csrf_exempt, vary_on_cookie], name="dispatch")
class VisitorChoiceView(View):
    """A page where a visitor makes a choice, then goes back where they were (`next`, on this site only)."""

    refused = "Make this choice on this website's own page."

    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST" and not from_this_site(request):
            return HttpResponseForbidden(self.refused)
        return super().dispatch(request, *args, **kwargs)

    def next_url(self):
        url = self.request.POST.get("next") or self.request.GET.get("next") or "/"
        allowed = url_has_allowed_host_and_scheme(url, {self.request.get_host()}, self.request.is_secure())
        return url if allowed and url.startswith("/") else "/"

    def back(self, fragment=""):
        """See Other: the browser goes back to the page the visitor came from, with a GET."""
        response = HttpResponseRedirect(self.next_url().split("#")[0] + (f"#{fragment}" if fragment else ""))
        response.status_code = 303
        return response
