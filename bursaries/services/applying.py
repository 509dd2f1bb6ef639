"""Applying for a bursary: the public form's one write."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bursaries import rules
from bursaries.messages import application_message_queue
from bursaries.models import Application, Fund, Opportunity
from bursaries.selectors import application_by_submission_key
from partners.models import PartnerOrganisation
from sanctuary.codes import reference_new, token_new
from sanctuary.models import User
from sanctuary.services import audit_record


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
    submission_key: str | None = None,
    portal_organisation: PartnerOrganisation | None = None,
    actor: User | None = None,
) -> Application:
    """Take someone's application, with no account, and confirm it to them in their language.

    Asks nothing about immigration status, nationality, documents or date of birth.

    The form's one-time submission_key makes sending it again harmless: a key already used
    returns the application first sent with it (even if the fund has closed since), with no
    second row and no second message. The application returned says which it was: its
    `repeated` is True for the first one found again.

    A partner worker referring someone through the portal passes their organisation as
    `portal_organisation` (and themselves as `actor`): the referral is then theirs to follow.
    """
    if submission_key:
        first = _first_sent_with(submission_key)
        if first is not None:
            return first
    if not rules.is_fund_open(fund, timezone.localdate()):
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
        # Only the contact details the chosen way of reaching them needs are kept.
        email=email if contact_method == Application.Contact.EMAIL else "",
        phone=phone if contact_method == Application.Contact.PHONE else "",
        language=language,
        support=list(support),
        amount_requested=amount_requested,
        statement=statement.strip(),
        referrer_organisation=referrer_organisation,
        portal_organisation=portal_organisation,
        referrer_name=referrer_name.strip(),
        referrer_email=referrer_email if contact_method == Application.Contact.REFERRER else "",
        privacy_consent_at=now,
        referrer_consent_at=now if referrer_consent else None,
        submitted_at=now,
        submission_key=submission_key or None,
    )
    application.full_clean()
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        # The same form, sent at the same moment, was saved first: that one is the answer.
        first = _first_sent_with(submission_key) if submission_key else None
        if first is None:
            raise
        return first
    application.repeated = False
    audit_record(actor=actor, action="application.submit", obj=application)
    application_message_queue(application=application, template="bursary_received", key="received")
    return application


def _first_sent_with(key: str) -> Application | None:
    first = application_by_submission_key(key=key)
    if first is not None:
        first.repeated = True
    return first


def _free_reference() -> str:
    while True:
        reference = reference_new(prefix="B")
        if not Application.objects.filter(reference=reference).exists():
            return reference
