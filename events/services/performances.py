"""Staff create and change performances in the admin; each save is audited."""

from collections.abc import Iterable

from events.models import Performance
from sanctuary.models import User
from sanctuary.services import audited_save


def performance_save(
    *, performance: Performance, actor: User | None, changed: Iterable[str] = ()
) -> Performance:
    return audited_save(obj=performance, actor=actor, changed=changed, name="performance")
