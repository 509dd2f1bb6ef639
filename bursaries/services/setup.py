"""Setting bursaries up: funds, opportunities and decision templates, each saved as
staff edit it, with an audit row."""

from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from bursaries.models import DecisionTemplate, Fund, Opportunity
from bursaries.money import pounds
from bursaries.rules import fund_awarded, is_within_budget
from sanctuary.locks import lock_row
from sanctuary.models import User
from sanctuary.services import audited_save


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
    return audited_save(obj=fund, stored=stored, actor=actor, changed=changed, name="fund")


def opportunity_save(
    *, opportunity: Opportunity, actor: User | None, changed: Iterable[str] = ()
) -> Opportunity:
    return audited_save(obj=opportunity, actor=actor, changed=changed, name="opportunity")


def decision_template_save(
    *, template: DecisionTemplate, actor: User | None, changed: Iterable[str] = ()
) -> DecisionTemplate:
    return audited_save(obj=template, actor=actor, changed=changed, name="decision_template")
