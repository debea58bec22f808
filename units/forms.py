from django import forms
from django.core.validators import ProhibitNullCharactersValidator

from .areas import ELSEWHERE, find_place
from .models import Force

POSTCODE_HELP = "Enter a postcode, like LN2 1YL, or just its first part, like LN2."


class AreaForm(forms.Form):
    """Choose a force area: all five, or only those a postcode district reaches (and "somewhere else")."""

    area = forms.ChoiceField(label="Your police force area", widget=forms.RadioSelect)

    def __init__(self, *args, forces=None, elsewhere=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.forces = {force.slug: force for force in (Force.objects.all() if forces is None else forces)}
        choices = [(slug, force.short_name) for slug, force in self.forces.items()]
        if elsewhere:
            choices.append((ELSEWHERE, "Somewhere else"))
        self.fields["area"].choices = choices
        self.fields["area"].error_messages.update(
            required="Choose your police force area.", invalid_choice="Choose one of the areas listed."
        )

    def clean_area(self):
        slug = self.cleaned_data["area"]
        return self.forces.get(slug, slug)


class PostcodeForm(forms.Form):
    postcode = forms.CharField(label="Your postcode", help_text=POSTCODE_HELP, max_length=20)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["postcode"]
        field.error_messages.update(required="Enter your postcode.", max_length=POSTCODE_HELP)
        # Whatever is wrong with it, a visitor is told what a postcode looks like.
        field.validators = [v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)]
        field.widget.attrs.update(autocomplete="postal-code", spellcheck="false")

    def clean_postcode(self):
        place = find_place(self.cleaned_data["postcode"])
        if place is None:
            raise forms.ValidationError(POSTCODE_HELP)
        return place
