"""Demo partner workers for `make run`: one account for each demo partner organisation, with
the demo password, printed with the other demo accounts. Safe to run again."""

import contextlib
import uuid
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify

from bursaries import rules as bursary_rules
from bursaries import selectors as bursary_selectors
from bursaries import services as bursary_services
from dropins import services as dropin_services
from dropins.models import DropInSession
from partners import services
from partners.demo import PARTNERS as DEMO_PARTNERS
from partners.models import PartnerOrganisation, PartnerWorker
from sanctuary.demo import DEMO_PASSWORD
from sanctuary.models import User
from sanctuary.roles import Role

FIRST_NAMES = ["Grace", "Farid", "Tetiana", "Olena", "Samir"]

PARTNERS = [partner["name"] for partner in DEMO_PARTNERS]

# (email, first name, roles), as sanctuary.demo's; demo_data prints them.
DEMO_ACCOUNTS = [
    (
        f"{slugify(name)}@example.org",
        FIRST_NAMES[index % len(FIRST_NAMES)],
        [Role.PARTNER_WORKERS],
    )
    for index, name in enumerate(PARTNERS)
]


def demo_load() -> None:
    for name, (email, first_name, _roles) in zip(PARTNERS, DEMO_ACCOUNTS, strict=True):
        user = User.objects.filter(email=email).first()
        if user is None:
            services.partner_worker_invite(
                email=email,
                first_name=first_name,
                organisation=PartnerOrganisation.objects.get(name=name),
                actor=None,
                password=DEMO_PASSWORD,
            )
            continue
        user.set_password(DEMO_PASSWORD)
        user.is_active = True
        user.save(update_fields=["password", "is_active"])
    worker = PartnerWorker.objects.select_related("user", "organisation").get(
        user__email=DEMO_ACCOUNTS[0][0]
    )
    _client_booking(worker)
    _referral(worker)


def _client_booking(worker: PartnerWorker) -> None:
    """A family the first partner booked on the next welcome drop-in; they gave no contact,
    so the messages go to the worker. The same one-time key each time: booked once."""
    session = (
        DropInSession.objects.filter(
            starts_at__gt=timezone.now(), series__title_en="Welcome drop-in"
        )
        .order_by("starts_at")
        .first()
    )
    if session is None:
        return
    # Not bookable at this moment: the demo goes on without it.
    with contextlib.suppress(dropin_services.BookingError):
        dropin_services.booking_create(
            session_id=session.pk,
            first_name="Maryna",
            adults=1,
            children=2,
            language="uk",
            submission_key=uuid.uuid5(uuid.NAMESPACE_URL, f"demo:portal:{session.pk}"),
            partner_organisation=worker.organisation,
            booked_by=worker.user,
            client_consent=True,
        )


def _referral(worker: PartnerWorker) -> None:
    """Someone the first partner referred for a bursary, hearing through the worker."""
    fund = next(
        (
            f
            for f in bursary_selectors.fund_list_public()
            if bursary_rules.is_fund_open(f, timezone.localdate())
        ),
        None,
    )
    opportunity = bursary_selectors.opportunity_list_open().first()
    if fund is None or opportunity is None:
        return
    bursary_services.application_submit(
        fund=fund,
        name="Yusuf",
        contact_method="referrer",
        language="ar",
        support=["course_fee", "travel"],
        amount_requested=Decimal("150.00"),
        statement="I would like to learn stage lighting and meet people.",
        privacy_consent=True,
        opportunity=opportunity,
        referrer_organisation=worker.organisation,
        referrer_name=worker.user.first_name,
        referrer_email=worker.user.email,
        referrer_consent=True,
        submission_key=f"demo-portal-referral-{fund.pk}",
        portal_organisation=worker.organisation,
        actor=worker.user,
    )
