from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import BaseInlineFormSet, construct_instance
from django.http import Http404
from django.shortcuts import redirect
from django.template.defaultfilters import date as format_date
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.timesince import timesince

from core.admin import HistoryAdmin
from core.forms import ConflictCheckForm
from core.images import IMAGE_FIELDS, IllustratedForm
from units.models import Unit

from . import appeals, legal, workflow
from .models import Article, Case, ChangeNote, Hearing, Result, Sentence, StatedFigure, validate_article_slug
from .numbers import pounds

Status = Article.Status


class ArticleAdminForm(ConflictCheckForm, IllustratedForm):
    publish_reason = forms.CharField(
        label="Reason for publishing without review",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Only when you publish text that nobody else has reviewed (your own changes): say why it cannot "
        "wait for review. The reason is kept in the article’s history.",
    )
    record_legal_check = forms.BooleanField(
        label="I have checked this text against the Contempt of Court rules above",
        required=False,
        help_text="Publishers only. Needed to publish while the case’s proceedings are active, and again after any "
        "change to the text or the case’s stage. Kept in the history with your name, the time and your note.",
    )
    user = None  # set by ArticleAdmin.get_form

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.status_before = self.instance.status if self.instance.pk else Status.DRAFT
        if "status" in self.fields:
            allowed = workflow.states_for(self.user, self.status_before)
            self.fields["status"].choices = [(value, label) for value, label in Status.choices if value in allowed]

    @cached_property
    def changed_data(self):
        """The reason and the legal check are said in the History comment, not listed as changed fields."""
        return [name for name in super().changed_data if name not in {"publish_reason", "record_legal_check"}]

    @property
    def content_changed(self):
        return not self.instance.pk or bool(set(self.changed_data) - workflow.WORKFLOW_FIELDS)

    def clean(self):
        cleaned = super().clean()
        if "legal_check_note" in self.changed_data and not cleaned.get("record_legal_check"):
            self.add_error("legal_check_note", "The note belongs to a check: tick the box to record the check again.")
        if not self.errors and not self.previewing:
            # Check the move on a copy: the instance itself is only changed by _post_clean.
            article = Article(**{f.attname: getattr(self.instance, f.attname) for f in Article._meta.concrete_fields})
            construct_instance(self, article)
            workflow.check(
                self.user,
                article,
                self.status_before,
                self.content_changed,
                cleaned.get("publish_reason", ""),
                legal_check=cleaned.get("record_legal_check", False),
            )
        return cleaned


class CloseAppealForm(forms.Form):
    """What a closed wanted or missing-person appeal says instead: suggested, and editable, but never the name."""

    title = forms.CharField(max_length=250)
    slug = forms.SlugField(
        label="Web address",
        max_length=250,
        validators=[validate_article_slug],
        help_text="The old address will lead here. Its words may name the person, so the page gets a new one.",
    )
    summary = forms.CharField(max_length=400)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, article, **kwargs):
        super().__init__(*args, initial=appeals.replacement(article), **kwargs)
        self.article = article
        if article.kind not in Article.ABOUT_A_PERSON:
            self.fields.clear()  # a witness appeal keeps its text: closing only adds the notice

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if Article.objects.filter(slug=slug).exclude(pk=self.article.pk).exists():
            raise ValidationError("Another article has this web address: choose another.")
        return slug


class UnitChoiceField(forms.ModelMultipleChoiceField):
    """Units as a list of boxes: each main unit, then its teams, indented."""

    def label_from_instance(self, unit):
        return f"— {unit.name} ({unit.main_unit.name})" if unit.main_unit_id else unit.name


class ChangeNoteInline(admin.StackedInline):
    model = ChangeNote
    extra = 0
    fields = ["noted_at", "text"]
    verbose_name_plural = "Public change notes (“Updated 4 Dec 2026: …”), shown on the article and in feeds"


class CaseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, case):
        return f"{case.name} ({case.get_stage_display()})"


