"""Deciding: every change of an application's status, one at a time or many at once, within
the fund's budget, with the words sent to the applicant."""

from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from bursaries.messages import application_message_queue
from bursaries.models import (
    FINAL_STATUSES,
    MESSAGE_STATUSES,
    ApplicantMessage,
    Application,
    DecisionTemplate,
    Fund,
)
from bursaries.money import pounds
from bursaries.rules import fund_remaining, is_within_budget, may_move_to
from sanctuary.locks import lock_row, lock_rows
from sanctuary.models import User
from sanctuary.services import audit_record

# In a decision message, where the amount awarded goes.
AMOUNT = "{amount}"

# The fields a change of status writes, and those of them its checks read (decided_by is the
# acting user, who exists).
MOVED = ["status", "amount_awarded", "decided_by", "decided_at"]
_NOT_MOVED = [
    field.name
    for field in Application._meta.fields
    if field.name not in MOVED or field.name == "decided_by"
]


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
    fund = None
    if to_status == Application.Status.APPROVED:
        # The fund first, then the application: every approval, single or bulk, takes its
        # locks in this order, so two at once wait for each other rather than deadlock.
        fund_id = Application.objects.values_list("fund_id", flat=True).get(pk=application_id)
        fund = lock_row(Fund, fund_id)
    application = lock_row(Application.objects.select_related("fund"), application_id)
    return _move(
        application=application,
        fund=fund,
        to_status=to_status,
        actor=actor,
        amount_awarded=amount_awarded,
        message=message,
    )


def _move(
    *,
    application: Application,
    fund: Fund | None,
    to_status: str,
    actor: User,
    amount_awarded: Decimal | None,
    message: str,
) -> Application:
    """application_transition, for an application (and, when approving, its fund) the caller
    has locked."""
    if not may_move_to(user=actor, application=application, to_status=to_status):
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
    # Only what a move changes is checked and written: the rest of the row (what the
    # applicant wrote, the reference, the fund) stays as it was checked when it was sent. The
    # table's CHECK constraints on status and award (checked above with the words staff see)
    # are enforced by the UPDATE itself, in this transaction: asking the database about each
    # one first would cost three more round trips per application in a bulk decision.
    application.full_clean(exclude=_NOT_MOVED, validate_constraints=False)
    application.save(update_fields=[*MOVED, "updated_at"])
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
        # The application is locked here and the writer is the acting user: no need to ask
        # the database whether they exist.
        words.full_clean(exclude=["application", "written_by"])
        words.save()
        if to_status == Application.Status.MORE_INFORMATION:
            template, key = "bursary_more_information", f"more-information:{event.pk}"
        else:
            template, key = "bursary_decision", "decision"
        application_message_queue(application=application, template=template, key=key, words=words)
    return application


def _award_within_budget(*, fund: Fund, amount: Decimal | None) -> Decimal:
    if amount is None or amount <= 0:
        raise ValidationError(
            {"amount_awarded": ValidationError(_("Say how much to award."), code="no_amount")}
        )
    # The fund's row is locked (application_transition): every approval from this fund waits
    # for the one before to finish, so what is left is read after its award.
    if not is_within_budget(fund, amount):
        left = fund_remaining(fund)
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
    ids = sorted(set(application_ids))
    funds = {}
    if approving:
        # The funds first, once for the whole batch and in a fixed order, then the
        # applications: as application_transition locks them, so two at once wait for each
        # other rather than deadlock.
        fund_ids = set(
            Application.objects.filter(pk__in=ids).values_list("fund_id", flat=True).distinct()
        )
        funds = lock_rows(Fund, fund_ids)
    locked = lock_rows(Application.objects.select_related("fund"), ids)
    applications = sorted(locked.values(), key=lambda a: (a.submitted_at, a.pk))
    problems = []
    for fund in funds.values():
        asked = sum(a.amount_requested for a in applications if a.fund_id == fund.pk)
        if not is_within_budget(fund, asked):
            problems.append(
                ValidationError(
                    _("Together they ask for %(asked)s, but %(left)s is left in %(fund)s.")
                    % {
                        "asked": pounds(asked),
                        "left": pounds(fund_remaining(fund)),
                        "fund": fund.name,
                    },
                    code="over_budget",
                )
            )
    decided = []
    if not problems:
        for application in applications:
            try:
                decided.append(
                    _move(
                        application=application,
                        fund=funds.get(application.fund_id),
                        to_status=outcome,
                        actor=actor,
                        amount_awarded=application.amount_requested if approving else None,
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


def decision_message_draft(
    *, application: Application, template: DecisionTemplate | None, language: str = ""
) -> str:
    """The template's words in the applicant's language (or in `language`: the same words
    for staff to read in theirs), with their name filled in.

    The amount stays as {amount}: it is filled in when the decision is made, from the amount
    really awarded, which staff may change after reading the draft.
    """
    if template is None:
        return ""
    with translation.override(language or application.language):
        body = template.body or ""
    return body.replace("{name}", application.name)


def _money_in(amount: Decimal | None, application: Application) -> str:
    """An amount for words in the applicant's language, kept left to right in right-to-left
    words (Unicode isolates, invisible)."""
    money = pounds(amount)
    with translation.override(application.language):
        right_to_left = translation.get_language_bidi()
    return f"\u2066{money}\u2069" if money and right_to_left else money
