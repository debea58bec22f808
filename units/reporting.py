"""The public ways to report a crime, each once: the numbers every page shows, and the list units choose from."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Route:
    key: str
    label: str
    number: str = ""
    url: str = ""
    link_text: str = ""

    @property
    def tel(self):
        return self.number.replace(" ", "")


ROUTES = {
    route.key: route
    for route in [
        Route("999", "In an emergency", number="999"),
        Route("101", "When it is not an emergency", number="101"),
        Route("crimestoppers", "Anonymously, through Crimestoppers", number="0800 555 111"),
        Route("anti-terrorist-hotline", "Terrorism: the Anti-Terrorist Hotline", number="0800 789 321"),
        Route("action-fraud", "Fraud and cyber crime: Action Fraud", number="0300 123 2040"),
        Route(
            "act-early",
            "Worried that someone you know is being drawn into terrorism: Act Early",
            url="https://actearly.uk/",
            link_text="Act Early website",
        ),
    ]
}
# Every page's ways to report, in this order; a unit's own routes come before them.
GENERAL = ["999", "101", "crimestoppers", "anti-terrorist-hotline", "action-fraud"]
# What a unit can point to first (999 always leads the general list).
UNIT_CHOICES = [(key, route.label) for key, route in ROUTES.items() if key != "999"]


def routes_for(units):
    """A page's ways to report: the routes its units point to (in their order, once each), then the rest of the
    general ones. Each unit's `reporting_routes` should be prefetched."""
    own = list(dict.fromkeys(choice.route for unit in units for choice in unit.reporting_routes.all()))
    rest = [key for key in GENERAL if key not in own]
    return [ROUTES[key] for key in own], [ROUTES[key] for key in rest]
