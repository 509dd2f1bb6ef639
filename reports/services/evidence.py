"""Staff's words for the award evidence, kept between renewals; each change audited."""

from django.db import transaction

from reports.models import EvidenceStatement
from sanctuary.models import User
from sanctuary.services.audit import audited_save


@transaction.atomic
def evidence_statements_save(*, texts: dict[str, str], actor: User) -> list[EvidenceStatement]:
    """Keep the words for each criterion in `texts` (by criterion code); a statement whose
    words did not change is left as it is, unaudited."""
    saved = []
    for criterion in EvidenceStatement.Criterion:
        if criterion.value not in texts:
            continue
        text = texts[criterion.value].strip()
        EvidenceStatement.objects.get_or_create(criterion=criterion.value)
        stored = EvidenceStatement.objects.select_for_update().get(criterion=criterion.value)
        if stored.text == text:
            continue
        statement = EvidenceStatement.objects.get(pk=stored.pk)
        statement.text = text
        statement.updated_by = actor
        saved.append(
            audited_save(
                obj=statement, stored=stored, actor=actor, changed=["text"], name="evidence"
            )
        )
    return saved
