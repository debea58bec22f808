"""The visitor's display options: text size and colours, kept in a functional cookie and applied on every page."""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject

from .visitor import VisitorChoiceView, forget, remember

TEXT_SIZES = {"standard": "Standard", "large": "Large", "largest": "Largest"}
COLOURS = {"standard": "Standard colours", "high": "High contrast: light text on black"}
# Where the browser lands after a change: the page the visitor was on, scrolled to the message that says so.
SAVED = "display-saved"


@dataclass(frozen=True)
class Display:
    text: str = "standard"
    colours: str = "standard"

    @classmethod
    def from_cookie(cls, value):
        """The options a cookie holds (`large-high`); anything else is the standard display."""
        text, _, colours = (value or "").partition("-")
        if text in TEXT_SIZES and colours in COLOURS:
            return cls(text, colours)
        return cls()

    @property
    def cookie_value(self):
        return f"{self.text}-{self.colours}"

    @property
    def is_standard(self):
        return self == Display()

    @property
    def classes(self):
        """The classes on <html> that the stylesheet turns into this display."""
        classes = [] if self.text == "standard" else [f"text-{self.text}"]
        return " ".join([*classes, "contrast-high"] if self.high else classes)

    @property
    def high(self):
        return self.colours == "high"

    def __str__(self):
        size = "standard text size" if self.text == "standard" else f"{self.text} text"
        return f"{size} and {'high contrast' if self.high else 'standard colours'}"


def display_options(request):
    """This visitor's display; reading it marks the response as one that varies with the cookie."""
    if not hasattr(request, "display"):
        request.display = Display.from_cookie(request.COOKIES.get(settings.DISPLAY_COOKIE))
    return request.display


def display(request):
    """Context processor: `display`, read only when a template uses it (so only pages that do vary by cookie)."""
    return {"display": SimpleLazyObject(lambda: display_options(request))}


class DisplayVaryMiddleware:
    """A response whose page read the display options sends `Vary: Cookie`, so no cache shows it to another."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if hasattr(request, "display"):
            patch_vary_headers(response, ["Cookie"])
        return response


class DisplayForm(forms.Form):
    text = forms.ChoiceField(label="Text size", choices=TEXT_SIZES.items(), widget=forms.RadioSelect)
    colours = forms.ChoiceField(label="Colours", choices=COLOURS.items(), widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].error_messages.update(
            required="Choose a text size.", invalid_choice="Choose one of the text sizes listed."
        )
        self.fields["colours"].error_messages.update(
            required="Choose the colours.", invalid_choice="Choose one of the colour schemes listed."
        )


class DisplayView(VisitorChoiceView):
    """Choose the text size and colours, or go back to the standard display in one click."""

    template_name = "display.html"
    refused = "Choose your display options on this website's own page."

    def get(self, request):
        current = display_options(request)
        return self.page(DisplayForm(initial={"text": current.text, "colours": current.colours}))

    def post(self, request):
        if "reset" in request.POST:
            chosen = Display()
        else:
            form = DisplayForm(request.POST)
            if not form.is_valid():
                return self.page(form, status=400)
            chosen = Display(form.cleaned_data["text"], form.cleaned_data["colours"])
        response = self.back(SAVED)
        if chosen.is_standard:
            forget(response, settings.DISPLAY_COOKIE)
        else:
            remember(response, settings.DISPLAY_COOKIE, chosen.cookie_value, settings.DISPLAY_COOKIE_AGE)
        return response

    def page(self, form, status=200):
        return render(self.request, self.template_name, {"form": form, "next": self.next_url()}, status=status)
