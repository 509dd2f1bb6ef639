"""Every write about bursaries: setting funds up, applying, reviewing, deciding, anonymising.

Each status change goes through application_transition, which checks that the change is allowed
and who may make it, locks the application (and the fund, when approving), writes the audit
trail and queues the applicant's message, all in one transaction.
"""

import calendar
import logging
from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from bursaries.models import (
    FINAL_STATUSES,
    MESSAGE_STATUSES,
    ApplicantMessage,
    Application,
    DecisionTemplate,
    Fund,
    Opportunity,
    PartnerOrganisation,
    Review,
)
from bursaries.money import pounds
from bursaries.selectors import application_first_viewed_at, fund_awarded, message_key_prefix
from sanctuary.codes import reference_new, token_new
from sanctuary.models import OutgoingMessage, User
from sanctuary.outbox import MessageNotNeeded, context_builder
from sanctuary.services import audit_record, message_queue, messages_forget

# In a decision message, where the amount awarded goes.
AMOUNT = "{amount}"

DECIDE = "bursaries.decide_application"
REVIEW = "bursaries.add_review"

logger = logging.getLogger(__name__)


# Setting up: funds, opportunities, partners, decision templates --------------------------------


@transaction.atomic
def fund_save(*, fund: Fund, actor: User | None, changed: Iterable[str] = ()) -> Fund:
    """Save a fund as staff edit it. Its budget can never drop below what it has awarded."""
    created = fund.pk is None
    if not created:
        Fund.objects.select_for_update().get(pk=fund.pk)
        awarded = fund_awarded(fund_id=fund.pk)
        if fund.budget is not None and fund.budget < awarded:
            raise ValidationError(
                {
                    "budget": _("This fund has already awarded %(awarded)s.")
                    % {"awarded": pounds(awarded)}
                }
            )
    return _save_audited(obj=fund, actor=actor, changed=changed, created=created, name="fund")


def opportunity_save(
    *, opportunity: Opportunity, actor: User | None, changed: Iterable[str] = ()
) -> Opportunity:
    return _save_audited(obj=opportunity, actor=actor, changed=changed, name="opportunity")


def partner_save(
    *, partner: PartnerOrganisation, actor: User | None, changed: Iterable[str] = ()
) -> PartnerOrganisation:
    return _save_audited(obj=partner, actor=actor, changed=changed, name="partner")


def decision_template_save(
    *, template: DecisionTemplate, actor: User | None, changed: Iterable[str] = ()
) -> DecisionTemplate:
    return _save_audited(obj=template, actor=actor, changed=changed, name="decision_template")


@transaction.atomic
def _save_audited(
    *,
    obj: models.Model,
    actor: User | None,
    changed: Iterable[str],
    name: str,
    created: bool | None = None,
) -> models.Model:
    created = obj.pk is None if created is None else created
    obj.full_clean()
    obj.save()
    if created:
        audit_record(actor=actor, action=f"{name}.create", obj=obj)
    elif changed:
        audit_record(
            actor=actor, action=f"{name}.update", obj=obj, detail={"fields": sorted(changed)}
        )
    return obj


# Applying ---------------------------------------------------------------------------------------


@transaction.atomic
def application_submit(
    *,
    fund: Fund,
    name: str,
    contact_method: str,
    language: str,
    support: list[str],
    amount_requested: Decimal,
    statement: str,
    privacy_consent: bool,
    email: str = "",
    phone: str = "",
    opportunity: Opportunity | None = None,
    own_words: str = "",
    referrer_organisation: PartnerOrganisation | None = None,
    referrer_name: str = "",
    referrer_email: str = "",
    referrer_consent: bool = False,
) -> Application:
    """Take someone's application, with no account, and confirm it to them in their language.

    Asks nothing about immigration status, nationality, documents or date of birth.
    """
    if not fund.is_open:
        raise ValidationError(_("This fund is not taking applications now."), code="closed")
    if not privacy_consent:
        raise ValidationError(
            {"privacy_consent": _("Tick the box to say you agree, so that we can help you.")}
        )
    now = timezone.now()
    application = Application(
        reference=_free_reference(),
        status_token=token_new(),
        fund=fund,
        opportunity=opportunity,
        own_words=own_words.strip(),
        name=name.strip(),
        contact_method=contact_method,
        email=email,
        phone=phone,
        language=language,
        support=list(support),
        amount_requested=amount_requested,
        statement=statement.strip(),
        referrer_organisation=referrer_organisation,
        referrer_name=referrer_name.strip(),
        referrer_email=referrer_email,
        privacy_consent_at=now,
        referrer_consent_at=now if referrer_consent else None,
        submitted_at=now,
    )
    application.full_clean()
    application.save()
    audit_record(actor=None, action="application.submit", obj=application)
    _message(application=application, template="bursary_received", key="received")
    return application


