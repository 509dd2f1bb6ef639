"""The door's rules agree in both their forms: the Q that selectors filter with and the
function that answers for one row."""

from datetime import timedelta

import pytest
from django.db.models import Count, Q
from django.utils import timezone

from attendance import rules
from attendance.models import RegisterAction
from events.models import GuestTicket, Performance
from sanctuary.roles import Role
from tests.attendance.door_helpers import (
    apply,
    check_in,
    door_volunteer,
    make_performance,
    ticket,
)
from tests.factories import VenueFactory, user_with_role

# Which day a door belongs to is a matter of the clock: these run at the awkward instants.
pytestmark = [pytest.mark.django_db, pytest.mark.instants]


def test_who_may_open_which_door_agrees_in_both_forms(night):
    today = timezone.localdate()
    elsewhere = VenueFactory(name="Playhouse")
    tomorrow = make_performance(title="Tomorrow", venue=night.venue)
    Performance.objects.filter(pk=tomorrow.pk).update(starts_at=night.starts_at + timedelta(days=1))
    other_venue = make_performance(title="Playhouse night", venue=elsewhere)
    people = [
        door_volunteer(night),
        door_volunteer(other_venue),
        user_with_role(Role.VOLUNTEERS),
        user_with_role(Role.PROGRAMME_STAFF),
    ]
    performances = list(Performance.objects.all())
    for person in people:
        open_q = set(Performance.objects.filter(rules.doors_open_to_q(person, today)))
        one_by_one = {p for p in performances if rules.may_open_door(person, p, today)}
        assert open_q == one_by_one
    assert {p for p in performances if rules.may_open_door(people[0], p, today)} == {night}
    assert {p for p in performances if rules.may_open_door(people[3], p, today)} == set(
        performances
    )


def test_attended_and_no_show_agree_in_both_forms(night):
    came = ticket(night, partner="New Routes", first_name="Came")
    undone = ticket(night, partner="New Routes", first_name="Undone")
    stayed_away = ticket(night, partner="New Routes", first_name="Away")
    cancelled = ticket(night, partner="New Routes", first_name="Cancelled")
    check_in(night, came)
    first = check_in(night, undone)
    apply(night, RegisterAction.Kind.UNDO, target=str(first.check_in.pk))
    GuestTicket.objects.filter(pk=cancelled.pk).update(status=GuestTicket.Status.CANCELLED)

    tickets = GuestTicket.objects.annotate(
        live=Count("check_ins", filter=Q(check_ins__voided_at__isnull=True))
    )
    attended = set(GuestTicket.objects.filter(rules.attended_q()))
    no_shows = set(GuestTicket.objects.filter(rules.no_show_q()))
    assert attended == {t for t in tickets if rules.is_attended(t, live_check_ins=t.live)}
    assert no_shows == {t for t in tickets if rules.is_no_show(t, live_check_ins=t.live)}
    assert attended == {came}
    assert no_shows == {undone, stayed_away}
    assert set(GuestTicket.objects.filter(rules.on_door_list_q())) == {
        t for t in tickets if rules.is_on_door_list(t)
    }
