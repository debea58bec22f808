"""Pagination whose cost does not grow with the number of pages."""

from django.core.paginator import Paginator
from django.db.models import QuerySet


class DeferredJoinPaginator(Paginator):
    """A deep page (page 500 of 1,000) finds its rows' keys in the index first, then fetches those rows only:
    the database skips thousands of index entries instead of thousands of rows and joins."""

    def page(self, number):
        page = super().page(number)
        rows = page.object_list
        if isinstance(rows, QuerySet) and rows.query.low_mark and not rows.query.distinct:
            page.object_list = self.object_list.filter(pk__in=rows.values("pk"))
        return page