class AppealFilter(admin.SimpleListFilter):
    title = "appeals"
    parameter_name = "appeal"

    def lookups(self, request, model_admin):
        return [("open", "Open appeals, the oldest first"), ("closed", "Closed appeals")]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.open_appeals()
        if self.value() == "closed":
            return queryset.filter(kind__in=Article.APPEALS, closed_at__isnull=False)
        return queryset


class StateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"
    STATES = [
        ("draft", "Draft"),
        ("review", "In review"),
        ("scheduled", "Scheduled"),
        ("live", "Live"),
        ("expired", "Taken down at its expiry"),
        ("withdrawn", "Withdrawn"),
    ]

    def lookups(self, request, model_admin):
        return self.STATES

    def queryset(self, request, queryset):
        return queryset.filter(state=self.value()) if self.value() else queryset


LEGAL_REMINDER = format_html(
    "<p>{}</p><ul>{}</ul>",
    legal.LEGAL_CHECK_REMINDER,
    format_html_join("", "<li>{}</li>", ((item,) for item in legal.DO_NOT_PUBLISH)),
)


@admin.register(Article)
class ArticleAdmin(HistoryAdmin):
    form = ArticleAdminForm
    change_form_template = "admin/news/article/change_form.html"
    list_display = ["title", "kind", "state_shown", "date_shown", "appeal_shown", "area"]
    list_filter = [StateFilter, AppealFilter, "kind", "published_at", "area", "units", "case"]
    # No date hierarchy: it would drill down to the placeholder day of an article dated only by its year.
    search_fields = ["title", "summary", "body", "byline", "reference"]
    prepopulated_fields = {"slug": ["title"]}
    radio_fields = {"status": admin.VERTICAL, "date_precision": admin.HORIZONTAL, "kind": admin.VERTICAL}
    readonly_fields = ["legal_status"]
    actions = ["submit_for_review", "return_to_draft", "publish", "close_appeals"]
    inlines = [ChangeNoteInline]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "reference", "summary", "body"]}),
        (
            "Publishing",
            {
                "fields": [
                    "status",
                    "published_at",
                    "date_precision",
                    "expires_at",
                    "publish_reason",
                    "withdrawn_reason",
                ]
            },
        ),
        ("About the story", {"fields": ["case", "area", "units", "byline", "is_sensitive"]}),
        (
            "Legal check (Contempt of Court Act 1981)",
            {"fields": ["legal_status", "record_legal_check", "legal_check_note"], "description": LEGAL_REMINDER},
        ),
        ("Original source", {"fields": ["source_name", "source_url"]}),
        ("Image", {"fields": [*IMAGE_FIELDS, "image_is_custody"], "classes": ["collapse"]}),
    ]
    PUBLISHERS_ONLY = {"publish_reason", "withdrawn_reason", "record_legal_check", "legal_check_note"}

    def get_queryset(self, request):
        return super().get_queryset(request).with_state().select_related("area", "submitted_by", "case")

    def get_ordering(self, request):
        """Open appeals are listed by age, the oldest first, so none is forgotten."""
        if request.GET.get(AppealFilter.parameter_name) == "open":
            return ["published_at", "pk"]
        return super().get_ordering(request)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if workflow.can_publish(request.user):
            return fieldsets
        hidden = self.PUBLISHERS_ONLY
        return [(name, {**opts, "fields": [f for f in opts["fields"] if f not in hidden]}) for name, opts in fieldsets]

    def get_urls(self):
        close = path(
            "<path:object_id>/close/", self.admin_site.admin_view(self.close_view), name="news_article_close_appeal"
        )
        return [close, *super().get_urls()]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["can_close_appeal"] = obj is not None and self._may_close(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    @admin.display(description="Legal position")
    def legal_status(self, article):
        case = article.case if article and article.case_id else None
        if article is None:
            return (
                "Choose the article’s case under “About the story”: while its proceedings are active, a Publisher "
                "must record a legal check before the article is published."
            )
        if case is None:
            position = "Not linked to a case: no legal check is needed to publish it."
        elif case.proceedings_active:
            position = (
                f"Proceedings in the case “{case}” are active (it is at “{case.get_stage_display()}”): a Publisher "
                "must record a legal check before this article is published."
            )
        else:
            position = f"The case “{case}” is at “{case.get_stage_display()}”: proceedings are not active."
        if article and article.legal_checked_at:
            who = article.legal_checked_by.get_username() if article.legal_checked_by else "someone"
            when = format_date(article.legal_checked_at, "j M Y, H:i")
            stale = "" if legal.legal_check_is_current(article, case) else " The case has moved on since: check again."
            return f"{position} Last check: by {who}, {when}: “{article.legal_check_note}”.{stale}"
        return position

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or workflow.may_change(request.user, obj.status))

    def has_publish_permission(self, request):
        return workflow.can_publish(request.user)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "units":
            kwargs["form_class"] = UnitChoiceField
            kwargs["widget"] = forms.CheckboxSelectMultiple
            kwargs["queryset"] = Unit.objects.in_display_order().select_related("main_unit")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "area":
            kwargs["empty_label"] = "Region-wide (all five forces)"
        if db_field.name == "case":
            kwargs["form_class"] = CaseChoiceField
            kwargs["empty_label"] = "None"
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        note = workflow.record(
            request.user,
            obj,
            form.status_before,
            form.content_changed,
            legal_check=form.cleaned_data.get("record_legal_check", False),
            reason=form.cleaned_data.get("publish_reason", ""),
        )
        self.note_in_history(request, note)
        super().save_model(request, obj, form, change)

    @admin.display(description="State", ordering="status")
    def state_shown(self, article):
        """The state at a glance: "In review (submitted by X, 2 hours ago)", "Scheduled for …", "Live"."""
        if article.state == "review" and article.submitted_at:
            who = article.submitted_by.get_username() if article.submitted_by else "someone"
            return f"In review (submitted by {who}, {timesince(article.submitted_at)} ago)"
        if article.state == "scheduled":
            return f"Scheduled for {format_date(article.published_at, 'j M Y, H:i')}"
        if article.state == "expired":
            return f"Taken down {format_date(article.expires_at, 'j M Y, H:i')}"
        return dict(StateFilter.STATES)[article.state]

    @admin.display(description="Appeal", ordering="published_at")
    def appeal_shown(self, article):
        """An open appeal's age, so none is forgotten; when a closed one closed."""
        if not article.is_appeal:
            return "—"
        if article.closed_at:
            return f"Closed {format_date(article.closed_at, 'j M Y')}"
        if article.state == "live":
            return f"Open for {timesince(article.published_at)}"
        return "Not yet public"

    @admin.display(description="Publish date", ordering="published_at")
    def date_shown(self, article):
        """The date as visitors see it: only the year when only the year is known."""
        return render_to_string("includes/article_date.html", {"article": article}) if article.published_at else "—"

    # Closing appeals

    def _may_close(self, request, article):
        return (
            workflow.can_publish(request.user)
            and article.is_open_appeal
            and article.status == Status.PUBLISHED
            and self.has_change_permission(request, article)
        )

    def close_view(self, request, object_id):
        """A Publisher closes one appeal; for a wanted or missing person, with the text that replaces theirs."""
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404
        if not workflow.can_publish(request.user):
            raise PermissionDenied
        change_url = reverse("admin:news_article_change", args=[article.pk])
        if not self._may_close(request, article):
            self.message_user(request, "Only a published appeal that is still open can be closed.", messages.WARNING)
            return redirect(change_url)
        form = CloseAppealForm(request.POST if request.method == "POST" else None, article=article)
        if request.method == "POST" and form.is_valid():
            comment = appeals.close(article, request.user, form.cleaned_data or None)
            self.log_change(request, article, comment)
            self.message_user(request, f"{comment} It is closed: “{article}”.", messages.SUCCESS)
            return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": article,
            "form": form,
            "title": "Close this appeal",
            "about_a_person": article.kind in Article.ABOUT_A_PERSON,
            "change_url": change_url,
        }
        return TemplateResponse(request, "admin/news/article/close_appeal.html", context)

    @admin.action(description="Close the selected appeals", permissions=["publish"])
    def close_appeals(self, request, queryset):
        """Each appeal closed as the close page would with its suggested text, each with its own history."""
        closed, skipped = 0, []
        for article in queryset:
            if not self._may_close(request, article):
                skipped.append(article.title)
                continue
            self.log_change(request, article, appeals.close(article, request.user))
            closed += 1
        self.message_user(request, f"Appeals closed: {closed}.", messages.SUCCESS)
        if skipped:
            self.message_user(
                request,
                "Not changed, because they are not open, published appeals: " + "; ".join(skipped),
                messages.WARNING,
            )

    def _move_each(self, request, queryset, to, message):
        """A bulk state change: record by record, by the same rules as the form, each with its history."""
        skipped = []

        def move(article):
            before = article.status
            if before == to:
                return False
            article.status = to
            try:
                workflow.check(request.user, article, before, False, "")
            except ValidationError:  # refused: the record is left as it was, and named
                article.status = before
                skipped.append(article.title)
                return False
            workflow.record(request.user, article, before, False)

        count = self.change_each(request, queryset, move, message)
        self.message_user(request, f"{message.rstrip('.')}: {count} article(s).", messages.SUCCESS)
        if skipped:
            self.message_user(
                request,
                "Not changed, because that needs a Publisher, a reason, a review or a legal check: "
                + "; ".join(skipped),
                messages.WARNING,
            )

    @admin.action(description="Submit the selected articles for review", permissions=["change"])
    def submit_for_review(self, request, queryset):
        self._move_each(
            request, queryset.filter(status=Status.DRAFT), Status.REVIEW, "Submitted for review (bulk action)."
        )

    @admin.action(description="Return the selected articles to draft", permissions=["change"])
    def return_to_draft(self, request, queryset):
        self._move_each(request, queryset, Status.DRAFT, "Returned to draft (bulk action).")

    @admin.action(description="Publish the selected articles (reviewed work only)", permissions=["publish"])
    def publish(self, request, queryset):
        self._move_each(request, queryset, Status.PUBLISHED, "Published (bulk action).")