def _free_reference() -> str:
    while True:
        reference = reference_new(prefix="B")
        if not Application.objects.filter(reference=reference).exists():
            return reference


# Reviewing --------------------------------------------------------------------------------------


def _review_for(*, application: Application, reviewer: User) -> Review | None:
    return Review.objects.filter(application=application, reviewer=reviewer).first()


def _check_may_review(*, reviewer: User, application: Application) -> None:
    if not reviewer.has_perm(REVIEW):
        raise PermissionDenied
    if not application.is_open:
        raise ValidationError(_("This application has been decided."), code="decided")
    if application.anonymised_at is not None:
        raise ValidationError(_("This application has been anonymised."), code="anonymised")


@transaction.atomic
def review_declare_conflict(*, application_id: int, reviewer: User) -> Review:
    """The reviewer knows the person, or has another interest: keep them away from it.

    Best declared before opening the details. Declared later, it still keeps them away and
    takes their scores out of the figures, and the record says honestly that it came after
    they had read the application (opened_at, and the audit trail's "after_viewing").
    """
    application = Application.objects.select_for_update().get(pk=application_id)
    _check_may_review(reviewer=reviewer, application=application)
    review = _review_for(application=application, reviewer=reviewer)
    if review is not None and review.conflict_of_interest:
        return review
    if review is None:
        # Programme staff see the details without opening them first: their first look counts.
        review = Review(
            application=application,
            reviewer=reviewer,
            opened_at=application_first_viewed_at(application=application, user=reviewer),
        )
    review.conflict_of_interest = True
    review.conflict_declared_at = timezone.now()
    review.full_clean()
    review.save()
    audit_record(
        actor=reviewer,
        action="application.conflict",
        obj=application,
        detail={"after_viewing": review.conflict_after_viewing},
    )
    return review


@transaction.atomic
def review_open(*, application_id: int, reviewer: User) -> Review:
    """The reviewer says they have no conflict of interest and opens the application."""
    application = Application.objects.select_for_update().get(pk=application_id)
    _check_may_review(reviewer=reviewer, application=application)
    review = _review_for(application=application, reviewer=reviewer)
    if review is not None:
        if review.conflict_of_interest:
            raise PermissionDenied
        return review
    review = Review(application=application, reviewer=reviewer, opened_at=timezone.now())
    review.full_clean()
    review.save()
    audit_record(actor=reviewer, action="application.open", obj=application)
    return review


@transaction.atomic
def review_submit(
    *,
    application_id: int,
    reviewer: User,
    need: int,
    benefit: int,
    fit: int,
    recommendation: str,
    comment: str = "",
) -> Review:
    """Score an application on the rubric and recommend an outcome. One review per reviewer per
    application, and once submitted it is final: nobody changes it afterwards, so that what a
    reviewer thought before seeing the others' reviews stays on record. The first review puts
    a newly submitted application in review."""
    application = Application.objects.select_for_update().get(pk=application_id)
    _check_may_review(reviewer=reviewer, application=application)
    review = _review_for(application=application, reviewer=reviewer)
    if review is None:
        raise ValidationError(
            _("Say first whether you have a conflict of interest."), code="not_opened"
        )
    if review.conflict_of_interest:
        raise PermissionDenied
    if review.submitted_at is not None:
        raise ValidationError(
            _("You have already submitted your review. A submitted review cannot be changed."),
            code="already_submitted",
        )
    review.need, review.benefit, review.fit = need, benefit, fit
    review.recommendation = recommendation
    review.comment = comment.strip()
    review.submitted_at = timezone.now()
    review.full_clean()
    review.save()
    audit_record(
        actor=reviewer,
        action="review.submit",
        obj=application,
        detail={"recommendation": recommendation},
    )
    if application.status == Application.Status.SUBMITTED:
        application_transition(
            application_id=application.pk, to_status=Application.Status.IN_REVIEW, actor=reviewer
        )
    return review


# Deciding ---------------------------------------------------------------------------------------


def _has_conflict(*, actor: User, application_id: int) -> bool:
    return Review.objects.filter(
        application_id=application_id, reviewer=actor, conflict_of_interest=True
    ).exists()


def _may_move_to(*, actor: User, to_status: str) -> bool:
    """Reviewers review (which puts an application in review); programme staff decide."""
    if actor.has_perm(DECIDE):
        return True
    return to_status == Application.Status.IN_REVIEW and actor.has_perm(REVIEW)


