"""The register at the door, on volunteers' tablets with JavaScript on: sign in, find a family,
check them in with one tap, undo, add walk-ins, keep working through a Wi-Fi drop-out, and two
tablets on one session agreeing on who is in."""

import contextlib
import re
import time

import pytest
from django.utils import timezone
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from attendance.models import CheckIn, RegisterAction
from dropins.models import LONDON
from sanctuary import services as accounts
from sanctuary.roles import Role
from tests.dropins.conftest import book, make_series, starting_soon_today
from tests.e2e.conftest import expect_boxes
from tests.factories import PASSWORD, VenueFactory

# The register's writes lock a row and the live server answers from other threads.
pytestmark = pytest.mark.postgres

LANDSCAPE = {"width": 1024, "height": 768}
PORTRAIT = {"width": 768, "height": 1024}
# The endpoints the register's script calls; the page itself stays reachable.
REGISTER_CALLS = re.compile(r"/team/attendance/sessions/\d+/(sync|changes)/")
CHANGES_CALLS = re.compile(r"/team/attendance/sessions/\d+/changes/")
# Comfortably more than the script's poll (4 s) and first retry (2 s).
A_FEW_SECONDS = 12_000


@pytest.fixture
def door(site_data):
    """A session today at a venue of its own, starting in half an hour, with families booked."""
    series = make_series(venue=VenueFactory(name="Westlegate Hall"))
    return starting_soon_today(
        series.sessions.filter(starts_at__gt=timezone.now()).order_by("starts_at")[0]
    )


@pytest.fixture
def families(door):
    """Booked families by name. No reference contains B, I, L, O or S, so typing those letters
    finds names only."""
    parties = {"Bilal": (2, 1), "Bashir": (1, 0), "Oksana": (1, 2), "Samir": (1, 0)}
    return {
        name: book(door, first_name=name, adults=adults, children=children)
        for name, (adults, children) in parties.items()
    }


def volunteer_at(session, first_name):
    return accounts.user_create(
        email=f"{first_name.lower()}@example.org",
        first_name=first_name,
        roles=[Role.VOLUNTEERS],
        venues=[session.series.venue],
        actor=None,
        password=PASSWORD,
    )


@pytest.fixture
def priya(door):
    return volunteer_at(door, "Priya")


@pytest.fixture
def tom(door):
    return volunteer_at(door, "Tom")


