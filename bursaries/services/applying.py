"""Applying for a bursary: the public form's one write."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bursaries.messages import application_message_queue
from bursaries.models import Application, Fund, Opportunity, PartnerOrganisation
from sanctuary.codes import reference_new, token_new
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
    application_message_queue(application=application, template="bursary_received", key="received")
    return application


def _free_reference() -> str:
    while True:
        reference = reference_new(prefix="B")
        if not Application.objects.filter(reference=reference).exists():
            return reference
