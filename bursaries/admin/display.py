"""How the bursary admin pages write amounts, applicants' own words and the audit trail."""

from decimal import Decimal

from django.template.defaultfilters import linebreaksbr
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from bursaries.models import Application, Review
from bursaries.money import pounds


def money_or_dash(amount: Decimal | None) -> str:
    return "–" if amount is None else pounds(amount)


def their_words(text: str) -> str:
    if not text:
        return "–"
    return format_html('<div dir="auto">{}</div>', linebreaksbr(text, autoescape=True))


# What each event in an application's audit trail says, in the reader's language.
AUDIT_LABELS = {
    "application.submit": _("Sent the application"),
    "application.view": _("Read the details"),
    "application.open": _("Said they have no conflict of interest and opened it"),
    "application.conflict": _("Declared a conflict of interest before reading it"),
    "application.preview_message": _("Drafted a message to the applicant: “%(outcome)s”"),
    "review.submit": _("Submitted a review recommending “%(recommendation)s”"),
    "application.in_review": _("Put in review"),
    "application.more_information": _("Asked for more information"),
    "application.approved": _("Approved: %(amount)s"),
    "application.declined": _("Declined"),
    "application.withdrawn": _("Withdrawn"),
    "application.anonymise": _("Personal details removed after the set time"),
}


def audit_label(event) -> str:
    """One line about an audit event, with the detail that matters to staff."""
    detail = event.detail or {}
    if event.action == "application.view" and detail.get("page") == "review":
        return gettext("Read the details on the review page")
    if event.action == "application.view" and detail.get("page") == "open":
        return gettext("Saw the name and who referred them, before opening it")
    if event.action == "application.conflict" and detail.get("after_viewing"):
        return gettext("Declared a conflict of interest after reading it")
    if event.action == "application.anonymise" and detail.get("reason") == "request":
        return gettext("Personal details removed on request")
    if event.action == "application.withdrawn" and detail.get("amount_released"):
        return gettext("Withdrawn: %(amount)s back in the fund") % {
            "amount": pounds(Decimal(detail["amount_released"]))
        }
    label = AUDIT_LABELS.get(event.action)
    if label is None:
        return event.action
    values = {}
    if "%(outcome)s" in str(label):
        values["outcome"] = _status_label(detail.get("outcome"))
    if "%(recommendation)s" in str(label):
        recommendation = detail.get("recommendation")
        values["recommendation"] = (
            Review.Recommendation(recommendation).label
            if recommendation in Review.Recommendation.values
            else recommendation
        )
    if "%(amount)s" in str(label):
        values["amount"] = pounds(Decimal(detail.get("amount_awarded") or 0))
    return str(label) % values if values else str(label)


def _status_label(status: str | None) -> str:
    return Application.Status(status).label if status in Application.Status.values else "–"
