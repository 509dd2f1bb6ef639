"""Families who came for the first time or again are counted the night after each session and
kept as numbers, so that a report of a period whose contacts have been forgotten still tells
them apart (reports.services.families_count)."""

import datetime

import pytest

from dropins.models import Booking
from reports import services
from reports.figures import build_report
from reports.models import FamilyCount
from tests.reports.helpers import AUTUMN, figures
from tests.reports.test_figures_attendance import drop_ins  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db
LONDON = datetime.timezone(datetime.timedelta(hours=1))  # British Summer Time in October
NIGHT_AFTER = datetime.datetime(2026, 10, 16, 3, 15, tzinfo=LONDON)


def _forget_every_contact():
    Booking.objects.update(email="", phone="")


def _families():
    return figures(build_report(period=AUTUMN).table("households"))


def test_the_night_after_counts_each_session_held_whose_contacts_are_still_kept(drop_ins):  # noqa: F811
    assert services.families_count(now=NIGHT_AFTER) == 3
    counted = {count.session.date: count for count in FamilyCount.objects.select_related("session")}
    # August's session is past keeping by then: counting it now would call everyone new.
    assert sorted(counted) == [
        datetime.date(2026, 10, 7),
        datetime.date(2026, 10, 14),
        datetime.date(2026, 10, 15),
    ]
    october_7 = counted[datetime.date(2026, 10, 7)]
    assert (october_7.first, october_7.returning, october_7.unknown) == (5, 1, 0)
    october_14 = counted[datetime.date(2026, 10, 14)]
    assert (october_14.first, october_14.returning, october_14.unknown) == (0, 5, 5)


def test_a_report_tells_families_apart_after_their_contacts_are_forgotten(drop_ins):  # noqa: F811
    before = _families()
    services.families_count(now=NIGHT_AFTER)
    _forget_every_contact()

    assert (
        _families()
        == before
        == {
            "Came for the first time": [5, 5],
            "Came before": [6, 0],
            "No contact to tell": [5, 0],
            "total": [16, 5],
        }
    )


def test_without_the_nights_count_forgotten_contacts_tell_nobody_apart(drop_ins):  # noqa: F811
    _forget_every_contact()
    families = _families()
    assert families["Came before"] == [0, 0]
    assert families["No contact to tell"] == [16, 5]


def test_a_session_is_counted_once_never_again_with_fewer_contacts(drop_ins):  # noqa: F811
    services.families_count(now=NIGHT_AFTER)
    _forget_every_contact()
    kept = list(FamilyCount.objects.order_by("pk").values_list("first", "returning", "unknown"))

    assert services.families_count(now=NIGHT_AFTER + datetime.timedelta(days=1)) == 0
    assert (
        list(FamilyCount.objects.order_by("pk").values_list("first", "returning", "unknown"))
        == kept
    )


def test_cancelled_and_coming_sessions_are_not_counted(drop_ins):  # noqa: F811
    # The night after the cancelled session of 21 October, before the one of 18 November.
    services.families_count(now=datetime.datetime(2026, 10, 22, 3, 15, tzinfo=LONDON))
    assert sorted(FamilyCount.objects.values_list("session__date", flat=True)) == [
        datetime.date(2026, 10, 7),
        datetime.date(2026, 10, 14),
        datetime.date(2026, 10, 15),
    ]
