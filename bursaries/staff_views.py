"""The staff workflow pages of the applications admin that are not its plain list and change
pages: opening an application (or declaring a conflict of interest), reviewing it, moving it
to another status, confirming a bulk decision or a removal of personal details, and the CSV
export. ApplicationAdmin.get_urls wires them in through the admin site, which checks that the
user is staff; each page checks the permission it needs and asks the services to act."""

from decimal import Decimal

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext

from bursaries import exports, rules, selectors, services
from bursaries.admin.display import money_or_dash
from bursaries.forms import BulkDecisionForm, DecisionForm, ReviewForm
from bursaries.models import Application


def _application(model_admin, request, object_id) -> Application:
    # Through the admin's own queryset: what this person may see, and nothing else.
    application = model_admin.get_object(request, unquote(object_id))
    if application is None:
        raise Http404
    return application


def change_url(application: Application) -> str:
    return reverse("admin:bursaries_application_change", args=[application.pk])


def _context(model_admin, request, application, **extra) -> dict:
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "original": application,
        "application": application,
        "has_view_permission": True,
        **extra,
    }


# One application --------------------------------------------------------------------------------


def open_view(request, object_id, *, model_admin):
    """Before the details: declare a conflict of interest, or open the application. This
    page shows who it is from, so seeing it is in the audit trail."""
    application = _application(model_admin, request, object_id)
    if not rules.is_reviewer(request.user):
        raise PermissionDenied
    if selectors.review_of(application=application, user=request.user) is not None:
        return redirect(change_url(application))
    if not rules.is_reviewable(application):
        # Nothing left to review: nobody new needs to know who it is from.
        if rules.may_decide(request.user):
            return redirect(change_url(application))
        notice = (
            gettext("This application has already been decided")
            if rules.review_refusal(request.user, application) == "decided"
            else gettext("This application has been anonymised.")
        )
        return TemplateResponse(
            request,
            "admin/bursaries/application/closed.html",
            _context(model_admin, request, application, title=notice),
        )
    if request.method == "POST":
        try:
            if "conflict" in request.POST:
                return _declare_conflict(model_admin, request, application)
            services.review_open(application_id=application.pk, reviewer=request.user)
        except ValidationError as error:
            model_admin.message_user(request, " ".join(error.messages), messages.ERROR)
        return redirect(change_url(application))
    services.application_view_record(application=application, actor=request.user, page="open")
    return TemplateResponse(
        request,
        "admin/bursaries/application/open.html",
        _context(model_admin, request, application, title=gettext("Before you open it")),
    )


def conflict_view(request, object_id, *, model_admin):
    """A conflict of interest noticed after reading the application: declared all the same,
    and recorded as after viewing."""
    application = _application(model_admin, request, object_id)
    if not rules.is_reviewer(request.user):
        raise PermissionDenied
    if request.method == "POST":
        try:
            return _declare_conflict(model_admin, request, application)
        except ValidationError as error:
            model_admin.message_user(request, " ".join(error.messages), messages.ERROR)
            return redirect(change_url(application))
    return TemplateResponse(
        request,
        "admin/bursaries/application/conflict.html",
        _context(
            model_admin, request, application, title=gettext("Declare a conflict of interest")
        ),
    )


def _declare_conflict(model_admin, request, application):
    services.review_declare_conflict(application_id=application.pk, reviewer=request.user)
    model_admin.message_user(
        request,
        gettext("Thank you. You will not see application %(reference)s again.")
        % {"reference": application.reference},
    )
    return redirect("admin:bursaries_application_changelist")


