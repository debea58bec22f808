import reversion
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Min, Q
from django.db.models.functions import Now
from django.utils import timezone


class IncidentBannerQuerySet(models.QuerySet):
    def live(self):
        """Banners showing now: started, and not yet at their expiry. Nothing has to run for one to go."""
        now = timezone.now()
        return self.filter(starts_at__lte=now, expires_at__gt=now)

    def for_page(self, units=()):
        """The live banners for a page: the site-wide ones, and those of the units it is about (or their main units)."""
        ids = {unit.pk for unit in units} | {unit.main_unit_id for unit in units if unit.main_unit_id}
        return self.live().filter(Q(unit__isnull=True) | Q(unit__in=ids)).select_related("unit")

    def next_change(self):
        """The next moment a banner starts or ends (so a page cached now must be made again), or None."""
        now = timezone.now()
        moments = self.aggregate(
            start=Min("starts_at", filter=Q(starts_at__gt=now)), end=Min("expires_at", filter=Q(expires_at__gt=now))
        )
        return min((moment for moment in moments.values() if moment), default=None)


def next_banner_change():
    """For the page cache's time hook: when what the banners show next changes, with nobody saving anything."""
    return IncidentBanner.objects.next_change()


phone_number = RegexValidator(
    r"^\+?[0-9][0-9 ]{2,19}$", "Give the number as it is dialled: digits and spaces only, e.g. “0800 123 4567”."
)


@reversion.register()
class IncidentBanner(models.Model):
    """A major-incident banner at the top of every page, or of one unit's pages, until it expires."""

    message = models.CharField(
        max_length=300, help_text="One or two plain sentences: what has happened and what people should do."
    )
    casualty_bureau_number = models.CharField(
        "Casualty Bureau number",
        max_length=25,
        blank=True,
        validators=[phone_number],
        help_text="Optional: the number for people worried about someone who may have been involved.",
    )
    link_text = models.CharField(
        max_length=100, blank=True, help_text="Optional: the words of the one link, saying where it goes."
    )
    link_url = models.URLField("link address", max_length=500, blank=True)
    unit = models.ForeignKey(
        "units.Unit",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="incident_banners",
        verbose_name="show on",
        help_text="Leave empty to show the banner on every page. Choose a unit to show it only on that unit’s "
        "pages (its teams’ too) and its news.",
    )
    starts_at = models.DateTimeField("show from", default=timezone.now)
    expires_at = models.DateTimeField(
        "remove at", help_text="The banner leaves every page at this moment by itself. Required."
    )
    created_at = models.DateTimeField(auto_now_add=True, db_default=Now())
    updated_at = models.DateTimeField(auto_now=True, null=True)

    objects = IncidentBannerQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = "incident banner"

    def __str__(self):
        return self.message if len(self.message) <= 60 else f"{self.message[:59]}…"

    @property
    def casualty_bureau_tel(self):
        return self.casualty_bureau_number.replace(" ", "")

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.expires_at:
            if self.expires_at <= self.starts_at:
                errors["expires_at"] = "The banner must be removed after it starts: give a later time."
            elif self._state.adding and self.expires_at <= timezone.now():
                errors["expires_at"] = "This time has passed, so the banner would never show: give a time to come."
        if bool(self.link_text.strip()) != bool(self.link_url):
            errors["link_url" if self.link_text.strip() else "link_text"] = (
                "Give both the words of the link and its address, or neither."
            )
        if errors:
            raise ValidationError(errors)
