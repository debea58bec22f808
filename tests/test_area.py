"""News for your area: choosing a force or giving a postcode, the cookie that remembers it, and what changes."""

import csv
import re

import pytest
from django.conf import settings as django_settings

from units.areas import ELSEWHERE, POSTCODE, TABLE, districts, outward_code
from units.forms import POSTCODE_HELP

from .conftest import text_of
from .factories import ArticleFactory, ForceFactory, days_ago

pytestmark = pytest.mark.django_db
FORCES = ["Derbyshire", "Leicestershire", "Lincolnshire", "Northamptonshire", "Nottinghamshire"]


@pytest.fixture
def forces():
    return {name.lower(): ForceFactory(short_name=name) for name in FORCES}


def text_of_html(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def cookie(response):
    return response.cookies.get(django_settings.AREA_COOKIE)


@pytest.mark.parametrize(
    ("text", "district"),
    [
        ("NG31 6BE", "NG31"),
        ("ng316be", "NG31"),
        ("  LN2   1YL ", "LN2"),
        ("LN2", "LN2"),
        ("SW1A 1AA", "SW1A"),
        ("W1A 0AX", "W1A"),
        ("M1 1AE", "M1"),
        ("B33 8TH", "B33"),
    ],
)
def test_the_outward_code_is_read_from_a_postcode_or_a_district(text, district):
    assert outward_code(text) == district


@pytest.mark.parametrize("text", ["", "12345", "NG", "NG31 6BEE", "NOT A POSTCODE", "<script>", "NG31\x00", "N" * 50])
def test_anything_else_is_not_a_postcode(text):
    assert outward_code(text) is None


def test_the_postcode_table_is_well_formed():
    with TABLE.open(newline="", encoding="utf-8") as table:
        rows = list(csv.DictReader(table))
    assert len(rows) == len(districts()), "a district is listed twice"
    allowed = {force.lower() for force in FORCES} | {ELSEWHERE}
    for row in rows:
        areas = row["areas"].split()
        assert POSTCODE.match(row["district"]), row
        assert areas and set(areas) <= allowed and len(set(areas)) == len(areas), row
        assert row["note"] or len(areas) == 1, row  # a district in more than one area says where it reaches
    readme = (TABLE.parent / "README.md").read_text()
    assert "NOT YET VERIFIED" in readme and "ONS Postcode Directory" in readme


def test_a_lincoln_postcode_sets_lincolnshire_and_lincolnshire_news_leads(client, forces):
    region = ArticleFactory(title="Region-wide story", area=None, published_at=days_ago(1))
    lincs = ArticleFactory(title="Lincoln story", area=forces["lincolnshire"], published_at=days_ago(5))
    derby = ArticleFactory(title="Derby story", area=forces["derbyshire"], published_at=days_ago(0))
    response = client.post("/area/", {"postcode": "LN2 1YL", "next": "/"})
    assert response.status_code == 303 and response["Location"] == "/"
    assert cookie(response).value == "lincolnshire"
    home = client.get("/")
    text = text_of(home)
    assert "Your area: Lincolnshire " in text
    assert text.index("Latest news in Lincolnshire") < text.index(lincs.title)
    assert text.index(lincs.title) < text.index("Latest news across the region") < text.index(region.title)
    assert derby.title not in text
    news = text_of(client.get("/news/"))
    assert news.index(lincs.title) < news.index(region.title) < news.index(derby.title)


def test_the_area_cookie_is_functional_lax_http_only_secure_and_kept_a_year(client, forces, settings):
    response = client.post("/area/", {"area": "nottinghamshire"})
    morsel = cookie(response)
    assert morsel.key == "emsou_area" and morsel.value == "nottinghamshire"
    assert morsel["max-age"] == 365 * 24 * 60 * 60
    assert morsel["samesite"] == "Lax" and morsel["httponly"] is True and morsel["path"] == "/"
    assert morsel["secure"] is True
    settings.SESSION_COOKIE_SECURE = False  # DEBUG on the loopback: the cookie follows the session cookie
    assert not client.post("/area/", {"area": "nottinghamshire"}).cookies["emsou_area"]["secure"]


def test_choosing_a_force_needs_no_javascript_and_returns_to_the_page(client, forces):
    page = client.get("/area/?next=/news/")
    html = page.content.decode()
    assert '<input type="radio" name="area" value="derbyshire"' in html
    assert '<input type="hidden" name="next" value="/news/">' in html
    response = client.post("/area/", {"area": "derbyshire", "next": "/news/"})
    assert response.status_code == 303 and response["Location"] == "/news/"
    assert "Your area: Derbyshire " in text_of(client.get("/news/"))


def test_a_district_across_a_force_boundary_asks_which_force(client, forces):
    response = client.post("/area/", {"postcode": "NG10 1AA"})
    assert response.status_code == 200 and cookie(response) is None
    text, html = text_of(response), response.content.decode()
    assert "NG10 is in more than one police force area" in text
    offered = re.findall(r'<input type="radio" name="area" value="([a-z]+)"[^>]*id="id_choice_area', html)
    assert offered == ["derbyshire", "nottinghamshire"]
    chosen = client.post("/area/", {"area": "nottinghamshire", "offered": ["derbyshire", "nottinghamshire"]})
    assert cookie(chosen).value == "nottinghamshire"


def test_a_district_reaching_outside_the_region_offers_somewhere_else(client, forces):
    html = client.post("/area/", {"postcode": "DE6 1AA"}).content.decode()
    assert re.findall(r'value="([a-z]+)"[^>]*id="id_choice_area', html) == ["derbyshire", "elsewhere"]
    response = client.post("/area/", {"area": "elsewhere", "offered": ["derbyshire", "elsewhere"]})
    assert response.status_code == 200 and cookie(response) is None
    assert "outside the East Midlands" in text_of(response) and "www.police.uk" in text_of(response)


def test_a_postcode_outside_the_region_says_so_and_names_the_national_finder(client, forces):
    response = client.post("/area/", {"postcode": "SW1A 1AA"})
    text = text_of(response)
    assert response.status_code == 200 and cookie(response) is None
    assert "SW1A is outside the East Midlands" in text
    assert "www.police.uk" in text and 'href="https://www.police.uk' not in response.content.decode()


def test_an_unknown_district_in_a_region_postcode_area_is_not_guessed(client, forces):
    response = client.post("/area/", {"postcode": "NG99 1AA"})
    assert response.status_code == 200 and cookie(response) is None
    assert "We could not find NG99" in text_of(response)


@pytest.mark.parametrize("junk", ["hello", "12345", "<script>alert(1)</script>", "NG31\x00", "x" * 500, ""])
def test_junk_gets_a_clear_message(client, forces, junk):
    response = client.post("/area/", {"postcode": junk})
    assert response.status_code == 400 and cookie(response) is None
    html = response.content.decode()
    summary = text_of_html(re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0))
    expected = POSTCODE_HELP if junk else "Enter your postcode."
    assert "There is a problem" in summary and expected in summary
    assert "<script>alert(1)</script>" not in html