@transaction.atomic
def application_transition(
    *,
    application_id: int,
    to_status: str,
    actor: User,
    amount_awarded: Decimal | None = None,
    message: str = "",
) -> Application:
    """Move an application to another status: the one way every status changes.

    Approving needs an amount, which must fit in what is left of the fund's budget (the fund's
    row is locked, so two approvals at once cannot both take the last of it). Approving,
    declining and asking for more information need a message for the applicant, who is sent it
    in their language once the change is committed.
    """
    if to_status not in Application.Status.values:
        raise ValidationError(_("That is not a status an application can have."), code="no_status")
    if not _may_move_to(actor=actor, to_status=to_status):
        raise PermissionDenied
    if to_status == Application.Status.APPROVED:
        # The fund first, then the application: every approval, single or bulk, takes its
        # locks in this order, so two at once wait for each other rather than deadlock.
        fund_id = Application.objects.values_list("fund_id", flat=True).get(pk=application_id)
        fund = Fund.objects.select_for_update().get(pk=fund_id)
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("fund")
        .get(pk=application_id)
    )
    if _has_conflict(actor=actor, application_id=application.pk):
        raise PermissionDenied
    before = application.status
    if to_status not in application.next_statuses():
        raise ValidationError(
            _("An application that is “%(before)s” cannot become “%(after)s”.")
            % {
                "before": Application.Status(before).label,
                "after": Application.Status(to_status).label,
            },
            code="invalid_transition",
        )
    detail: dict = {"from": before, "to": to_status}
    message = message.strip()
    if to_status in MESSAGE_STATUSES and not message:
        raise ValidationError(
            {"message": ValidationError(_("Write a message to the applicant."), code="no_message")}
        )
    if to_status == Application.Status.APPROVED:
        application.amount_awarded = _award_within_budget(fund=fund, amount=amount_awarded)
        detail["amount_awarded"] = str(application.amount_awarded)
    elif application.amount_awarded is not None:
        # Only an approved application holds money: any other status gives it back to the fund.
        detail["amount_released"] = str(application.amount_awarded)
        application.amount_awarded = None
    # The amount goes into the words only now, so they say what was really awarded (nothing,
    # unless approved).
    message = message.replace(AMOUNT, _money_in(application.amount_awarded, application))
    message = message.replace("{name}", application.name)
    if to_status in FINAL_STATUSES:
        application.decided_by = actor
        application.decided_at = timezone.now()
    application.status = to_status
    application.full_clean()
    application.save()
    event = audit_record(
        actor=actor, action=f"application.{to_status}", obj=application, detail=detail
    )
    if to_status in MESSAGE_STATUSES:
        # The words as sent, for the status page and for any later re-send of this message.
        words = ApplicantMessage(
            application=application,
            status=to_status,
            language=application.language,
            body=message,
            written_by=actor,
        )
        words.full_clean()
        words.save()
        if to_status == Application.Status.MORE_INFORMATION:
            template, key = "bursary_more_information", f"more-information:{event.pk}"
        else:
            template, key = "bursary_decision", "decision"
        _message(application=application, template=template, key=key, words=words)
    return application


def _award_within_budget(*, fund: Fund, amount: Decimal | None) -> Decimal:
    if amount is None or amount <= 0:
        raise ValidationError(
            {"amount_awarded": ValidationError(_("Say how much to award."), code="no_amount")}
        )
    # The fund's row is locked (application_transition): every approval from this fund waits
    # for the one before to finish, so what is left is read after its award.
    left = fund.budget - fund_awarded(fund_id=fund.pk)
    if amount > left:
        raise ValidationError(
            {
                "amount_awarded": ValidationError(
                    _("That is more than is left in %(fund)s: %(left)s of %(budget)s.")
                    % {"fund": fund.name, "left": pounds(left), "budget": pounds(fund.budget)},
                    code="over_budget",
                )
            }
        )
    return amount


def application_decide(
    *,
    application_id: int,
    outcome: str,
    actor: User,
    message: str,
    amount_awarded: Decimal | None = None,
) -> Application:
    """Approve (with an amount) or decline, with a message to the applicant."""
    if outcome not in (Application.Status.APPROVED, Application.Status.DECLINED):
        raise ValueError(f"Not a decision: {outcome}")
    return application_transition(
        application_id=application_id,
        to_status=outcome,
        actor=actor,
        amount_awarded=amount_awarded,
        message=message,
    )


