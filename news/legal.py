"""The Contempt of Court rules the newsroom works by, in one place: stages, active proceedings, what may go out."""

from django.db import models
from django.db.models import Q


class Stage(models.TextChoices):
    INVESTIGATING = "investigating", "Investigating"
    APPEAL_OPEN = "appeal", "Appeal open"
    ARREST = "arrest", "Arrest made"
    CHARGED = "charged", "Charged"
    AWAITING_TRIAL = "awaiting", "Awaiting trial"
    AT_TRIAL = "trial", "At trial"
    SENTENCED = "sentenced", "Sentenced"
    ACQUITTED = "acquitted", "Acquitted"
    CLOSED = "closed", "Closed"


BEFORE_ARREST = {Stage.INVESTIGATING, Stage.APPEAL_OPEN}
# From arrest until sentence or acquittal. Release without charge is the move from "Arrest made" back to a
# stage before arrest (someone released on bail stays at "Arrest made": proceedings stay active).
ACTIVE_STAGES = {Stage.ARREST, Stage.CHARGED, Stage.AWAITING_TRIAL, Stage.AT_TRIAL}


def proceedings_active(stage, warrant_issued):
    """Contempt of Court Act 1981, Schedule 1: criminal proceedings are active from an arrest, or the issue of a
    warrant for one, until sentence, acquittal or release without charge. The one rule; `active_proceedings()`
    asks the database the same question."""
    return stage in ACTIVE_STAGES or (bool(warrant_issued) and stage in BEFORE_ARREST)


def active_proceedings(prefix=""):
    """`proceedings_active` as a query condition, for lists and filters (prefix: "case__" from an article)."""
    return Q(**{f"{prefix}stage__in": ACTIVE_STAGES}) | Q(
        **{f"{prefix}warrant_issued": True, f"{prefix}stage__in": BEFORE_ARREST}
    )


# The stages a case may come from to reach each stage; staying at the same stage is always allowed.
MAY_FOLLOW = {
    Stage.INVESTIGATING: BEFORE_ARREST | {Stage.ARREST, Stage.CLOSED},
    Stage.APPEAL_OPEN: BEFORE_ARREST | {Stage.ARREST, Stage.CLOSED},
    Stage.ARREST: BEFORE_ARREST | {Stage.CLOSED},
    Stage.CHARGED: {Stage.ARREST},
    Stage.AWAITING_TRIAL: {Stage.CHARGED, Stage.AT_TRIAL},
    Stage.AT_TRIAL: {Stage.CHARGED, Stage.AWAITING_TRIAL},
    Stage.SENTENCED: {Stage.CHARGED, Stage.AWAITING_TRIAL, Stage.AT_TRIAL},
    Stage.ACQUITTED: {Stage.CHARGED, Stage.AWAITING_TRIAL, Stage.AT_TRIAL},
    Stage.CLOSED: set(Stage),
}
WHY_NOT = {
    Stage.CHARGED: "A charge follows an arrest: record the arrest first (stage “Arrest made”).",
    Stage.AWAITING_TRIAL: "Only a case where someone has been charged can await trial: record the charge first.",
    Stage.AT_TRIAL: "A trial follows a charge: record the charge first (stage “Charged”).",
    Stage.SENTENCED: "Nobody can be sentenced without a charge: record the charge (and the trial, if there was "
    "one) first.",
    Stage.ACQUITTED: "Only someone who has been charged can be acquitted: record the charge and the trial first.",
    Stage.ARREST: "A case that is charged or has reached court cannot go back to “Arrest made”. If the charges "
    "were dropped, close the case.",
    Stage.INVESTIGATING: "A case with a charge, a verdict or a sentence cannot go back to investigating. Close it; "
    "if it is reopened later (a review, say), move it from “Closed” to “Investigating”.",
    Stage.APPEAL_OPEN: "A case with a charge, a verdict or a sentence cannot go back to an open appeal. Close it "
    "first; a reopened case can then appeal again.",
}


def stage_change_problem(before, after):
    """Why the law does not allow this stage change, or None. A new case (before is None) may start at any stage:
    it records a case as it stands."""
    if before is None or before == after or before in MAY_FOLLOW[after]:
        return None
    return f"The case cannot go from “{Stage(before).label}” to “{Stage(after).label}”. {WHY_NOT[after]}"


def custody_image_allowed(wanted, case):
    """A custody image of a person may be published in a "wanted" appeal, or once the case is at "Sentenced"."""
    return wanted or (case is not None and case.stage == Stage.SENTENCED)


LEGAL_CHECK_REMINDER = (
    "While proceedings are active (from an arrest, or a warrant for one, until sentence, acquittal or release "
    "without charge), a Publisher must check an article about the case before it is published, and again after "
    "any change to its text. Make sure it does not publish:"
)
DO_NOT_PUBLISH = [
    "a suspect’s image or description, where identification may be at issue;",
    "previous convictions, or anything else about the bad character of anyone charged;",
    "anything that asserts or implies guilt: say “charged with murder”, never “the killer”.",
]
PUBLIC_NOTICE = (
    "Criminal proceedings in this case are active. Please do not comment on it or speculate about it, including on "
    "social media, in any way that could prejudice the case."
)


def legal_check_is_current(article, case):
    """A recorded check counts for the text it was made on, at the stage the case was in then."""
    return article.legal_checked_at is not None and case is not None and article.legal_check_stage == case.stage


def publishing_problems(article, checked_now, content_changed):
    """What stops this article going in front of the public, by form field: {} when the law allows it."""
    problems = {}
    case = article.case if article.case_id else None
    if article.image and article.image_is_custody and not custody_image_allowed(article.is_wanted, case):
        where = f"Its case is at “{case.get_stage_display()}”." if case else "It is not linked to a case."
        problems["image_is_custody"] = (
            "A custody image of a person can be published only in a “wanted” appeal, or once the case reaches "
            f"“Sentenced”. {where} Remove the image, or keep the article unpublished until then."
        )
    if case is not None and case.proceedings_active:
        current = legal_check_is_current(article, case) and not content_changed
        if not (checked_now or current):
            problems["record_legal_check"] = (
                f"Proceedings in the case “{case}” are active (it is at “{case.get_stage_display()}”), so a Publisher "
                "must record a legal check of this text before it is published: tick the box and say what you "
                "checked."
            )
    return problems
