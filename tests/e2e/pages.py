"""Every public page, tablet page and partner portal page, in one list, with the data each
needs: the demo (`site_data`) and a few rows built from the suite's clock. The accessibility
tests (axe, target sizes) walk these lists, so a new page is checked once it is added here."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from django.utils import timezone, translation

from bursaries.models import Application, Fund
from dropins import services as dropin_services
from dropins.demo import family_session_today
from dropins.models import DropInSession
from events import services as event_services
from events.models import GuestQuota, GuestTicket, MailingListMember, NetworkEvent
from events.services.claims import claim_link_create, claim_link_path
from portal.demo import DEMO_ACCOUNTS as PARTNER_ACCOUNTS
from tests.attendance.door_helpers import make_performance
from venues.models import Venue

VOLUNTEER = "volunteer@example.org"
PARTNER_WORKER = PARTNER_ACCOUNTS[0][0]
# The sign-in page reads its query (where to go next); more fields than Django accepts make an
# address it cannot read, answered with the site's own 400 page.
TOO_MANY_FIELDS = "?" + "&".join(["x=1"] * 1001)


@dataclass(frozen=True)
class Page:
    """A page as `/<language><path>`. `reach` gets there another way than by its address (a
    page shown after a form is sent): it is given the browser page, the site's address and
    the language."""

    name: str
    path: str
    status: int = 200
    reach: Callable | None = None

    def url(self, site: str, language: str) -> str:
        return f"{site}/{language}{self.path}"

    def open(self, page, site: str, language: str) -> None:
        if self.reach is not None:
            self.reach(page, site, language)
            return
        url = self.url(site, language)
        response = page.goto(url)
        assert response.status == self.status, f"{self.name}: {response.status}"
        # Shown where it was asked for, not redirected elsewhere (to sign in, say).
        assert urlsplit(page.url).path == urlsplit(url).path, f"{self.name}: {page.url}"


def _neutral(path: str) -> str:
    """A path reversed in English, without its language prefix."""
    assert path.startswith("/en/"), path
    return path[len("/en") :]


def _reverse_en(make: Callable[[], str]) -> str:
    with translation.override("en"):
        return _neutral(make())


def _next_welcome_session() -> DropInSession:
    return DropInSession.objects.filter(
        starts_at__gt=timezone.now(), series__title_en="Welcome drop-in"
    ).order_by("starts_at")[0]


def _book_drop_in(session_path: str) -> Callable:
    def reach(page, site, language):
        page.goto(f"{site}/{language}{session_path}")
        page.locator("[name=first_name]").fill("Amina")
        page.locator("form.form button[type=submit]").click()
        page.wait_for_url(f"{site}/{language}/drop-in/booked/")

    return reach


def _book_network_date(date_path: str) -> Callable:
    def reach(page, site, language):
        page.goto(f"{site}/{language}{date_path}")
        page.locator("[name=name]").fill("Grace Okafor")
        page.locator("[name=email]").fill(f"grace-{language}@example.org")
        page.locator("form.form button[type=submit]").click()
        page.wait_for_url(f"{site}/{language}/events/booked/")

    return reach


def public_pages() -> list[Page]:
    """Every page anyone may open without an account, with its private links made."""
    session = _next_welcome_session()
    booking = dropin_services.booking_create(
        session_id=session.pk, first_name="Hana", adults=1, children=1, language="en"
    )
    fund = Fund.objects.order_by("pk").first()
    application = Application.objects.order_by("-decided_at", "pk").first()
    celebration = NetworkEvent.objects.get(slug="city-of-sanctuary-celebration")
    date = celebration.dates.order_by("starts_at")[0]
    network = event_services.network_booking_create(
        date_id=date.pk, name="Ada", email="ada@example.org", tickets=2, language="en"
    )
    event_services.mailing_join(email="list@example.org", name="Lina", language="en")
    member = MailingListMember.objects.get(email="list@example.org")
    ticket = GuestTicket.objects.order_by("pk").first()
    open_quota = GuestQuota.objects.filter(
        organisation__isnull=False, allocation__release_at__gt=timezone.now()
    ).select_related("organisation")[0]
    claim = claim_link_create(
        quota_id=open_quota.pk,
        organisation=open_quota.organisation,
        max_guests=3,
        max_hosts=1,
        actor=None,
    )
    session_path = _reverse_en(lambda: f"/en/drop-in/sessions/{session.pk}/")
    date_path = f"/events/{celebration.slug}/{date.pk}/"
    return [
        Page("home", "/"),
        Page("venues", "/venues/"),
        Page("venue", f"/venues/{Venue.objects.order_by('pk')[0].slug}/"),
        Page("drop-ins", "/drop-in/"),
        Page("drop-in session", session_path),
        Page("drop-in booked", "/drop-in/booked/", reach=_book_drop_in(session_path)),
        Page("drop-in booking", _reverse_en(booking.manage_path)),
        Page("drop-in cancel", _reverse_en(booking.manage_path) + "cancel/"),
        Page("bursaries", "/bursaries/"),
        Page("fund", f"/bursaries/{fund.slug}/"),
        Page("application form", f"/bursaries/{fund.slug}/apply/"),
        Page("application sent", f"/bursaries/application/{application.status_token}/sent/"),
        Page("application status", f"/bursaries/application/{application.status_token}/"),
        Page("privacy", "/privacy/"),
        Page("translations", "/translations/"),
        Page("sign-in", "/accounts/login/"),
        Page("password reset", "/accounts/password/reset/"),
        Page("find support", "/partners/"),
        Page("events", "/events/"),
        Page("event", f"/events/{celebration.slug}/"),
        Page("event date", date_path),
        Page("event booked", "/events/booked/", reach=_book_network_date(date_path)),
        Page("event booking", _reverse_en(network.manage_path)),
        Page("event cancel", _reverse_en(network.manage_path) + "cancel/"),
        Page("mailing list", "/events/mailing-list/"),
        Page("mailing check email", "/events/mailing-list/check-your-email/"),
        Page("mailing confirm", _reverse_en(member.confirm_path)),
        Page("mailing leave", _reverse_en(member.leave_path)),
        Page("mailing left", "/events/mailing-list/left/"),
        Page("guest ticket", _reverse_en(ticket.ticket_path)),
        Page("guest ticket cancel", _reverse_en(ticket.ticket_path) + "cancel/"),
        Page("claim", _reverse_en(lambda: claim_link_path(claim.token))),
        Page("not found", "/no-such-page/", status=404),
        Page("bad request", "/accounts/login/" + TOO_MANY_FIELDS, status=400),
    ]


def tablet_pages() -> list[Page]:
    """The volunteers' pages at the door, for the demo volunteer: today's list, the demo's
    family drop-in today and a performance tonight at one of their venues."""
    session = family_session_today()
    performance = make_performance(venue=Venue.objects.get(slug="theatre-royal"))
    return [
        Page("register today", "/team/attendance/"),
        Page("drop-in register", f"/team/attendance/sessions/{session.pk}/"),
        Page("performance door", f"/team/attendance/performances/{performance.pk}/"),
    ]


def portal_pages() -> list[Page]:
    """The partner workers' portal, for the demo's first partner worker."""
    session = _next_welcome_session()
    fund = Fund.objects.order_by("pk").first()
    quota = GuestQuota.objects.filter(
        organisation__workers__user__email=PARTNER_WORKER,
        allocation__release_at__gt=timezone.now() - timedelta(days=365),
    ).order_by("pk")[0]
    return [
        Page("portal", "/portal/"),
        Page("portal referrals", "/portal/referrals/"),
        Page("portal referral funds", "/portal/referrals/new/"),
        Page("portal referral form", f"/portal/referrals/new/{fund.slug}/"),
        Page("portal bookings", "/portal/bookings/"),
        Page("portal booking sessions", "/portal/bookings/new/"),
        Page("portal booking form", f"/portal/bookings/new/{session.pk}/"),
        Page("portal guests", "/portal/guests/"),
        Page("portal guest quota", f"/portal/guests/{quota.pk}/"),
        Page("portal claim links", "/portal/claims/"),
    ]


def sign_in(page, site: str, email: str, password: str, language: str = "en") -> None:
    page.goto(f"{site}/{language}/accounts/login/")
    page.locator("[name=login]").fill(email)
    page.locator("[name=password]").fill(password)
    page.locator("[name=password]").press("Enter")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