@transaction.atomic
def applications_decide(
    *,
    application_ids: Iterable[int],
    outcome: str,
    actor: User,
    template: DecisionTemplate,
) -> list[Application]:
    """Approve (each for the amount it asked for) or decline several applications at once,
    each told in their own language from one template: all of them, or none.

    If they ask for more than is left in a fund, or any one of them cannot be decided, nothing
    changes and the ValidationError says why, one message per problem.
    """
    if outcome not in (Application.Status.APPROVED, Application.Status.DECLINED):
        raise ValueError(f"Not a decision: {outcome}")
    approving = outcome == Application.Status.APPROVED
    applications = list(
        Application.objects.filter(pk__in=list(application_ids))
        .select_related("fund")
        .order_by("submitted_at", "pk")
    )
    problems = []
    if approving:
        # Funds first, in a fixed order (as application_transition locks them).
        fund_ids = sorted({application.fund_id for application in applications})
        funds = Fund.objects.select_for_update().filter(pk__in=fund_ids).order_by("pk")
        for fund in funds:
            asked = sum(a.amount_requested for a in applications if a.fund_id == fund.pk)
            left = fund.budget - fund_awarded(fund_id=fund.pk)
            if asked > left:
                problems.append(
                    ValidationError(
                        _("Together they ask for %(asked)s, but %(left)s is left in %(fund)s.")
                        % {"asked": pounds(asked), "left": pounds(left), "fund": fund.name},
                        code="over_budget",
                    )
                )
    decided = []
    if not problems:
        for application in applications:
            amount = application.amount_requested if approving else None
            try:
                decided.append(
                    application_transition(
                        application_id=application.pk,
                        to_status=outcome,
                        actor=actor,
                        amount_awarded=amount,
                        message=decision_message_draft(application=application, template=template),
                    )
                )
            except ValidationError as error:
                reason = " ".join(error.messages)
            except PermissionDenied:
                reason = _("You may not decide on it.")
            else:
                continue
            problems.append(
                ValidationError(
                    "%(reference)s: %(reason)s",
                    params={"reference": application.reference, "reason": reason},
                )
            )
    if problems:
        # Raised inside the transaction: every decision above is undone, no message is sent.
        raise ValidationError(problems)
    return decided


def decision_message_draft(*, application: Application, template: DecisionTemplate | None) -> str:
    """The template's words in the applicant's language, with their name filled in.

    The amount stays as {amount}: it is filled in when the decision is made, from the amount
    really awarded, which staff may change after reading the draft.
    """
    if template is None:
        return ""
    with translation.override(application.language):
        body = template.body or ""
    return body.replace("{name}", application.name)


def _money_in(amount: Decimal | None, application: Application) -> str:
    """An amount for words in the applicant's language, kept left to right in right-to-left
    words (Unicode isolates, invisible)."""
    money = pounds(amount)
    with translation.override(application.language):
        right_to_left = translation.get_language_bidi()
    return f"\u2066{money}\u2069" if money and right_to_left else money


def application_view_record(*, application: Application, actor: User, page: str) -> None:
    """Someone on the team read the application's details (on its page, or the page where
    they review it): the audit trail says who, and where."""
    audit_record(actor=actor, action="application.view", obj=application, detail={"page": page})


def decision_message_preview_record(
    *, application: Application, actor: User, outcome: str, template: DecisionTemplate | None
) -> None:
    """Someone drafted the message for a decision: it shows the applicant's name and words."""
    audit_record(
        actor=actor,
        action="application.preview_message",
        obj=application,
        detail={"outcome": outcome, "template": template.pk if template else None},
    )


def applications_export_record(*, references: list[str], actor: User) -> None:
    """Someone downloaded applications for funders: which ones, and how many."""
    audit_record(
        actor=actor,
        action="application.export",
        detail={"count": len(references), "references": sorted(references)},
    )


# Messages ---------------------------------------------------------------------------------------


def _message(
    *,
    application: Application,
    template: str,
    key: str,
    words: ApplicantMessage | None = None,
) -> OutgoingMessage:
    """Queue a message to the applicant, or to their referrer if they chose that, carrying
    staff's words for them if there are any."""
    if application.contact_method == Application.Contact.PHONE:
        channel, recipient = OutgoingMessage.Channel.SMS, str(application.phone)
    elif application.contact_method == Application.Contact.REFERRER:
        channel, recipient = OutgoingMessage.Channel.EMAIL, application.referrer_email
    else:
        channel, recipient = OutgoingMessage.Channel.EMAIL, application.email
    return message_queue(
        channel=channel,
        recipient=recipient,
        template=template,
        dedupe_key=message_key_prefix(application.pk) + key,
        language=application.language,
        context={"application_id": application.pk}
        | ({"applicant_message_id": words.pk} if words else {}),
        subject=application,
    )


