"""Finding one's way around the register on a tablet: its rows, buttons and totals, the
calls its script makes, and waiting for what the server has recorded."""

import re
import time

from attendance.models import CheckIn
from sanctuary import services as accounts
from sanctuary.roles import Role
from tests.factories import PASSWORD

LANDSCAPE = {"width": 1024, "height": 768}
PORTRAIT = {"width": 768, "height": 1024}
# The endpoints the register's script calls; the page itself stays reachable.
REGISTER_CALLS = re.compile(r"/team/attendance/sessions/\d+/(sync|changes)/")
CHANGES_CALLS = re.compile(r"/team/attendance/sessions/\d+/changes/")
# Comfortably more than the script's poll (4 s) and first retry (2 s).
A_FEW_SECONDS = 12_000


def volunteer_at(session, first_name):
    return accounts.user_create(
        email=f"{first_name.lower()}@example.org",
        first_name=first_name,
        roles=[Role.VOLUNTEERS],
        venues=[session.series.venue],
        actor=None,
        password=PASSWORD,
    )


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
