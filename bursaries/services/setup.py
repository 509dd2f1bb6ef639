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
from sanctuary.models import User
from sanctuary.services import audit_record


def fund_budget_check(*, fund: Fund) -> None:
    """Raise unless the fund's budget, as staff are setting it, still covers what it has
    awarded (bursaries.rules.is_within_budget). Call it inside a transaction: it locks the
    fund's row, so no approval lands between the check and the save."""
    if fund.pk is None or fund.budget is None:
        return
    Fund.objects.select_for_update().get(pk=fund.pk)
    if not is_within_budget(fund, Decimal("0")):
        raise ValidationError(
            _("This fund has already awarded %(awarded)s.")
            % {"awarded": pounds(fund_awarded(fund))},
            code="below_awarded",
        )


@transaction.atomic
def fund_save(*, fund: Fund, actor: User | None, changed: Iterable[str] = ()) -> Fund:
    """Save a fund as staff edit it. Its budget can never drop below what it has awarded."""
    created = fund.pk is None
    try:
        fund_budget_check(fund=fund)
    except ValidationError as error:
        raise ValidationError({"budget": error}) from None
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
