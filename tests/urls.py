"""The site's addresses plus a few views that only tests need, for rules no public page exercises yet."""

from django.contrib import messages
from django.http import HttpResponse
from django.template import engines
from django.urls import include, path
from django.utils.cache import patch_vary_headers

from core.http import accepts_post


def render_string(request, source):
    return HttpResponse(engines["django"].from_string(source).render({}, request))


def csrf_form(request):
    return render_string(request, '<form method="post">{% csrf_token %}<button>Send</button></form>')


def message(request):
    messages.info(request, "Your choice was saved.")
    return render_string(request, "{% for message in messages %}<p>{{ message }}</p>{% endfor %}")


def sets_cookie(request):
    response = HttpResponse("cookie set")
    response.set_cookie("emsou_area", "derbyshire")
    return response


def shows_cookies(request):
    return HttpResponse(f"area={request.COOKIES.get('emsou_area', '-')} other={request.COOKIES.get('other', '-')}")


def varies_on_language(request):
    response = HttpResponse(f"language={request.headers.get('Accept-Language', '-')}")
    patch_vary_headers(response, ["Accept-Language"])
    return response


@accepts_post
def choice_form(request):
    """A public form that posts, as the area and display choices will."""
    return HttpResponse(f"{request.method} accepted")


def fails(request):
    raise ValueError("secret-internal-detail")


def fail(request):
    raise RuntimeError("A failure the tests asked for")


urlpatterns = [
    path("_test/csrf-form/", csrf_form),
    path("_test/message/", message),
    path("_test/sets-cookie/", sets_cookie),
    path("_test/cookies/", shows_cookies),
    path("_test/language/", varies_on_language),
    path("_test/fails/", fails),
    path("_test/choice/", choice_form),
    path("fail/", fail),
    path("", include("emsou_site.urls")),
]
handler500 = "emsou_site.views.server_error"
