"""Who may move an article between states, and what each move needs. The admin enforces these on the server."""

from django.core.exceptions import ValidationError
from django.utils import timezone

from . import legal
from .models import Article

Status = Article.Status
PUBLISH_PERMISSION = "news.publish_article"
# Saving these never changes what the article says, so it never counts as unreviewed work.
WORKFLOW_FIELDS = {
    "status", "published_at", "expires_at", "withdrawn_reason", "publish_reason", "edit_fingerprint",
    "record_legal_check", "legal_check_note",
}  # fmt: skip


def can_publish(user):
    return user.has_perm(PUBLISH_PERMISSION)


def may_change(user, status):
    """Editors change drafts and articles in review; only a Publisher touches what is or was public."""
    return can_publish(user) or status in (Status.DRAFT, Status.REVIEW)


def states_for(user, status):
    """The states this user may give an article that is now in `status` (a new article is a draft)."""
    if can_publish(user):
        return list(Status)
    return [Status.DRAFT, Status.REVIEW] if may_change(user, status) else [status]


def goes_public(article, before, content_changed):
    """Does this save put the article, or new text of it, in front of the public (now or at its publish date)?"""
    return article.status == Status.PUBLISHED and (before != Status.PUBLISHED or content_changed)


def publishes_unreviewed(user, article, before, content_changed):
    """Does this save put text in front of the public that nobody but its author has checked?

    The second pair of eyes is the Publisher: publishing someone else's last change is the review.
    Publishing (or changing live) text whose last change is your own is not, and needs a reason.
    """
    own = content_changed or article.last_edited_by_id == user.pk
    return goes_public(article, before, content_changed) and own


def check(user, article, before, content_changed, reason, legal_check=False):
    """Raise a ValidationError, by form field, for any move this user may not make, or the law does not allow."""
    errors = {}
    checked_now = legal_check and can_publish(user)
    if article.status != before and article.status not in states_for(user, before):
        errors["status"] = "You can save a draft or submit it for review. A Publisher publishes and withdraws."
    elif publishes_unreviewed(user, article, before, content_changed) and not reason.strip():
        errors["publish_reason"] = (
            "Nobody else has reviewed this text. Submit it for review so another Publisher can publish it, or give "
            "the reason it must go out now."
        )
    if goes_public(article, before, content_changed):
        errors.update(legal.publishing_problems(article, checked_now, content_changed))
    if checked_now and not article.legal_check_note.strip():
        errors["legal_check_note"] = "Say briefly what you checked: the note is kept in the article’s history."
    if article.status == Status.WITHDRAWN and not article.withdrawn_reason.strip():
        errors["withdrawn_reason"] = "Say why the article is withdrawn: the reason is shown at its address."
    if errors:
        raise ValidationError(errors)


def record(user, article, before, content_changed, legal_check=False, reason=""):
    """Note who did what, just before the article is saved; returns the words for History."""
    now = timezone.now()
    said = [_record_state(user, article, before, content_changed, now)]
    if reason.strip() and "without review" in said[0]:
        said[0] += f", because: “{reason.strip()}”"
    if legal_check and can_publish(user):
        article.legal_checked_by, article.legal_checked_at = user, now
        article.legal_check_stage = article.case.stage if article.case_id else ""
        stage = f" at the stage “{article.get_legal_check_stage_display()}”" if article.legal_check_stage else ""
        said.append(f"Legal check recorded{stage}: “{article.legal_check_note.strip()}”")
    elif content_changed and article.legal_checked_at:
        # A check is of the text it was made on: new text needs a new one.
        article.legal_checked_by = article.legal_checked_at = None
        article.legal_check_stage = article.legal_check_note = ""
    return ". ".join(words for words in said if words)


def _record_state(user, article, before, content_changed, now):
    unreviewed = publishes_unreviewed(user, article, before, content_changed)
    if content_changed:
        article.last_edited_by = user
    if article.status == before:
        return "Published text changed without review" if unreviewed else ""
    if article.status == Status.REVIEW:
        article.submitted_by, article.submitted_at = user, now
        return "Submitted for review"
    if article.status == Status.PUBLISHED:
        article.published_by = user
        scheduled = article.published_at is not None and article.published_at > now
        return ("Scheduled" if scheduled else "Published") + (" without review" if unreviewed else "")
    if article.status == Status.WITHDRAWN:
        article.withdrawn_at = now
        return "Withdrawn"
    return "Returned to draft"
