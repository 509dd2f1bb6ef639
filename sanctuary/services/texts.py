"""Text messages' writes that staff make: letting a number that said STOP have texts again."""

from django.db import transaction

from sanctuary.models import SmsSuppression, User
from sanctuary.services.audit import audit_record
from sanctuary.sms.suppression import number_hash


@transaction.atomic
def sms_suppression_remove(*, number: str, actor: User) -> bool:
    """A member of staff lets a number have texts again (the person asked them to), typing it,
    since only hashes are kept. Audited, without the number. False if it was not on the list."""
    entry = (
        SmsSuppression.objects.select_for_update().filter(number_hash=number_hash(number)).first()
    )
    if entry is None:
        return False
    audit_record(
        actor=actor,
        action="sms.suppression.remove",
        obj=entry,
        detail={"reason": entry.reason, "since": entry.created_at.isoformat()},
    )
    entry.delete()
    return True
