"""The reports' rules: who sees them, and a family returning by contact, in both forms."""

import datetime

import pytest

from attendance.models import CheckIn
from dropins.models import Booking
from reports import rules
from sanctuary.roles import Role
from tests import factories
from tests.reports import data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        (Role.PROGRAMME_STAFF, True),
        (Role.BURSARY_REVIEWERS, False),
        (Role.VOLUNTEERS, False),
        (Role.PARTNER_WORKERS, False),
    ],
)
def test_only_programme_staff_see_the_reports(role, sees):
    assert rules.may_see_reports(factories.user_with_role(role)) is sees


def test_returning_agrees_in_sql_and_for_one_booking():
    royal = data.venue("Theatre Royal")
    wednesdays = data.series(royal)
    days = [datetime.date(2026, 10, 7) + datetime.timedelta(weeks=n) for n in range(3)]
    first, second, third = (data.session(wednesdays, day) for day in days)
    data.came(first, data.booking(first, email="a@example.org"))
    data.booking(first, phone="+447911000001")  # booked, never came
    data.came(second, data.booking(second, email="a@example.org"))  # returning
    data.came(second, data.booking(second, phone="+447911000001"))  # first time it came
    data.came(third, data.booking(third, phone="+447911000001", email="b@example.org"))
    data.came(third, data.booking(third))  # no contact
    data.came(first, data.booking(first, email="c@example.org"), voided=True)
    data.came(third, data.booking(third, email="c@example.org"))  # the earlier was undone

    bookings = list(Booking.objects.select_related("session"))
    came = set(
        CheckIn.objects.filter(voided_at__isnull=True, booking__isnull=False).values_list(
            "booking_id", flat=True
        )
    )
    in_sql = set(Booking.objects.filter(rules.returning_q()).values_list("pk", flat=True))
    one_by_one = {b.pk for b in bookings if rules.is_returning(b, bookings, came=came)}
    assert in_sql == one_by_one
    assert len(in_sql) == 2
