"""Property-based fuzzing (Hypothesis): whatever arrives at a public address or the sign-in form, never a 500."""

from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .factories import ArticleFactory, ExternalLinkFactory, ForceFactory, SitePageFactory, TeamFactory, UnitFactory

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# Anything a client can send: every Unicode character (control characters and NUL included) in addresses, query
# strings and form data; in headers, every character an HTTP server passes on (no control characters but tab).
ANY_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80)
HEADER_TEXT = st.text(
    st.characters(codec="latin-1").filter(lambda c: c == "\t" or (c >= " " and c != "\x7f")), max_size=80
)
NASTY = st.sampled_from(
    ["%00", "%ff%fe", "../../etc/passwd", "<script>alert(1)</script>", "' OR 1=1 --", "\u202e", "🚓" * 20, "a" * 5000]
)
HEADERS = [
    "HTTP_ACCEPT",
    "HTTP_ACCEPT_LANGUAGE",
    "HTTP_ACCEPT_ENCODING",
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_RANGE",
    "HTTP_REFERER",
    "HTTP_USER_AGENT",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_REQUESTED_WITH",
    "HTTP_ORIGIN",
    "CONTENT_TYPE",
    "CONTENT_LENGTH",
]


@pytest.fixture
def public_urls():
    force = ForceFactory()
    unit = UnitFactory(forces=[force])
    team = TeamFactory(main_unit=unit)
    ExternalLinkFactory(unit=unit)
    article = ArticleFactory(units=[unit, team], area=force)
    for slug in ["home", "about", "accessibility", "privacy"]:
        SitePageFactory(slug=slug)
    return [
        "/",
        "/units/",
        unit.get_absolute_url(),
        team.get_absolute_url(),
        "/news/",
        f"/news/?area={force.slug}&unit={unit.slug}",
        article.get_absolute_url(),
        "/about/",
        "/report/",
        "/healthz",
        "/no-such-page/",
    ]


def request_parts():
    return st.fixed_dictionaries(
        {
            "suffix": st.one_of(st.just(""), ANY_TEXT, NASTY, st.builds(quote, ANY_TEXT)),
            "query": st.lists(
                st.tuples(st.one_of(ANY_TEXT, st.sampled_from(["page", "area", "unit"])), ANY_TEXT), max_size=4
            ),
            "raw_query": st.one_of(st.just(""), HEADER_TEXT, NASTY),
            "headers": st.dictionaries(st.sampled_from(HEADERS), st.one_of(HEADER_TEXT, NASTY), max_size=5),
            "cookie": st.one_of(
                st.just(""),
                HEADER_TEXT,
                st.builds(lambda a, d: f"emsou_area={a}; emsou_display={d}; sessionid={a}", HEADER_TEXT, HEADER_TEXT),
            ),
            "method": st.sampled_from(["GET", "GET", "GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "TRACE"]),
        }
    )


@FUZZ
@given(parts=request_parts(), data=st.data())
def test_no_public_address_answers_with_a_server_error(public_urls, parts, data):
    url = data.draw(st.sampled_from(public_urls))
    path = url.split("?")[0] + parts["suffix"]
    query = urlencode(parts["query"]) + parts["raw_query"]
    response = Client().generic(parts["method"], f"{path}?{query}", HTTP_COOKIE=parts["cookie"], **parts["headers"])
    assert response.status_code < 500, (parts["method"], path, query)


@FUZZ
@given(
    fields=st.dictionaries(
        st.one_of(st.sampled_from(["username", "password", "next", "csrfmiddlewaretoken"]), ANY_TEXT),
        st.one_of(ANY_TEXT, NASTY),
        max_size=6,
    ),
    next_page=st.one_of(st.just(""), ANY_TEXT, NASTY),
    ip=st.one_of(st.ip_addresses().map(str), HEADER_TEXT, ANY_TEXT),
    enforce_csrf=st.booleans(),
)
def test_the_sign_in_form_never_answers_with_a_server_error(db, fields, next_page, ip, enforce_csrf):
    client = Client(enforce_csrf_checks=enforce_csrf)
    page = client.get("/admin/login/")
    if enforce_csrf and "csrftoken" in client.cookies:
        fields.setdefault("csrfmiddlewaretoken", client.cookies["csrftoken"].value)
    response = client.post(f"/admin/login/?next={quote(next_page)}", fields, REMOTE_ADDR=ip)
    assert page.status_code == 200
    assert response.status_code < 500, fields
