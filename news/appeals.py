"""Appeals: how the public responds, and closing one, which for a wanted or missing person removes their details."""

import reversion
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from core.history import revision
from core.models import Redirect
from units.reporting import ROUTES

CLOSED_NOTICE = "Update: this appeal is closed. Thank you for sharing it."
EMERGENCY = {
    "wanted": "If you see this person, do not approach them: call 999",
    "missing": "If you see this person now, call 999",
}


def response(article):
    """How to respond to an appeal, most useful first: (what to do, route) pairs for the response panel."""
    crimestoppers, emergency = ROUTES["crimestoppers"], ROUTES["999"]
    return [
        (f"Call 101, quoting reference {article.reference}", ROUTES["101"]),
        ("Or tell Crimestoppers, anonymously", crimestoppers),
        (EMERGENCY.get(article.kind, "In an emergency, call 999"), emergency),
    ]


def response_sentence(article):
    """The response in one sentence of plain text, for feeds, share text and page descriptions."""
    if not article.is_open_appeal:
        return ""
    emergency = EMERGENCY.get(article.kind, "In an emergency, call 999")
    return (
        f"Call 101 quoting reference {article.reference}, or Crimestoppers anonymously on "
        f"{ROUTES['crimestoppers'].number}. {emergency}."
    )


def replacement(article):
    """What a closed wanted or missing-person appeal says instead of its text: nothing that names the person."""
    kind = article.get_kind_display().lower()
    title = f"{kind[0].upper()}{kind[1:]} appeal closed"
    slug = f"{slugify(title)}-{slugify(article.reference) or article.pk}"[:240]
    if type(article)._default_manager.filter(slug=slug).exclude(pk=article.pk).exists():
        slug = f"{slug}-{article.pk}"
    return {
        "title": title,
        "slug": slug,
        "summary": "This appeal is closed. Thank you for sharing it.",
        "body": "This appeal is closed. Thank you to everyone who shared it.\n\n"
        "The person’s name and picture have been removed from this page.",
    }


def close(article, user, texts=None):
    """Close an appeal: the closed notice replaces the response panel. A wanted or missing-person appeal also
    loses the person's name and image everywhere the public reads it (page, lists, feeds, search, sitemap,
    share previews): its text is replaced, its image, source address and change notes removed, and search
    engines are asked not to index it. The full version before closing stays in History, for staff only."""
    now = timezone.now()
    with transaction.atomic():
        with revision("The full version before the appeal was closed.", user):
            reversion.add_to_revision(article)
        article.closed_at = now
        comment = "Appeal closed."
        if article.kind in article.ABOUT_A_PERSON:
            old_url = article.get_absolute_url()
            for name, value in (texts or replacement(article)).items():
                setattr(article, name, value)
            article.image = ""
            article.image_width = article.image_height = None
            article.image_alt = article.image_caption = article.image_credit = ""
            article.image_is_custody = False
            article.source_url = ""  # the original's address may carry the name
            article.details_removed_at = now
            article.change_notes.all().delete()
            comment = (
                "Appeal closed: the person’s name and image removed from the public page, lists, feeds, search, "
                "the sitemap and share previews. The full earlier version is the one before this in History."
            )
        with revision(comment, user):
            article.save()
            if article.is_redacted:
                Redirect.objects.record_move(article, old_url)
    return comment