# Cases


class HearingInline(admin.StackedInline):
    model = Hearing
    extra = 0
    fields = ["date", "court", "description"]
    verbose_name_plural = "Hearings (optional): shown on the case’s articles"


class CaseAdminForm(ConflictCheckForm):
    def clean_stage(self):
        stage = self.cleaned_data["stage"]
        problem = legal.stage_change_problem(self.instance.stage if self.instance.pk else None, stage)
        if problem:
            raise ValidationError(problem)
        return stage


class ActiveFilter(admin.SimpleListFilter):
    title = "proceedings"
    parameter_name = "active"

    def lookups(self, request, model_admin):
        return [("yes", "Active"), ("no", "Not active")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.active()
        return queryset.exclude(pk__in=Case.objects.active().values("pk")) if self.value() == "no" else queryset


@admin.register(Case)
class CaseAdmin(HistoryAdmin):
    """A case and its legal stage: a stage change the law does not allow is refused with the reason."""

    form = CaseAdminForm
    list_display = ["name", "operation_name", "stage", "active", "area", "updated_at"]
    list_filter = [ActiveFilter, "stage", "area", "units"]
    search_fields = ["name", "operation_name"]
    radio_fields = {"stage": admin.VERTICAL}
    readonly_fields = ["articles_shown", "results_shown"]
    inlines = [HearingInline]
    fieldsets = [
        (None, {"fields": ["name", "operation_name", "stage", "warrant_issued"]}),
        ("Where", {"fields": ["area", "units"]}),
        ("Articles and results", {"fields": ["articles_shown", "results_shown"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("area")

    @admin.display(description="Proceedings active", boolean=True)
    def active(self, case):
        return case.proceedings_active

    @admin.display(description="Articles about the case")
    def articles_shown(self, case):
        articles = case.articles.with_state().order_by("published_at", "pk") if case.pk else []
        if not articles:
            return "None yet. Link an article to the case from the article’s page (About the story)."
        return format_html_join(
            ", ",
            '<a href="{}">{}</a> ({})',
            ((reverse("admin:news_article_change", args=[a.pk]), a.title, a.state) for a in articles),
        )

    @admin.display(description="Results")
    def results_shown(self, case):
        results = case.results.all() if case.pk else []
        if not results:
            return "None yet. Add one under Results when the case ends in a sentence or an order."
        return format_html_join(
            ", ", '<a href="{}">{}</a>', ((reverse("admin:news_result_change", args=[r.pk]), r.title) for r in results)
        )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "units":
            kwargs["form_class"] = UnitChoiceField
            kwargs["widget"] = forms.CheckboxSelectMultiple
            kwargs["queryset"] = Unit.objects.in_display_order().select_related("main_unit")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        before = Case.objects.filter(pk=obj.pk).first() if change else None
        if before is not None and before.stage != obj.stage:
            self.note_in_history(request, f"Stage: {before.get_stage_display()} → {obj.get_stage_display()}")
        super().save_model(request, obj, form, change)
        if obj.proceedings_active and not (before and before.proceedings_active):
            waiting = [
                a.title
                for a in obj.articles.with_state().filter(state__in=["review", "scheduled"])
                if not legal.legal_check_is_current(a, obj)
            ]
            if waiting:
                self.message_user(
                    request,
                    "Proceedings are now active. These articles about the case are in review or scheduled without a "
                    "legal check at this stage; a Publisher should check them before they go out: "
                    + "; ".join(waiting),
                    messages.WARNING,
                )


# Results


class SentenceFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        people = [
            form.cleaned_data["person"]
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and "person" in form.cleaned_data
        ]
        convicted = self.instance.people_convicted or 0
        if people and max(people) > convicted:
            raise ValidationError(
                f"There is a sentence for person {max(people)}, but {convicted} people convicted: give the number of "
                "people convicted, or number the sentences from 1."
            )


class SentenceInline(admin.StackedInline):
    model = Sentence
    formset = SentenceFormSet
    extra = 0
    fields = ["person", "years", "months", "life", "suspended"]
    verbose_name_plural = (
        "Sentences: one for each person sentenced (length in years and months; for life, the minimum term)"
    )


class ResultAdminForm(ConflictCheckForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "date" in self.fields:
            self.fields["date"].error_messages["required"] = (
                "Give the date of the result. If you know only the month or the year, or only when it was reported, "
                "give that and say so under “Date known as”."
            )


@admin.register(Result)
class ResultAdmin(HistoryAdmin):
    """A result as data: what the numbers page and the unit pages add up once an article about it is published."""

    form = ResultAdminForm
    list_display = ["title", "unit", "date_shown", "people_convicted", "recovered_shown", "case", "article"]
    list_filter = ["unit", "date_precision"]
    list_select_related = ["unit", "case", "article"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    radio_fields = {"date_precision": admin.VERTICAL}
    inlines = [SentenceInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "unit", "case", "article"]}),
        ("When", {"fields": ["date", "date_precision"]}),
        ("Outcome", {"fields": ["people_convicted", "confiscated", "forfeited"]}),
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "article":
            kwargs["queryset"] = Article.objects.order_by("-published_at", "-pk")
        if db_field.name == "case":
            kwargs["form_class"] = CaseChoiceField
        if db_field.name == "unit":
            kwargs["queryset"] = Unit.objects.in_display_order().select_related("main_unit")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description="Date", ordering="date")
    def date_shown(self, result):
        return result.date_known[1]

    @admin.display(description="Recovered")
    def recovered_shown(self, result):
        return pounds(result.recovered) if result.recovered else "—"


@admin.register(StatedFigure)
class StatedFigureAdmin(HistoryAdmin):
    """Figures a source states (with their period), shown as statements and never added into the results' sums."""

    list_display = ["figure", "description", "period", "unit", "source_name", "order"]
    list_select_related = ["unit"]
    search_fields = ["figure", "description", "source_name"]
    prepopulated_fields = {"slug": ["figure", "description"]}
    fieldsets = [
        (None, {"fields": ["figure", "description", "period", "unit", "slug", "order"]}),
        ("Source", {"fields": ["source_name", "source_url", "source_date"]}),
    ]
