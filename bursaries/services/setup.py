"""Setting bursaries up: funds, opportunities, partners and decision templates, each saved as
staff edit it, with an audit row."""

from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from bursaries.models import DecisionTemplate, Fund, Opportunity, PartnerOrganisation
from bursaries.money import pounds
from bursaries.rules import fund_awarded, is_within_budget
from sanctuary import audit
from sanctuary.locks import lock_row
from sanctuary.models import User
from sanctuary.services import audit_record


def fund_budget_check(*, fund: Fund) -> Fund | None:
    """Raise unless the fund's budget, as staff are setting it, still covers what it has
    awarded (bursaries.rules.is_within_budget). Call it inside a transaction: it locks the
    fund's row, so no approval lands between the check and the save. Returns the fund as it is
    stored (None for a new one)."""
    if fund.pk is None:
        return None
    stored = lock_row(Fund, fund.pk)
    if fund.budget is not None and not is_within_budget(fund, Decimal("0")):
        raise ValidationError(
            _("This fund has already awarded %(awarded)s.")
            % {"awarded": pounds(fund_awarded(fund))},
            code="below_awarded",
        )
    return stored


@transaction.atomic
def fund_save(*, fund: Fund, actor: User | None, changed: Iterable[str] = ()) -> Fund:
    """Save a fund as staff edit it. Its budget can never drop below what it has awarded."""
    try:
        stored = fund_budget_check(fund=fund)
    except ValidationError as error:
        raise ValidationError({"budget": error}) from None
    return _save_audited(obj=fund, stored=stored, actor=actor, changed=changed, name="fund")


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


def _snapshot(obj: models.Model | None) -> dict:
    """Every field staff edit, each language's text included (none holds personal data), as
    stored. An empty translation is stored as NULL or as "": both are nothing."""
    if obj is None:
        return {}
    fields = [field.name for field in obj._meta.concrete_fields if not field.primary_key]
    return {
        name: "" if value is None else value for name, value in audit.values(obj, fields).items()
    }


@transaction.atomic
def _save_audited(
    *,
    obj: models.Model,
    actor: User | None,
    changed: Iterable[str],
    name: str,
    stored: models.Model | None = None,
) -> models.Model:
    """Save what staff set up, and record it: a new one as created, a change with each
    field's old and new value."""
    created = obj.pk is None
    if not created and stored is None:
        stored = lock_row(type(obj), obj.pk)
    before = _snapshot(stored)
    obj.full_clean()
    obj.save()
    if created:
        audit_record(actor=actor, action=f"{name}.create", obj=obj)
    elif changed:
        audit_record(
            actor=actor,
            action=f"{name}.update",
            obj=obj,
            detail={"fields": sorted(changed)},
            before=before,
            # As stored (£4,000 is 4000.00 whichever way it was typed).
            after=_snapshot(type(obj)._default_manager.get(pk=obj.pk)),
        )
    return obj
