"""Every write about bursaries, one module per sub-domain: setting funds up, applying,
reviewing, deciding, recording who read what, and anonymising.

Each status change goes through deciding.application_transition, which checks that the change
is allowed and who may make it, locks the application (and the fund, when approving), writes
the audit trail and queues the applicant's message, all in one transaction.
"""

from bursaries.services.applying import application_submit
from bursaries.services.deciding import (
    AMOUNT,
    application_decide,
    application_transition,
    applications_decide,
    decision_message_draft,
)
from bursaries.services.reading import (
    application_view_record,
    applications_export_record,
    decision_message_preview_record,
)
from bursaries.services.retention import (
    application_anonymise,
    applications_anonymise,
    months_before,
)
from bursaries.services.reviewing import review_declare_conflict, review_open, review_submit
from bursaries.services.setup import (
    decision_template_save,
    fund_budget_check,
    fund_save,
    opportunity_save,
)

__all__ = [
    "AMOUNT",
    "application_anonymise",
    "application_decide",
    "application_submit",
    "application_transition",
    "application_view_record",
    "applications_anonymise",
    "applications_decide",
    "applications_export_record",
    "decision_message_draft",
    "decision_message_preview_record",
    "decision_template_save",
    "fund_budget_check",
    "fund_save",
    "months_before",
    "opportunity_save",
    "review_declare_conflict",
    "review_open",
    "review_submit",
]
