"""One valid row at a time, through the project's own services, for the admin lists whose rows
the demo cannot give by copying: it has none, or a copy would share what must be its own (a
one-to-one, or a unique pair of related rows). test_admin_list_queries uses MAKERS."""

import itertools
from collections.abc import Callable
from datetime import timedelta

from django.db import models

from attendance.models import Attendance
from attendance.services import register_close
from bursaries.models import Application, Review
from bursaries.rules import is_reviewable_q
from bursaries.services import review_open, review_submit
from dropins.models import DropInSession
from dropins.services import sessions_generate
from events.models import GuestAllocation, MailingListMember
from events.services import mailing_join
from partners.models import PartnerOrganisation, PartnerWorker
from partners.services import partner_worker_invite
from sanctuary.models import SmsSuppression, User
from sanctuary.roles import Role
from sanctuary.sms.suppression import suppression_add
from tests.events.helpers import make_allocation
from tests.factories import PASSWORD, user_with_role

_numbers = itertools.count(1)


def _staff() -> User | None:
    return User.objects.filter(groups__name=Role.PROGRAMME_STAFF).order_by("pk").first()


def attendance() -> None:
    """Staff close the register of a session whose register is open: the next weeks' sessions
    of the demo's series, once every one of them is closed."""
    open_sessions = DropInSession.objects.filter(attendance__isnull=True).order_by("date")
    if not open_sessions.exists():
        last = DropInSession.objects.latest("date").date
        sessions_generate(today=last + timedelta(days=1))
    register_close(session_id=open_sessions.first().pk, actor=_staff())


def review() -> None:
    """A new reviewer opens an application still waiting for a decision and submits a review."""
    application = Application.objects.filter(is_reviewable_q()).order_by("pk").first()
    reviewer = user_with_role(Role.BURSARY_REVIEWERS)
    review_open(application_id=application.pk, reviewer=reviewer)
    review_submit(
        application_id=application.pk,
        reviewer=reviewer,
        need=4,
        benefit=3,
        fit=5,
        recommendation=Review.Recommendation.YES,
    )


def guest_allocation() -> None:
    """A new performance with its guest seats split between the demo's partners."""
    make_allocation(slug=f"admin-list-{next(_numbers)}")


def mailing_list_member() -> None:
    mailing_join(email=f"member{next(_numbers)}@example.org", name="Olena", language="uk")


def partner_worker() -> None:
    """Staff invite a worker of one of the demo's partners (with a password: no email)."""
    partner_worker_invite(
        email=f"worker{next(_numbers)}@example.org",
        organisation=PartnerOrganisation.objects.filter(is_active=True).order_by("pk").first(),
        actor=_staff(),
        first_name="Olena",
        password=PASSWORD,
    )


def sms_suppression() -> None:
    """A number replies STOP (from the range kept for drama, 07700 900000 to 900999)."""
    number = f"+447700900{next(_numbers) % 1000:03d}"
    suppression_add(number=number, reason=SmsSuppression.Reason.STOP_REPLY)


MAKERS: dict[type[models.Model], Callable[[], None]] = {
    Attendance: attendance,
    Review: review,
    GuestAllocation: guest_allocation,
    MailingListMember: mailing_list_member,
    PartnerWorker: partner_worker,
    SmsSuppression: sms_suppression,
}
