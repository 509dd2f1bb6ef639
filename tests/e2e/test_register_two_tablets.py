"""Two tablets on one session agree on who is in."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from attendance.models import CheckIn, RegisterAction
from dropins.models import LONDON
from tests.e2e.helpers import (
    A_FEW_SECONDS,
    CHANGES_CALLS,
    IS_IN,
    IS_PENDING,
    check_in_button,
    eventually,
    live_check_ins,
    open_register,
    row,
    total,
)

# The register's writes lock a row and the live server answers from other threads.
pytestmark = pytest.mark.postgres


def test_a_check_in_on_one_tablet_shows_on_the_other_without_reloading(
    live_server, tablet, door, families, priya, tom
):
    tablet_a, tablet_b = tablet(priya), tablet(tom)
    open_register(tablet_a, live_server, door)
    open_register(tablet_b, live_server, door)
    tablet_b.evaluate("window.sameDocument = true")
    bilal = families["Bilal"]

    check_in_button(tablet_a, bilal).tap()

    expect(row(tablet_b, bilal)).to_have_class(IS_IN, timeout=A_FEW_SECONDS)
    expect(row(tablet_b, bilal).locator(".register-by")).to_have_text("Priya")
    expect(check_in_button(tablet_b, bilal)).to_have_count(0)
    expect(total(tablet_b, "Arrived")).to_have_text("3")
    assert tablet_b.evaluate("window.sameDocument") is True


def test_a_tablet_that_has_not_heard_yet_is_told_who_checked_the_family_in(
    live_server, tablet, door, families, priya, tom
):
    tablet_a, tablet_b = tablet(priya), tablet(tom)
    open_register(tablet_a, live_server, door)
    open_register(tablet_b, live_server, door)
    oksana = families["Oksana"]
    # Tablet B stops hearing what other tablets do (its taps still reach the server). Once one
    # of its polls has been stopped, none that started earlier is still on its way.
    unheard = []

    def deafen(route):
        unheard.append(route.request.url)
        route.abort("internetdisconnected")

    tablet_b.route(CHANGES_CALLS, deafen)
    eventually(tablet_b, lambda: unheard)

    check_in_button(tablet_a, oksana).tap()
    eventually(tablet_a, lambda: live_check_ins(oksana))
    (first,) = live_check_ins(oksana)
    expect(check_in_button(tablet_b, oksana)).to_be_visible()

    check_in_button(tablet_b, oksana).tap()

    at = timezone.localtime(first.arrived_at, LONDON).strftime("%H:%M")
    expect(tablet_b.locator("#register-notices")).to_contain_text(
        # Names come isolated (FSI … PDI), so no name can reorder the sentence around it.
        f"\u2068Oksana\u2069: already checked in at {at} by \u2068Priya\u2069."
    )
    assert live_check_ins(oksana) == [first]
    assert CheckIn.objects.filter(booking=oksana).count() == 1
    told = RegisterAction.objects.get(session=door, recorded_by=tom)
    assert (told.outcome, told.check_in) == (RegisterAction.Outcome.ALREADY, first)

    # Once B hears again, its row and totals are the server's: Priya's check-in, counted once.
    tablet_b.unroute(CHANGES_CALLS)
    expect(row(tablet_b, oksana).locator(".register-by")).to_have_text(
        "Priya", timeout=A_FEW_SECONDS
    )
    expect(row(tablet_b, oksana)).not_to_have_class(IS_PENDING)
    expect(total(tablet_b, "Arrived")).to_have_text("3")
    expect(tablet_b.locator("#register-sync")).to_be_hidden()
