import functools

from django.http import Http404
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.views.decorators.vary import vary_on_cookie
from django.views.generic import DetailView, ListView, MonthArchiveView, TemplateView, YearArchiveView

from core.cache import cached_value
from core.pagination import DeferredJoinPaginator
from core.preview import StaffPreviewMixin
from units.areas import chosen_area
from units.models import Unit

from . import numbers
from .forms import NewsFilterForm
from .models import Article, Result, StatedFigure


@method_decorator(vary_on_cookie, name="dispatch")
class ArticleListView(ListView):
    """All the news, filtered; with an area chosen (and no area filter), that area's news leads."""

    paginate_by = 10
    paginator_class = DeferredJoinPaginator
    context_object_name = "articles"

    def get(self, request, *args, **kwargs):
        self.form = NewsFilterForm(request.GET or None, request=request)
        self.area = chosen_area(request)
        response = super().get(request, *args, **kwargs)
        if self.form.errors:
            response.status_code = 400
        return response

    def get_queryset(self):
        articles = Article.objects.published().select_related("area")
        if self.area and not self.form.has_area():
            articles = articles.area_first(self.area)
        return self.form.filter(articles)

    def get_paginator(self, queryset, per_page, **kwargs):
        """The count is kept for the content version, like the page's cached list of articles."""
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        paginator.count = cached_value(self.request, ("news-count", self.form.active()), queryset.count)
        return paginator

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            form=self.form,
            filters=self.form.description(),
            filter_key=self.form.active(),
            area=self.area,
            years=Article.objects.published().datetimes("published_at", "year", order="DESC"),
            **kwargs,
        )


class ArticleDetailView(StaffPreviewMixin, DetailView):
    model = Article
    context_object_name = "article"

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            gone = Article.objects.gone().filter(slug=kwargs["slug"]).first()
            if gone is None:
                raise
            return render(request, "news/article_gone.html", {"article": gone}, status=410)

    def get_queryset(self):
        return super().get_queryset().select_related("area", "case")

    def units(self):
        """The article's published units, with their reporting routes."""
        if not hasattr(self, "_units"):
            units = Unit.objects.published().filter(articles=self.object).prefetch_related("reporting_routes")
            self._units = list(units)
        return self._units

    def change_notes(self):
        return list(self.object.change_notes.all())

    def more_on_this(self):
        published = Article.objects.published().select_related("area")
        return list(published.related_to(self.object, self.units())[:3])

    def timeline(self):
        """The case's published articles, in order."""
        if not self.object.case_id:
            return []
        published = Article.objects.published().filter(case_id=self.object.case_id)
        return list(published.order_by("published_at", "pk"))

    def results(self):
        if self.object.kind != Article.Kind.RESULT:
            return []
        return list(self.object.results.prefetch_related("sentences"))

    def neighbours(self):
        """The previous and next articles, for the links under this one."""
        if not self.object.published_at:
            return {}
        published = Article.objects.published()
        return {
            "previous": published.earlier_than(self.object).first(),
            "next": published.later_than(self.object).first(),
        }

    def get_context_data(self, **kwargs):
        # Callables: the template runs them only when its cached fragment has to be rendered.
        return super().get_context_data(
            article_units=self.units,
            change_notes=self.change_notes,
            more_on_this=self.more_on_this,
            timeline=self.timeline,
            results=self.results,
            neighbours=self.neighbours,
            **kwargs,
        )


class ArchiveMixin:
    """The news archive by publish date. An article dated only by its year is listed under its year, never a month."""

    date_field = "published_at"
    month_format = "%m"
    paginate_by = 20
    context_object_name = "articles"
    template_name = "news/article_archive.html"

    def get_queryset(self):
        return Article.objects.published().select_related("area")

    def get_date_list(self, queryset, date_type=None, ordering="ASC"):
        """The months that have news, counting only articles whose month is known."""
        dated = queryset.exclude(date_precision=Article.DatePrecision.YEAR)
        return dated.datetimes(self.get_date_field(), date_type or self.get_date_list_period(), ordering)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        period = "month" if "month" in context else "year"
        return {**context, "earlier": context[f"previous_{period}"], "later": context[f"next_{period}"]}


class ArticleYearArchiveView(ArchiveMixin, YearArchiveView):
    make_object_list = True


class ArticleMonthArchiveView(ArchiveMixin, MonthArchiveView):
    def get_queryset(self):
        return super().get_queryset().exclude(date_precision=Article.DatePrecision.YEAR)


class NumbersView(TemplateView):
    """EMSOU in numbers: the published results added up by year and by unit, and the figures sources state."""

    template_name = "news/numbers.html"

    names = ("results", "total", "by_year", "custody_chart", "recovered_chart", "by_unit", "figures")

    def get_context_data(self, **kwargs):
        """Each value is a callable the template calls when it needs it, so nothing is worked out while the page's
        fragment is kept for the content version (templates/news/numbers.html)."""
        found = functools.cache(self.numbers)

        def value(name):
            return lambda: found()[name]

        return super().get_context_data(**{name: value(name) for name in self.names}, **kwargs)

    def numbers(self):
        results = Result.objects.published().select_related("unit__main_unit", "article").prefetch_related("sentences")
        record = numbers.record(results)
        figures = list(StatedFigure.objects.published().select_related("unit"))
        return {**record, "by_unit": numbers.by_unit(record["results"]), "figures": figures}