@pytest.fixture
def tablet(browser, live_server):
    """Opens a tablet (its own browser context, so its own sign-in and storage), signed in
    through the real sign-in page as the given volunteer."""
    contexts = []

    def open_tablet(volunteer, *, viewport=LANDSCAPE, offline_copies=False):
        # Requests that pass through the register's service worker can miss page.route, so
        # the tests that cut the network with routes run without it; those about the copies
        # it keeps ask for it.
        context = browser.new_context(
            viewport=viewport,
            has_touch=True,
            service_workers="allow" if offline_copies else "block",
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto(f"{live_server.url}/en/accounts/login/")
        page.get_by_label("Email address", exact=True).fill(volunteer.email)
        page.get_by_label("Password", exact=True).fill(PASSWORD)
        page.get_by_role("button", name="Sign in", exact=True).click()
        expect(page).to_have_url(f"{live_server.url}/en/team/attendance/")
        return page

    yield open_tablet
    for context in contexts:
        context.close()


def open_register(page, live_server, session):
    # goto waits for the load event, by which time the deferred register.js has run.
    page.goto(f"{live_server.url}/en/team/attendance/sessions/{session.pk}/")


def row(page, booking):
    return page.locator(f"#b-{booking.pk}")


def check_in_button(page, booking):
    return row(page, booking).get_by_role("button", name=re.compile(r"^Check in"))


def total(page, label):
    return page.locator(".register-totals div", has=page.get_by_text(label, exact=True)).locator(
        "dd"
    )


def eventually(page, check, *, timeout=15.0):
    """Wait until check() is true, letting the page run meanwhile (not time.sleep: route
    handlers are answered in this thread)."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, f"still not true after {timeout} s"
        page.wait_for_timeout(200)


def live_check_ins(booking):
    return list(CheckIn.objects.filter(booking=booking, voided_at__isnull=True))


IS_IN = re.compile(r"\bis-in\b")
IS_PENDING = re.compile(r"\bis-pending\b")


# Signing in and finding the register ---------------------------------------------------------


def test_a_volunteer_signs_in_and_taps_todays_session_to_open_its_register(
    live_server, tablet, door, families, priya
):
    page = tablet(priya)
    expect(page.locator("h1")).to_have_text("Today's drop-ins")
    # Only today's session: not the series' later ones, nor today's at venues not hers.
    expect(page.locator(".register-session")).to_have_count(1)
    session_link = page.get_by_role("link", name=re.compile("Welcome drop-in · Westlegate Hall"))
    session_link.tap()

    expect(page).to_have_url(f"{live_server.url}/en/team/attendance/sessions/{door.pk}/")
    expect(page.locator("h1")).to_contain_text("Welcome drop-in · Westlegate Hall")
    expect(page.locator("#register-bookings .register-row")).to_have_count(len(families))


# Search and one-tap check-in -----------------------------------------------------------------


def test_typing_a_name_narrows_the_list_and_one_tap_checks_the_family_in(
    live_server, tablet, door, families, priya
):
    page = tablet(priya)
    open_register(page, live_server, door)
    shown = page.locator("#register-bookings .register-row:visible")
    expect(shown).to_have_count(4)

    search = page.get_by_label("Find a name or reference")
    search.press_sequentially("b")
    expect(shown).to_have_count(2)  # Bilal and Bashir
    search.press_sequentially("i")
    expect(shown).to_have_count(1)
    bilal = families["Bilal"]
    expect(row(page, bilal)).to_be_visible()

    check_in_button(page, bilal).tap()

    expect(row(page, bilal)).to_have_class(IS_IN)
    expect(row(page, bilal).locator(".register-in")).to_contain_text("3 in")
    eventually(page, lambda: live_check_ins(bilal))
    expect(row(page, bilal)).not_to_have_class(IS_PENDING, timeout=A_FEW_SECONDS)
    (check_in,) = live_check_ins(bilal)
    assert (check_in.adults, check_in.children, check_in.recorded_by) == (2, 1, priya)
    assert CheckIn.objects.filter(session=door).count() == 1


def test_undo_is_a_separate_button_and_voids_the_check_in_without_deleting_it(
    live_server, tablet, door, families, priya
):
    page = tablet(priya)
    open_register(page, live_server, door)
    bilal = families["Bilal"]
    check_in = check_in_button(page, bilal)
    # "Check in" sits at the end of the row, past its middle...
    expect_boxes(
        page,
        {"row": f"#b-{bilal.pk}", "check_in": f"#b-{bilal.pk} .register-check-in"},
        "box.check_in[0].left > box.row[0].left + box.row[0].width / 2",
    )
    check_in.tap()
    eventually(page, lambda: live_check_ins(bilal))

    undo = row(page, bilal).get_by_role("button", name="Undo check-in")
    expect(undo).to_be_visible()
    # ...and Undo under the name, at the other end of the row from where "Check in" was, so a
    # second tap on the same spot cannot undo by mistake.
    expect_boxes(
        page,
        {"row": f"#b-{bilal.pk}", "undo": f"#b-{bilal.pk} .register-undo"},
        "box.undo[0].right < box.row[0].left + box.row[0].width / 2",
    )
    undo.tap()

    eventually(page, lambda: not live_check_ins(bilal))
    (voided,) = CheckIn.objects.filter(booking=bilal)
    assert voided.voided_at is not None
    assert voided.voided_by == priya
    # The page offers check-in again once the server has answered.
    expect(check_in_button(page, bilal)).to_be_visible(timeout=A_FEW_SECONDS)
    expect(total(page, "Arrived")).to_have_text("0")


# Walk-ins --------------------------------------------------------------------------------------


def test_walk_ins_are_recorded_without_a_booking_and_counted_in_the_totals(
    live_server, tablet, door, families, priya
):
    page = tablet(priya)
    open_register(page, live_server, door)
    expect(total(page, "Walk-ins")).to_have_text("0")
    expect(total(page, "On site now")).to_have_text("0")
    walk_in = page.locator("#register-walk-in")

    walk_in.get_by_label("First name or nickname (if they like)").fill("Nour")
    walk_in.get_by_label("Adults").fill("2")
    walk_in.get_by_label("Children").fill("1")
    walk_in.get_by_role("button", name="Add walk-in").tap()

    expect(total(page, "Walk-ins")).to_have_text("3")
    expect(total(page, "On site now")).to_have_text("3")
    expect(page.locator("#register-walk-ins")).to_contain_text("Nour")
    walk_ins = CheckIn.objects.filter(session=door, booking=None)
    eventually(page, walk_ins.exists)
    nour = walk_ins.get()
    assert (nour.first_name, nour.adults, nour.children) == ("Nour", 2, 1)

    # The name is optional.
    walk_in.get_by_label("Adults").fill("1")
    walk_in.get_by_role("button", name="Add walk-in").tap()
    expect(total(page, "Walk-ins")).to_have_text("4")
    expect(total(page, "On site now")).to_have_text("4")
    eventually(page, lambda: walk_ins.count() == 2)
    nameless = walk_ins.exclude(pk=nour.pk).get()
    assert (nameless.first_name, nameless.adults, nameless.children) == ("", 1, 0)
    expect(page.locator("#register-walk-ins .register-row")).to_have_count(2)
    expect(page.locator("#register-walk-ins")).to_contain_text("Walk-in")
    # And the totals the server sends agree with what the page worked out.
    expect(page.locator("#register-sync")).to_be_hidden(timeout=A_FEW_SECONDS)
    expect(total(page, "On site now")).to_have_text("4")
    assert CheckIn.objects.filter(session=door).count() == 2


# When the Wi-Fi drops ----------------------------------------------------------------------------


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


# Sized for a tablet ------------------------------------------------------------------------------


@pytest.mark.parametrize("viewport", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_the_register_is_tappable_and_never_scrolls_sideways_on_a_tablet(
    live_server, tablet, door, families, priya, viewport
):
    page = tablet(priya, viewport=viewport)
    open_register(page, live_server, door)
    check_in = check_in_button(page, families["Bashir"])
    targets = {
        "check in": check_in,
        "search": page.get_by_label("Find a name or reference"),
        "add walk-in": page.get_by_role("button", name="Add walk-in"),
    }
    for target in targets.values():
        expect(target).to_be_visible()
    bashir = f"#b-{families['Bashir'].pk}"
    tall = "Object.values(box).every(boxes => boxes.every(one => one.height >= 48))"
    expect_boxes(
        page,
        {
            "check_in": f"{bashir} .register-check-in",
            "search": "#register-q",
            "add_walk_in": "button[name=walk_in]",
        },
        tall,
    )
    check_in.tap()
    undo = row(page, families["Bashir"]).get_by_role("button", name="Undo check-in")
    expect(undo).to_be_visible()
    expect_boxes(page, {"undo": f"{bashir} .register-undo"}, tall)
    # The undo button the server draws, once the check-in is recorded, is as big.
    expect(row(page, families["Bashir"])).not_to_have_class(IS_PENDING, timeout=A_FEW_SECONDS)
    expect_boxes(page, {"undo": f"{bashir} .register-undo"}, tall)

    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


# Two tablets at the door -------------------------------------------------------------------------


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
        f"Oksana: already checked in at {at} by Priya."
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


# Offline, for real ---------------------------------------------------------------------------


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


# In Arabic ---------------------------------------------------------------------------------------


def test_the_register_in_arabic_reads_right_to_left_and_speaks_arabic_from_its_script(
    live_server, tablet, door, families, priya
):
    page = tablet(priya, viewport=PORTRAIT)
    page.goto(f"{live_server.url}/ar/team/attendance/sessions/{door.pk}/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    oksana = families["Oksana"]
    # Names and references are typed left to right inside the right-to-left page.
    expect(row(page, oksana)).to_contain_text("Oksana")
    expect(row(page, oksana)).to_contain_text(oksana.reference)
    rows = page.locator("#register-bookings .register-row")
    # Right to left: the name starts at the right, the check-in button sits to its left.
    expect_boxes(
        page,
        {
            "name": f"#b-{oksana.pk} .register-row__name",
            "button": f"#b-{oksana.pk} .register-check-in",
        },
        "box.button[0].left < box.name[0].left",
    )
    expect(rows).to_have_count(len(families))

    page.route(REGISTER_CALLS, lambda route: route.abort("internetdisconnected"))
    row(page, oksana).locator(".register-check-in").tap()

    # The words the script writes come from the Arabic catalog.
    expect(page.locator("#register-sync")).to_contain_text("بانتظار الإرسال: 1")
    assert page.evaluate("document.documentElement.scrollWidth") <= PORTRAIT["width"]
    page.unroute(REGISTER_CALLS)
    eventually(page, lambda: live_check_ins(oksana), timeout=20)


# Handing the tablet on ---------------------------------------------------------------------------


def kept_for_the_site(page):
    return page.evaluate(
        "caches.keys().then(names => ({caches: names.length, storage: localStorage.length}))"
    )


def test_signing_out_warns_of_unsent_taps_and_leaves_no_names_on_the_tablet(
    live_server, tablet, door, families, priya
):
    page = tablet(priya, offline_copies=True)
    open_register(page, live_server, door)
    eventually(page, lambda: kept_for_the_site(page)["caches"])
    page.context.route(REGISTER_CALLS, lambda route: route.abort("internetdisconnected"))
    check_in_button(page, families["Bilal"]).tap()
    expect(page.locator("#register-sync")).to_contain_text("1 waiting to sync")

    page.goto(f"{live_server.url}/en/accounts/logout/")
    expect(page.get_by_role("alert")).to_contain_text("have not reached the server yet")
    page.go_back()
    page.context.unroute(REGISTER_CALLS)
    eventually(page, lambda: live_check_ins(families["Bilal"]), timeout=20)
    expect(page.locator("#register-sync")).to_be_hidden(timeout=A_FEW_SECONDS)
    page.goto(f"{live_server.url}/en/accounts/logout/")
    expect(page.get_by_role("alert")).to_be_hidden()

    page.get_by_role("button", name="Sign out").click()

    expect(page).to_have_url(f"{live_server.url}/en/")
    eventually(page, lambda: kept_for_the_site(page) == {"caches": 0, "storage": 0})
    # Offline, the register's address no longer opens a copy with the families' names.
    page.context.set_offline(True)
    with contextlib.suppress(PlaywrightError):  # the browser's own "no connection" page
        page.goto(f"{live_server.url}/en/team/attendance/sessions/{door.pk}/")
    expect(page.get_by_text("Bilal")).to_have_count(0)


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
