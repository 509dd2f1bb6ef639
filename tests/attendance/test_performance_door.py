"""A performance's door, through its service: one tap checks a whole party in (guests and
hosts counted apart), a tap sent twice counts once, two taps count twice, undo, changed
numbers and walk-ups."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from attendance import selectors, services
from attendance.models import CheckIn, RegisterAction
from dropins.models import DropInSession
from events.models import GuestTicket, Performance
from tests.attendance.door_helpers import (
    apply,
    check_in,
    make_performance,
    ticket,
)
from tests.dropins.conftest import make_series

pytestmark = pytest.mark.django_db

Kind = RegisterAction.Kind
Outcome = RegisterAction.Outcome


def test_one_tap_checks_in_the_whole_party_guests_and_hosts_apart(night, olena, door_keeper):
    result = check_in(night, olena, actor=door_keeper)

    assert result.applied
    live = CheckIn.objects.get(ticket=olena, voided_at__isnull=True)
    assert (live.guests, live.hosts, live.performance, live.session) == (4, 1, night, None)
    assert (live.adults, live.children) == (0, 0)
    totals = selectors.door_totals(night)
    assert (totals.guests_in, totals.hosts_in, totals.walk_in_people) == (4, 1, 0)
    assert totals.on_site == 5


def test_the_same_tap_twice_counts_once(night, olena):
    tap_id = uuid.uuid4()
    first = check_in(night, olena, client_id=tap_id)
    again = check_in(night, olena, client_id=tap_id)

    assert first.applied and again.repeat and again.check_in == first.check_in
    assert CheckIn.objects.filter(ticket=olena).count() == 1
    assert RegisterAction.objects.filter(client_id=tap_id).count() == 1
    assert selectors.door_totals(night).guests_in == 4


def test_two_taps_on_one_party_check_it_in_once(night, olena, door_keeper):
    check_in(night, olena, actor=door_keeper)
    second = check_in(night, olena)

    assert second.outcome == Outcome.ALREADY
    assert second.check_in.recorded_by == door_keeper
    assert selectors.door_totals(night).guests_in == 4


def test_two_walk_ups_count_twice_and_one_sent_twice_once(night):
    tap_id = uuid.uuid4()
    apply(night, Kind.WALK_IN, client_id=tap_id, guests=2, hosts=0, first_name="Ira")
    apply(night, Kind.WALK_IN, client_id=tap_id, guests=2, hosts=0, first_name="Ira")
    apply(night, Kind.WALK_IN, guests=0, hosts=1)

    totals = selectors.door_totals(night)
    assert (totals.walk_up_guests, totals.walk_up_hosts) == (2, 1)
    names = sorted(c.first_name for c in CheckIn.objects.filter(performance=night))
    assert names == ["", "Ira"]


def test_undo_frees_the_party_to_be_checked_in_again(night, olena):
    first = check_in(night, olena)
    undone = apply(night, Kind.UNDO, target=str(first.check_in.pk))

    assert undone.applied
    assert selectors.door_totals(night).on_site == 0
    again = check_in(night, olena)
    assert again.applied and again.check_in != first.check_in


def test_undo_by_the_tap_id_of_an_offline_tablet(night, olena):
    tap_id = uuid.uuid4()
    check_in(night, olena, client_id=tap_id)
    apply(night, Kind.UNDO, target=str(tap_id))

    assert not CheckIn.objects.filter(ticket=olena, voided_at__isnull=True).exists()


def test_changed_numbers_are_counted(night, olena):
    first = check_in(night, olena)
    apply(night, Kind.ADJUST, target=str(first.check_in.pk), guests=3, hosts=2)

    totals = selectors.door_totals(night)
    assert (totals.guests_in, totals.hosts_in) == (3, 2)


@pytest.mark.parametrize("guests, hosts", [(0, 0), (31, 0), (-1, 2), (None, 1)])
def test_impossible_numbers_are_refused(night, guests, hosts):
    result = apply(night, Kind.WALK_IN, guests=guests, hosts=hosts)

    assert result.reason == RegisterAction.Reason.NUMBERS
    assert not CheckIn.objects.filter(performance=night).exists()


def test_a_ticket_of_another_performance_or_cancelled_is_not_on_this_door(night, olena):
    other = make_performance(title="Another night", venue=night.venue)
    theirs = ticket(other, partner="New Routes")
    GuestTicket.objects.filter(pk=olena.pk).update(status=GuestTicket.Status.CANCELLED)

    for one in (theirs, olena):
        assert check_in(night, one).reason == RegisterAction.Reason.NO_TICKET
    assert not CheckIn.objects.exists()


def test_a_cancelled_performance_takes_no_taps(night, olena):
    Performance.objects.filter(pk=night.pk).update(cancelled_at=timezone.now())

    assert check_in(night, olena).reason == RegisterAction.Reason.SHOW_CANCELLED


def test_a_drop_in_tap_sent_to_a_performance_is_refused(night, olena):
    session = make_series(venue=night.venue).sessions.order_by("starts_at").first()
    tap_id = uuid.uuid4()
    services.register_apply(
        session_id=session.pk,
        tap=services.RegisterTap(client_id=tap_id, kind=Kind.WALK_IN, adults=1, children=0),
        actor=None,
    )

    result = check_in(night, olena, client_id=tap_id)

    assert result.reason == RegisterAction.Reason.OTHER_SESSION
    assert isinstance(session, DropInSession)
    assert not CheckIn.objects.filter(performance=night).exists()


def test_walk_ups_names_are_forgotten_after_the_keeping_days(night, settings):
    apply(night, Kind.WALK_IN, guests=1, hosts=0, first_name="Ira")
    soon = timezone.now() + timedelta(days=settings.DROPIN_KEEP_DAYS - 1)
    later = timezone.now() + timedelta(days=settings.DROPIN_KEEP_DAYS + 1)

    assert services.door_walk_ups_anonymise(now=soon) == 0
    assert services.door_walk_ups_anonymise(now=later) == 1
    walk_up = CheckIn.objects.get(performance=night)
    assert (walk_up.first_name, walk_up.guests) == ("", 1)