def review_view(request, object_id, *, model_admin):
    application = _application(model_admin, request, object_id)
    if not rules.is_reviewer(request.user):
        raise PermissionDenied
    review = selectors.review_of(application=application, user=request.user)
    if review is None:
        return redirect("admin:bursaries_application_open", application.pk)
    if review.submitted_at is not None:
        # A submitted review is final (services.review_submit refuses a second one).
        model_admin.message_user(
            request,
            gettext(
                "You have already submitted your review. A submitted review cannot be changed."
            ),
            messages.WARNING,
        )
        return redirect(change_url(application))
    if request.method == "POST":
        form = ReviewForm(data=request.POST)
        if form.is_valid():
            try:
                services.review_submit(
                    application_id=application.pk, reviewer=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                model_admin.message_user(
                    request,
                    gettext("Your review of %(reference)s is saved.")
                    % {"reference": application.reference},
                    messages.SUCCESS,
                )
                return redirect(change_url(application))
    else:
        form = ReviewForm()
        services.application_view_record(application=application, actor=request.user, page="review")
    return TemplateResponse(
        request,
        "admin/bursaries/application/review.html",
        _context(
            model_admin,
            request,
            application,
            form=form,
            title=gettext("Review %(reference)s") % {"reference": application.reference},
        ),
    )


def move_view(request, object_id, to_status, *, model_admin):
    """Decide, ask for more information, put in review or withdraw: one application."""
    application = _application(model_admin, request, object_id)
    if not rules.may_decide(request.user):
        raise PermissionDenied
    if to_status not in application.next_statuses():
        raise Http404
    templates = list(selectors.decision_templates(outcome=to_status))
    chosen = next(
        (t for t in templates if str(t.pk) == request.GET.get("template")),
        templates[0] if templates else None,
    )
    form = DecisionForm(
        data=request.POST if request.method == "POST" else None,
        outcome=to_status,
        initial={
            "amount_awarded": application.amount_requested,
            "message": services.decision_message_draft(application=application, template=chosen),
        },
    )
    in_staff_language = _in_staff_language(
        application, chosen if "message" in form.fields else None
    )
    if request.method == "GET" and form.fields.get("message"):
        services.decision_message_preview_record(
            application=application, actor=request.user, outcome=to_status, template=chosen
        )
    if request.method == "POST" and form.is_valid():
        try:
            services.application_transition(
                application_id=application.pk,
                to_status=to_status,
                actor=request.user,
                amount_awarded=form.cleaned_data.get("amount_awarded"),
                message=form.cleaned_data.get("message", ""),
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            fund = selectors.fund_with_totals(fund_id=application.fund_id)
            model_admin.message_user(
                request,
                gettext("%(reference)s is now “%(status)s”. %(left)s is left in %(fund)s.")
                % {
                    "reference": application.reference,
                    "status": Application.Status(to_status).label,
                    "left": money_or_dash(fund.remaining),
                    "fund": fund.name,
                },
                messages.SUCCESS,
            )
            return redirect(change_url(application))
    return TemplateResponse(
        request,
        "admin/bursaries/application/move.html",
        _context(
            model_admin,
            request,
            application,
            form=form,
            to_status=to_status,
            to_status_label=Application.Status(to_status).label,
            templates=templates,
            chosen=chosen,
            **in_staff_language,
            fund=selectors.fund_with_totals(fund_id=application.fund_id),
            average_score=rules.average_score(application.score_total),
            title=gettext("%(reference)s: %(status)s")
            % {
                "reference": application.reference,
                "status": Application.Status(to_status).label,
            },
        ),
    )


def _in_staff_language(application, template) -> dict:
    """The chosen template's words in the staff member's own language, to read beside the
    applicant's (the same template rendered twice), when the two languages differ."""
    language = translation.get_language()
    if template is None or language == application.language:
        return {}
    return {
        "staff_language": language,
        "staff_language_name": translation.get_language_info(language)["name_local"],
        "message_in_staff_language": services.decision_message_draft(
            application=application, template=template, language=language
        ),
    }


# Many at once -----------------------------------------------------------------------------------


def _action_context(model_admin, request, **extra) -> dict:
    """For a page that confirms an admin action: it posts the same action and selection again."""
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "action": request.POST.get("action"),
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        **extra,
    }


def bulk_decide(request, applications, outcome, *, model_admin):
    """Approve or decline the selected applications: the page that asks which words to send
    and shows what it costs each fund, then the decision (all of them, or none: see
    services.applications_decide)."""
    applications = list(applications.order_by("submitted_at"))
    form = BulkDecisionForm(
        data=request.POST if "confirm" in request.POST else None, outcome=outcome
    )
    if form.is_valid():
        _bulk_apply(model_admin, request, applications, outcome, form.cleaned_data["template"])
        return None
    funds = {}
    for application in applications:
        funds.setdefault(application.fund_id, Decimal("0"))
        funds[application.fund_id] += application.amount_requested
    fund_rows = [
        (fund, funds[fund.pk]) for fund in selectors.funds_with_totals(fund_ids=list(funds))
    ]
    return TemplateResponse(
        request,
        "admin/bursaries/application/bulk_decide.html",
        _action_context(
            model_admin,
            request,
            title=Application.Status(outcome).label,
            outcome=outcome,
            applications=applications,
            fund_rows=fund_rows,
            form=form,
        ),
    )


def _bulk_apply(model_admin, request, applications, outcome, template):
    try:
        decided = services.applications_decide(
            application_ids=[application.pk for application in applications],
            outcome=outcome,
            actor=request.user,
            template=template,
        )
    except ValidationError as error:
        model_admin.message_user(
            request,
            " ".join([gettext("Nothing was changed."), *error.messages]),
            messages.ERROR,
        )
        return
    model_admin.message_user(
        request,
        ngettext(
            "%(count)d application is now “%(status)s”: %(references)s",
            "%(count)d applications are now “%(status)s”: %(references)s",
            len(decided),
        )
        % {
            "count": len(decided),
            "status": Application.Status(outcome).label,
            "references": ", ".join(application.reference for application in decided),
        },
        messages.SUCCESS,
    )


def anonymise_confirm(request, applications, *, model_admin):
    """When someone asks us to delete their application sooner than the schedule would
    (the privacy notice says they may): after a confirmation, see
    services.application_anonymise."""
    applications = list(applications.order_by("submitted_at"))
    if "confirm" not in request.POST:
        return TemplateResponse(
            request,
            "admin/bursaries/application/anonymise.html",
            _action_context(
                model_admin,
                request,
                title=gettext("Remove the applicant's personal details now"),
                applications=applications,
            ),
        )
    removed = [
        application.reference
        for application in applications
        if services.application_anonymise(application_id=application.pk, actor=request.user)
    ]
    if not removed:
        model_admin.message_user(request, gettext("Nothing was changed."), messages.WARNING)
        return None
    model_admin.message_user(
        request,
        ngettext(
            "Personal details removed from %(count)d application: %(references)s",
            "Personal details removed from %(count)d applications: %(references)s",
            len(removed),
        )
        % {"count": len(removed), "references": ", ".join(removed)},
        messages.SUCCESS,
    )
    return None


def export_view(request, *, model_admin):
    """The list as it is filtered and searched, all of it, as a CSV file for funders."""
    if not model_admin.has_export_permission(request):
        raise PermissionDenied
    # Filters it cannot read are a 400 with a plain message (SafeInputAdmin).
    changelist = model_admin.get_changelist_instance(request)
    return exports.applications_csv(
        applications=changelist.get_queryset(request), actor=request.user
    )
