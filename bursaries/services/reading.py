"""Who read an application's personal details, or took them away: the audit trail's reads."""

from bursaries.models import Application, DecisionTemplate
from sanctuary.models import User
from sanctuary.services import audit_record


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
