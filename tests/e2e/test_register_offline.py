"""The register keeps working through a Wi-Fi drop-out: taps wait on the tablet, survive a
reload and a second tab, and are recorded once when the connection is back."""

import re

import pytest
from playwright.sync_api import expect

from attendance.models import CheckIn, RegisterAction
from tests.e2e.helpers import (
    A_FEW_SECONDS,
    IS_IN,
    IS_PENDING,
    REGISTER_CALLS,
    check_in_button,
    eventually,
    live_check_ins,
    open_register,
    row,
    total,
)

# The register's writes lock a row and the live server answers from other threads.
pytestmark = pytest.mark.postgres


def test_check_ins_made_without_a_connection_wait_and_are_recorded_once_when_it_is_back(
    live_server, tablet, door, families, priya
):
    page = tablet(priya)
    open_register(page, live_server, door)
    oksana, samir = families["Oksana"], families["Samir"]
    blocked = []

    def cut(route):
        blocked.append(route.request.url)
        route.abort("internetdisconnected")

    page.route(REGISTER_CALLS, cut)
    check_in_button(page, oksana).tap()
    check_in_button(page, samir).tap()

    expect(page.locator("#register-sync")).to_contain_text("2 waiting to sync")
    for booking in (oksana, samir):
        expect(row(page, booking)).to_be_visible()
        expect(row(page, booking)).to_have_class(IS_IN)
    expect(total(page, "Arrived")).to_have_text("4")
    # Let the script retry at least once while the connection is still down.
    eventually(page, lambda: sum("/sync/" in url for url in blocked) >= 2)
    assert not CheckIn.objects.filter(session=door).exists()

    page.unroute(REGISTER_CALLS)

    eventually(page, lambda: live_check_ins(oksana) and live_check_ins(samir), timeout=20)
    # The status line is hidden once nothing waits (it keeps its last words, unseen).
    expect(page.locator("#register-sync")).to_be_hidden(timeout=A_FEW_SECONDS)
    expect(page.get_by_text("waiting to sync")).to_be_hidden()
    for booking in (oksana, samir):
        assert CheckIn.objects.filter(booking=booking).count() == 1
        expect(row(page, booking)).not_to_have_class(IS_PENDING)
    assert CheckIn.objects.filter(session=door).count() == 2
    assert RegisterAction.objects.filter(session=door).count() == 2
    expect(total(page, "Arrived")).to_have_text("4")


def test_taps_waiting_to_sync_are_kept_on_the_tablet_through_a_reload(
    live_server, tablet, door, families, priya
):
    page = tablet(priya)
    open_register(page, live_server, door)
    bilal = families["Bilal"]
    page.route(REGISTER_CALLS, lambda route: route.abort("internetdisconnected"))
    check_in_button(page, bilal).tap()
    expect(page.locator("#register-sync")).to_contain_text("1 waiting to sync")

    page.reload()

    expect(page.locator("#register-sync")).to_contain_text("1 waiting to sync")
    expect(row(page, bilal)).to_have_class(IS_PENDING)
    expect(total(page, "Arrived")).to_have_text("3")
    assert not live_check_ins(bilal)
    page.unroute(REGISTER_CALLS)
    eventually(page, lambda: live_check_ins(bilal), timeout=20)
    expect(page.locator("#register-sync")).to_be_hidden(timeout=A_FEW_SECONDS)
    assert CheckIn.objects.filter(booking=bilal).count() == 1


def test_a_check_in_whose_answer_was_lost_is_sent_again_and_recorded_once(
    live_server, tablet, door, families, priya
):
    page = tablet(priya)
    open_register(page, live_server, door)
    bilal = families["Bilal"]
    lost = []

    def lose_the_first_answer(route):
        if lost:
            route.continue_()
            return
        route.fetch()  # the server applies the tap; the tablet never hears back
        lost.append(route.request.post_data_json["taps"][0]["id"])
        route.abort("connectionreset")

    page.route(re.compile(r"/sync/$"), lose_the_first_answer)
    check_in_button(page, bilal).tap()

    eventually(page, lambda: lost)
    assert len(live_check_ins(bilal)) == 1
    expect(page.locator("#register-sync")).to_contain_text("1 waiting to sync")
    expect(page.locator("#register-sync")).to_be_hidden(timeout=A_FEW_SECONDS)
    (check_in,) = CheckIn.objects.filter(booking=bilal)
    assert str(check_in.client_id) == lost[0]
    assert RegisterAction.objects.filter(session=door).count() == 1
    expect(row(page, bilal)).not_to_have_class(IS_PENDING)
    expect(total(page, "Arrived")).to_have_text("3")


def test_with_the_wifi_gone_the_register_reloads_from_the_tablet_and_keeps_its_taps(
    live_server, tablet, door, families, priya
):
    page = tablet(priya, offline_copies=True)
    open_register(page, live_server, door)
    # The service worker keeps the page it was opened on, and the files it needs.
    eventually(
        page,
        lambda: page.evaluate(
            "caches.keys().then(names => Promise.all(names.map(name => caches.open(name)"
            ".then(cache => cache.match(location.href))))).then(found => found.some(Boolean))"
        ),
    )
    page.context.set_offline(True)

    page.reload()

    bilal = families["Bilal"]
    expect(page.locator("#register-bookings .register-row")).to_have_count(len(families))
    check_in_button(page, bilal).tap()
    expect(page.locator("#register-sync")).to_contain_text("1 waiting to sync")
    expect(total(page, "Arrived")).to_have_text("3")
    assert not live_check_ins(bilal)

    page.context.set_offline(False)

    eventually(page, lambda: live_check_ins(bilal), timeout=20)
    expect(page.locator("#register-sync")).to_be_hidden(timeout=A_FEW_SECONDS)
    assert CheckIn.objects.filter(booking=bilal).count() == 1


def test_taps_queued_in_two_tabs_of_one_tablet_are_all_kept(
    live_server, tablet, door, families, priya
):
    first = tablet(priya)
    open_register(first, live_server, door)
    second = first.context.new_page()
    open_register(second, live_server, door)
    first.context.route(REGISTER_CALLS, lambda route: route.abort("internetdisconnected"))
    bilal, oksana = families["Bilal"], families["Oksana"]

    check_in_button(first, bilal).tap()
    check_in_button(second, oksana).tap()

    # Each tab takes up the other's tap: neither writes over it in the shared storage.
    expect(second.locator("#register-sync")).to_contain_text("2 waiting to sync")
    expect(first.locator("#register-sync")).to_contain_text("2 waiting to sync")
    first.close()
    first.context.unroute(REGISTER_CALLS)

    eventually(second, lambda: live_check_ins(bilal) and live_check_ins(oksana), timeout=20)
    expect(second.locator("#register-sync")).to_be_hidden(timeout=A_FEW_SECONDS)
    assert CheckIn.objects.filter(session=door).count() == 2
