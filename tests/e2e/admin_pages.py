"""The admin as the team use it in the browser tests: signing a team member in for real, with
two-step sign-in set up as a person would, and the pages each role spends the day on."""

from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from bursaries.models import Application, Fund
from dropins.models import Booking, DropInSession
from events.models import GuestAllocation, NetworkEvent, Performance
from partners.models import PartnerOrganisation
from sanctuary.demo import DEMO_PASSWORD
from sanctuary.models import User
from tests.e2e.helpers import LANDSCAPE
from tests.sanctuary.helpers import set_up_two_step_sign_in, sign_in, totp_code


def team_member_signed_in(browser, live_server, email: str, *, viewport=LANDSCAPE):
    """A demo team member on a laptop, JavaScript on (axe is a script) and the CSP bypassed
    for it: two-step sign-in turned on through the site's own pages, then signed in through
    the sign-in page with the password and a code from the authenticator app."""
    client = Client()
    sign_in(client, email, DEMO_PASSWORD)
    secret = set_up_two_step_sign_in(client, password=DEMO_PASSWORD)
    context = browser.new_context(bypass_csp=True, viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("h1")).to_contain_text("Hello")
    return page


def _application(status: str) -> Application:
    return Application.objects.filter(status=status, anonymised_at__isnull=True).order_by("pk")[0]


def _change(model, obj) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk])


def _changelist(name: str, query: str = "") -> str:
    return reverse(f"admin:{name}_changelist") + query


def staff_pages() -> dict[str, str]:
    """Programme staff's pages, by what they are, that a plain visit shows."""
    in_review = _application(Application.Status.IN_REVIEW)
    fund = Fund.objects.order_by("pk")[0]
    allocation = GuestAllocation.objects.order_by("pk")[0]
    return {
        "index": reverse("admin:index"),
        "applications": _changelist("bursaries_application"),
        "applications filtered": _changelist(
            "bursaries_application", f"?status__exact=in_review&fund__id__exact={fund.pk}"
        ),
        "application": _change(Application, in_review),
        "decision confirm": reverse(
            "admin:bursaries_application_move", args=[in_review.pk, Application.Status.APPROVED]
        ),
        "funds": _changelist("bursaries_fund"),
        "fund": _change(Fund, fund),
        "drop-in series": _changelist("dropins_dropinseries"),
        "drop-in sessions": _changelist("dropins_dropinsession"),
        "drop-in session": _change(DropInSession, DropInSession.objects.order_by("pk")[0]),
        "bookings": _changelist("dropins_booking"),
        "booking": _change(Booking, Booking.objects.order_by("pk")[0]),
        "outbox": _changelist("sanctuary_outgoingmessage"),
        "audit trail": _changelist("sanctuary_auditevent"),
        "users": _changelist("sanctuary_user"),
        "user": _change(User, User.objects.get(email="volunteer@example.org")),
        "performances": _changelist("events_performance"),
        "performance": _change(Performance, Performance.objects.order_by("pk")[0]),
        "guest allocations": _changelist("events_guestallocation"),
        "guest allocation": _change(GuestAllocation, allocation),
        "guest allocation move": reverse("admin:events_guestallocation_move", args=[allocation.pk]),
        "guest tickets": _changelist("events_guestticket"),
        "partner organisations": _changelist("partners_partnerorganisation"),
        "partner organisation": _change(
            PartnerOrganisation, PartnerOrganisation.objects.order_by("pk")[0]
        ),
        "network events": _changelist("events_networkevent"),
        "network event": _change(NetworkEvent, NetworkEvent.objects.order_by("pk")[0]),
        "network bookings": _changelist("events_networkbooking"),
    }


def reviewer_pages() -> dict[str, str]:
    """A reviewer's pages: before and after opening an application they have not reviewed."""
    unread = _application(Application.Status.SUBMITTED)
    return {
        "index": reverse("admin:index"),
        "applications": _changelist("bursaries_application"),
        "applications to review": _changelist("bursaries_application", "?reviewable=yes"),
        "open or declare a conflict": reverse("admin:bursaries_application_open", args=[unread.pk]),
    }


def reviewer_opens(page, live_server) -> dict[str, str]:
    """The reviewer opens the unread application: its change page and its review form."""
    unread = _application(Application.Status.SUBMITTED)
    page.goto(live_server.url + reverse("admin:bursaries_application_open", args=[unread.pk]))
    page.get_by_role("button", name="I have no conflict of interest: open it").click()
    expect(page).to_have_url(live_server.url + _change(Application, unread))
    return {
        "application": _change(Application, unread),
        "review form": reverse("admin:bursaries_application_review", args=[unread.pk]),
    }


def action_page(page, live_server, action: str, references: list[str]) -> None:
    """Tick applications on the list and choose an action: its confirmation page."""
    page.goto(live_server.url + _changelist("bursaries_application"))
    for reference in references:
        page.get_by_role("row").filter(has_text=reference).get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option(action)
    page.get_by_role("button", name="Go").click()
    expect(page.locator("input[name=confirm], button[name=confirm]").first).to_be_visible()
