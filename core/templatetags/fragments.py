"""{% cachefragment "name" value ... %}: a piece of a page rendered once per content version.

The key is the name, the visitor's CACHE_VARY_COOKIES, and the identity of each value: a record by its model and
primary key, a list or queryset by its records in order, anything else by its repr. Pass every input that makes
the fragment differ between requests (the article whose related news it lists, the page number, the filters);
content changes are covered by the content version, and time-based ones by core.cache's next-change hook.
Querysets the fragment uses are not run when it is cached, so pass them lazily. Nothing that depends on who is
asking (a form with a CSRF token) belongs inside. Previews (is_preview in the context, or request.preview) and
editors' requests render every fragment afresh and keep none, so unsaved or unpublished text never reaches the
cache that visitors are served from.
"""

from django import template
from django.db.models import Model, QuerySet
from django.utils.safestring import mark_safe

from core.cache import cached_value

register = template.Library()


def identity(value):
    if isinstance(value, Model):
        return (value._meta.label, value.pk)
    if isinstance(value, QuerySet | list | tuple):
        return tuple(identity(item) for item in value)
    return repr(value)


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, values):
        self.nodelist, self.name, self.values = nodelist, name, values

    def render(self, context):
        if context.get("is_preview") or context.get("is_error_page"):  # never kept; the error page reads no data
            return self.nodelist.render(context)
        parts = (self.name, *(identity(value.resolve(context)) for value in self.values))
        html = cached_value(context.get("request"), ("fragment", *parts), lambda: self.nodelist.render(context))
        return mark_safe(html)  # noqa: S308 - our own template, rendered


@register.tag
def cachefragment(parser, token):
    name, *values = token.split_contents()[1:]
    nodelist = parser.parse(("endcachefragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, name.strip("\"'"), [parser.compile_filter(value) for value in values])