@pytest.mark.parametrize("area", ["atlantis", "", "elsewhere"])
def test_an_area_that_is_not_offered_gets_a_clear_message(client, forces, area):
    response = client.post("/area/", {"area": area})
    assert response.status_code == 400 and cookie(response) is None
    assert "There is a problem" in text_of(response)


def test_the_area_is_cleared_in_one_click(client, forces):
    client.post("/area/", {"area": "lincolnshire"})
    home = client.get("/").content.decode()
    assert '<button type="submit" name="clear" value="1" class="link-button">Clear area</button>' in home
    response = client.post("/area/", {"clear": "1", "next": "/"})
    assert response.status_code == 303 and cookie(response).value == "" and cookie(response)["max-age"] == 0
    assert "Your area:" not in text_of(client.get("/"))


def test_an_explicit_area_filter_overrides_the_area_order(client, forces):
    client.post("/area/", {"area": "lincolnshire"})
    ArticleFactory(title="Lincoln story", area=forces["lincolnshire"])
    text = text_of(client.get("/news/?area=derbyshire"))
    assert "Lincoln story" not in text and "in Derbyshire and region-wide" in text


def test_a_cookie_naming_no_force_is_ignored(client, forces):
    client.cookies["emsou_area"] = "atlantis"
    assert "Your area:" not in text_of(client.get("/"))
    client.cookies["emsou_area"] = "x" * 4000
    assert client.get("/news/").status_code == 200


def test_pages_that_depend_on_the_area_vary_on_cookie_and_visitors_get_no_cookie_unasked(client, forces):
    for url in ["/", "/news/", "/area/"]:
        response = client.get(url)
        assert "Cookie" in response["Vary"], url
        assert "Set-Cookie" not in response.headers, url  # not even a CSRF cookie


def test_a_cached_page_never_shows_one_visitors_area_to_another(client, forces, cached_pages):
    from django.test import Client

    lincoln = Client()
    lincoln.post("/area/", {"area": "lincolnshire"})
    assert "Your area: Lincolnshire " in text_of(lincoln.get("/"))
    cached = lincoln.get("/")
    assert cached.wsgi_request.page_cache == "hit"
    assert "Your area: Lincolnshire " in text_of(cached)
    assert "Your area:" not in text_of(client.get("/"))
    derby = Client()
    derby.cookies["emsou_area"] = "derbyshire"
    assert "Your area: Derbyshire " in text_of(derby.get("/news/"))


@pytest.mark.parametrize(
    "headers", [{"HTTP_SEC_FETCH_SITE": "cross-site"}, {"HTTP_ORIGIN": "https://attacker.example"}]
)
def test_another_website_cannot_set_a_visitors_area(client, forces, headers):
    response = client.post("/area/", {"area": "lincolnshire"}, **headers)
    assert response.status_code == 403 and cookie(response) is None


@pytest.mark.parametrize("target", ["https://attacker.example/", "//attacker.example/", "javascript:alert(1)"])
def test_the_return_address_must_be_on_this_site(client, forces, target):
    response = client.post("/area/", {"area": "lincolnshire", "next": target})
    assert response["Location"] == "/"


def test_the_header_links_to_the_area_choice_on_every_page(client):
    for url in ["/", "/units/", "/no-such-page/"]:
        assert '<a href="/area/">Your area</a>' in client.get(url).content.decode()