def _application_to_tell(context: dict) -> Application:
    # Loaded when the message is sent, in the applicant's language (the fund's name too).
    if "application_id" not in context:
        # Emptied when the application was anonymised, while this message was on its way.
        raise MessageNotNeeded("the application has been anonymised")
    application = Application.objects.select_related("fund").get(pk=context["application_id"])
    if application.anonymised_at is not None:
        raise MessageNotNeeded("the application has been anonymised")
    return application


@context_builder("bursary_received")
def _received_context(context: dict) -> dict:
    return _message_values(application=_application_to_tell(context), words="")


@context_builder("bursary_decision")
@context_builder("bursary_more_information")
def _words_context(context: dict) -> dict:
    application = _application_to_tell(context)
    words = ApplicantMessage.objects.filter(application=application)
    if "applicant_message_id" in context:
        words = words.filter(pk=context["applicant_message_id"])
    # (Messages queued before ApplicantMessage existed carry no id: they take the latest.)
    words = words.order_by("-created_at", "-pk").first()
    if words is not None and words.status != application.status:
        # Approved then withdrawn, or a question overtaken by a decision, before the worker
        # got to it: the applicant would be told something that no longer holds.
        raise MessageNotNeeded(f"the application is now {application.status}, not {words.status}")
    return _message_values(application=application, words=words.body if words else "")


def _message_values(*, application: Application, words: str) -> dict:
    return {
        "name": application.name,
        "reference": application.reference,
        "fund": application.fund.name,
        "status": application.status,
        "approved": application.status == Application.Status.APPROVED,
        "amount_awarded": application.amount_awarded,
        "decision_message": words,
        "to_referrer": application.contact_method == Application.Contact.REFERRER,
        "status_url": settings.SITE_URL + status_path(application=application),
    }


def status_path(*, application: Application) -> str:
    with translation.override(application.language):
        return reverse("bursaries:status", kwargs={"token": application.status_token})


# Retention --------------------------------------------------------------------------------------


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` calendar months earlier (the month's last day if the day
    does not exist then)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


@transaction.atomic
def application_anonymise(
    *, application_id: int, actor: User | None, now: datetime | None = None
) -> bool:
    """Remove the person from one application: on their request (actor: the programme staff
    member who does it), or on schedule (actor None, from applications_anonymise).

    Names, contact details, statements, their own words, the referrer's name and email, the
    messages to them (in the outbox too) and reviewers' comments go; the fund, opportunity,
    support types, amounts, status, dates, scores and referring organisation stay, for reports
    to funders. The private status link stops working, and a message still waiting to go is
    not sent. One event in the application's audit trail says so. Returns False, changing
    nothing, if it was already anonymised.
    """
    if actor is not None and not actor.has_perm(DECIDE):
        raise PermissionDenied
    application = Application.objects.select_for_update().get(pk=application_id)
    if application.anonymised_at is not None:
        return False
    now = now or timezone.now()
    Application.objects.filter(pk=application.pk).update(
        name="",
        email="",
        phone="",
        statement="",
        own_words="",
        referrer_name="",
        referrer_email="",
        # A fresh secret nobody has: the old link now finds nothing.
        status_token=token_new(),
        anonymised_at=now,
        updated_at=now,
    )
    Review.objects.filter(application=application).update(comment="")
    ApplicantMessage.objects.filter(application=application).update(body="")
    # Their messages forget the address and the words too (they would otherwise keep them
    # OUTBOX_KEEP_DAYS); one still waiting to go is no longer needed.
    messages_forget(subjects=Application.objects.filter(pk=application.pk))
    audit_record(
        actor=actor,
        action="application.anonymise",
        obj=application,
        detail={"reason": "schedule" if actor is None else "request"},
    )
    return True


@transaction.atomic
def applications_anonymise(*, now: datetime | None = None) -> int:
    """Remove the person from applications BURSARY_ANONYMISE_AFTER_MONTHS after the decision,
    or after they were sent if they were never decided (left waiting, or withdrawn), each as
    application_anonymise does. Returns how many applications were anonymised.
    """
    now = now or timezone.now()
    cutoff = months_before(now, settings.BURSARY_ANONYMISE_AFTER_MONTHS)
    due = list(
        Application.objects.select_for_update(skip_locked=True)
        .filter(anonymised_at__isnull=True)
        .alias(settled_at=Coalesce("decided_at", "submitted_at"))
        .filter(settled_at__lt=cutoff)
        .values_list("pk", flat=True)
    )
    anonymised = sum(
        application_anonymise(application_id=application_id, actor=None, now=now)
        for application_id in due
    )
    if anonymised:
        logger.info("Anonymised %d bursary applications", anonymised)
    return anonymised
