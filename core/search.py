"""Full-text search building blocks: one definition of the searched text, on PostgreSQL and on SQLite."""

import html
import re
from functools import lru_cache

import snowballstemmer
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorExact
from django.db import connections
from django.db.migrations.operations import AddIndex, RemoveIndex, SeparateDatabaseAndState
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .templatetags.markup import render_markdown

CONFIG = "english"
WORD = re.compile(r"\w+")
MAX_TERMS = 10
# Ranks: a match in the title beats one in the summary, which beats one in the body.
TITLE, SUMMARY, BODY, SPREAD = 3, 2, 1, 0


def document(*fields):
    """The searched text of a record, as PostgreSQL indexes it: its fields together, stemmed as English."""
    return SearchVector(*fields, config=CONFIG)


def search_index(name, *fields):
    """The GIN index behind `document(*fields)`; its migration uses AddIndexOnPostgres."""
    return GinIndex(document(*fields), name=name)


class AddIndexOnPostgres(AddIndex):
    """AddIndex for a PostgreSQL-only index (GIN); on any other database the migration records it and does nothing."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def beside_search_index(model_name, index, *operations):
    """Migration operations that remake the table on SQLite (adding a column does), run with the search index out
    of the migration state, so SQLite does not try to build a PostgreSQL index; on PostgreSQL the index stays."""
    return [
        SeparateDatabaseAndState(state_operations=[RemoveIndex(model_name, index.name)]),
        *operations,
        SeparateDatabaseAndState(state_operations=[AddIndex(model_name, index)]),
    ]


@lru_cache(maxsize=8192)
def stem(word):
    """A word's English stem, by the Snowball algorithm PostgreSQL's English dictionary uses."""
    return snowballstemmer.stemmer(CONFIG).stemWord(word.lower())


def terms(query):
    """The distinct words of a query, in order, at most MAX_TERMS of them."""
    return list(dict.fromkeys(word.lower() for word in WORD.findall(query)))[:MAX_TERMS]


def ranked_matches(queryset, query, title, summary, body):
    """The records matching every word of the query, annotated with `rank` (TITLE, SUMMARY, BODY or SPREAD).

    PostgreSQL: full-text search over the indexed document, with web-search syntax ("phrases", or, -word).
    Elsewhere: each word, or its stem, as a case-insensitive substring: the same ranking rules done simply.
    """
    fields = (title, summary, body)
    if connections[queryset.db].vendor == "postgresql":
        search = SearchQuery(query, search_type="websearch", config=CONFIG)
        queryset = queryset.alias(document=document(*fields)).filter(document=search)
        conditions = [SearchVectorExact(SearchVector(field, config=CONFIG), search) for field in fields]
    else:
        # Each word as typed or as its stem ("stories" finds "story", "arrests" finds "arrested").
        forms = [{word, stem(word)} for word in terms(query)]

        def in_any(*names):
            return Q(
                *(
                    Q.create([(f"{name}__icontains", form) for name in names for form in sorted(word)], connector=Q.OR)
                    for word in forms
                )
            )

        queryset = queryset.filter(in_any(*fields))
        conditions = [in_any(field) for field in fields]
    rank = Case(
        *(
            When(condition, then=Value(value))
            for condition, value in zip(conditions, (TITLE, SUMMARY, BODY), strict=True)
        ),
        default=Value(SPREAD),
        output_field=IntegerField(),
    )
    return queryset.annotate(rank=rank)


def plain_text(markdown_text):
    """Editors' Markdown as the words a visitor reads."""
    return html.unescape(re.sub(r"<[^>]+>", " ", render_markdown(markdown_text)))


def highlight(text, query, before=12, length=36):
    """A window of text around the first word matching the query, escaped, matches in <mark>; None if none match."""
    stems = [stem(word) for word in terms(query)]
    words = list(WORD.finditer(text))

    def matches(word):
        word = word.lower()
        return any(word.startswith(s) or stem(word) == s for s in stems)

    first = next((i for i, word in enumerate(words) if matches(word.group())), None)
    if first is None:
        return None
    start = max(first - before, 0)
    end = min(start + length, len(words))
    pieces, position = ["… " if start else ""], words[start].start()
    for word in words[start:end]:
        pieces.append(escape(text[position : word.start()]))
        pieces.append(f"<mark>{escape(word.group())}</mark>" if matches(word.group()) else escape(word.group()))
        position = word.end()
    pieces.append(" …" if end < len(words) else escape(text[position:]))
    return mark_safe(re.sub(r"\s+", " ", "".join(pieces)).strip())  # noqa: S308 - every piece escaped above
