"""Site search: units, news and site pages together, ranked title, then summary, then body; newer news first."""

import difflib

from django.core.paginator import Page, Paginator
from django.db.models import DateTimeField, F, Value
from django.shortcuts import render

from core.cache import cached_value
from core.search import WORD, highlight, plain_text, ranked_matches, terms
from news.models import Article
from pages.models import SitePage
from units.models import Unit

from .forms import SearchForm

PER_PAGE = 10
MIN_LENGTH = 2
LABELS = {"unit": "Unit", "news": "News", "page": "Page"}


def sources():
    """What each kind of result searches: the public records only, and their title, summary and body fields."""
    return {
        "unit": (Unit.objects.published(), "name", "summary", "body"),
        "news": (Article.objects.published(), "title", "summary", "body"),
        "page": (SitePage.objects.all(), "title", "summary", "body"),
    }


def matches(query):
    """Each kind's matches as rows to merge with the others: pk, rank, kind, then the tie-breakers."""
    found = {}
    for order, (kind, (queryset, title, summary, body)) in enumerate(sources().items()):
        date = F("published_at") if kind == "news" else Value(None, output_field=DateTimeField())
        rows = ranked_matches(queryset, query, title, summary, body).order_by()
        # "section", not "kind": articles have a field of that name (their type).
        found[kind] = rows.values("pk", "rank", section=Value(kind), kind_order=Value(order), date=date)
    return found


def ranked(queries):
    """Best rank first; at the same rank units, then pages, then news, newest first."""
    merged = queries[0].union(*queries[1:], all=True) if len(queries) > 1 else queries[0]
    return merged.order_by("-rank", "kind_order", "-date", "pk")


def fetch(rows):
    """The records behind a page of rows, in one query per kind on the page."""
    wanted = {}
    for row in rows:
        wanted.setdefault(row["section"], []).append(row["pk"])
    public = {kind: queryset for kind, (queryset, *_) in sources().items()}
    public["news"] = public["news"].select_related("area")
    found = {kind: public[kind].in_bulk(pks) for kind, pks in wanted.items()}
    return [(row["section"], found[row["section"]][row["pk"]]) for row in rows if row["pk"] in found[row["section"]]]


def result(kind, obj, query):
    title = obj.name if kind == "unit" else obj.title
    snippet = highlight(obj.summary, query) or highlight(plain_text(obj.body), query) or obj.summary
    return {
        "kind": kind,
        "label": LABELS[kind],
        "object": obj,
        "title": title,
        "snippet": snippet,
        "url": obj.get_absolute_url(),
    }


def suggestions(query, units):
    """Unit names that look like what was typed: a spelling hint when nothing matched."""
    names = {}
    for unit in units:
        for word in [unit.name, unit.abbreviation, *WORD.findall(unit.name)]:
            if len(word) >= 3:
                names.setdefault(word.lower(), unit)
    close = difflib.get_close_matches(query.lower(), names, n=3, cutoff=0.7)
    for word in terms(query):
        close += difflib.get_close_matches(word, names, n=2, cutoff=0.75)
    return list(dict.fromkeys(names[name] for name in close))[:3]


def listed(counts, kind):
    """How many results the list shows: those of the chosen kind, or of every kind."""
    return counts[kind] if kind else sum(counts.values())


def find(query, kind, page_number):
    """How many of each kind match, the page's number (get_page's rules), and the rows on that page."""
    found = matches(query)
    counts = {name: rows.count() for name, rows in found.items()}
    paginator = Paginator(ranked([found[kind]] if kind else list(found.values())), PER_PAGE)
    paginator.count = listed(counts, kind)  # known already: no second count
    page = paginator.get_page(page_number)
    return counts, page.number, list(page.object_list) if paginator.count else []


def help_for(query):
    """For a search that found nothing: unit names like what was typed, and the main units."""
    units = list(Unit.objects.published())
    return {"suggestions": suggestions(query, units), "units": [unit for unit in units if not unit.main_unit_id]}


def search(request):
    form = SearchForm(request.GET or None)
    query, kind = form.query, form.kind
    context = {"form": form, "query": query, "kind": kind, "shortened": form.shortened}
    status = 400 if form.errors else 200
    if len(query) < MIN_LENGTH or not terms(query):
        context["problem"] = "empty" if not query else ("short" if len(query) < MIN_LENGTH else "no-words")
        return render(request, "search/results.html", context, status=status)

    # What matched is kept for the content version, by the query, the kind and the page asked for.
    asked = request.GET.get("page")
    counts, number, rows = cached_value(request, ("search", query, kind, asked), lambda: find(query, kind, asked))
    paginator = Paginator([], PER_PAGE)
    paginator.count = listed(counts, kind)
    page = Page(rows, number, paginator)
    results = [result(found_kind, obj, query) for found_kind, obj in fetch(rows)]  # no rows when nothing matched
    context.update(counts=counts, total=sum(counts.values()), page_obj=page, paginator=paginator, results=results)
    if not context["total"]:
        context.update(cached_value(request, ("search-help", query), lambda: help_for(query)))
    return render(request, "search/results.html", context, status=status)
