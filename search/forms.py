import unicodedata

from django import forms

MAX_LENGTH = 200
KINDS = [("", "All results"), ("unit", "Units"), ("news", "News"), ("page", "Pages")]


class QueryField(forms.CharField):
    """Whatever arrives is made searchable: control characters (NUL too) dropped, spaces folded, length capped."""

    def to_python(self, value):
        text = "".join(char for char in str(value or "") if unicodedata.category(char)[0] != "C" or char in " \t\n")
        text = " ".join(text.split())
        self.shortened = len(text) > MAX_LENGTH
        return text[:MAX_LENGTH].strip()


class SearchForm(forms.Form):
    q = QueryField(label="Search this website", required=False)
    type = forms.ChoiceField(label="Show", choices=KINDS, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].error_messages["invalid_choice"] = "There is no kind of result called “%(value)s”."

    @property
    def query(self):
        return self.cleaned_data.get("q", "") if self.is_valid() else self.fields["q"].to_python(self.data.get("q"))

    @property
    def kind(self):
        return self.cleaned_data.get("type", "") if self.is_valid() else ""

    @property
    def shortened(self):
        return getattr(self.fields["q"], "shortened", False)
