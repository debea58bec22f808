from django.shortcuts import render
from django.views.generic import DetailView, ListView

from core.preview import StaffPreviewMixin
from core.visitor import VisitorChoiceView

from .areas import FORCE_FINDER, chosen_area, forget_area, remember_area
from .forms import AreaForm, PostcodeForm
from .models import Force, Unit


class UnitListView(ListView):
    template_name = "units/unit_list.html"
    context_object_name = "units"

    def get_queryset(self):
        return Unit.objects.published().main_units().with_published_teams()


class UnitDetailView(StaffPreviewMixin, DetailView):
    model = Unit
    context_object_name = "unit"

    def get_queryset(self):
        # Teams, forces, links, routes and news are fetched by the template, inside its cached fragments.
        return super().get_queryset().select_related("main_unit")


class AreaView(VisitorChoiceView):
    """Set, change or clear the visitor's force area: one of the five forces, or from a postcode."""

    template_name = "units/area.html"
    refused = "Choose your area on this website's own page."

    def get(self, request):
        return self.page(AreaForm(initial={"area": getattr(chosen_area(request), "slug", None)}), PostcodeForm())

    def post(self, request):
        if "clear" in request.POST:
            response = self.done()
            forget_area(response)
            return response
        if "postcode" in request.POST:
            return self.from_postcode(PostcodeForm(request.POST))
        offered = Force.objects.filter(slug__in=request.POST.getlist("offered")) if "offered" in request.POST else None
        form = AreaForm(request.POST, forces=offered, elsewhere="elsewhere" in request.POST.getlist("offered"))
        if not form.is_valid():
            return self.page(form, PostcodeForm(), status=400)
        if not isinstance(form.cleaned_data["area"], Force):
            return self.page(AreaForm(), PostcodeForm(), outside=True)
        return self.done(form.cleaned_data["area"])

    def from_postcode(self, form):
        if not form.is_valid():
            return self.page(AreaForm(), form, status=400)
        place = form.cleaned_data["postcode"]
        if place.force:
            return self.done(place.force)
        if place.outside:
            return self.page(AreaForm(), form, place=place, outside=True)
        if place.forces:
            choice = AreaForm(forces=place.forces, elsewhere=place.elsewhere, auto_id="id_choice_%s")
            return self.page(AreaForm(), form, place=place, choice=choice)
        return self.page(AreaForm(), form, place=place)

    def done(self, force=None):
        response = self.back()
        if force is not None:
            remember_area(response, force)
        return response

    def page(self, form, postcode_form, status=200, **context):
        context = {
            "form": form,
            "postcode_form": postcode_form,
            "area": chosen_area(self.request),
            "next": self.next_url(),
            "force_finder": FORCE_FINDER,
            **context,
        }
        return render(self.request, self.template_name, context, status=status)
