"""What the portal's writes add to booking and applying: the organisation, the worker, the
client's consent, and where messages go."""

import pytest
from django.utils import timezone

from bursaries import rules as bursary_rules
from bursaries.models import Application
from dropins import rules as dropin_rules
from dropins import services as dropin_services
from dropins.models import Booking
from sanctuary.models import AuditEvent, OutgoingMessage
from tests.bursaries.conftest import application_fields
from tests.dropins.conftest import book

pytestmark = pytest.mark.django_db


def book_for_client(session, worker, **fields):
    values = {
        "partner_organisation": worker.organisation,
        "booked_by": worker.user,
        "client_consent": True,
        **fields,
    }
    return book(session, **values)


def test_a_booking_for_a_client_needs_their_consent(session, worker):
    with pytest.raises(dropin_services.BookingError):
        book_for_client(session, worker, client_consent=False)

    assert not Booking.objects.exists()
    assert not OutgoingMessage.objects.exists()


def test_a_booking_for_a_client_records_who_booked_and_when_they_agreed(session, worker):
    booking = book_for_client(session, worker, phone="+447911123456")

    assert booking.partner_organisation == worker.organisation
    assert booking.booked_by == worker.user
    assert booking.consent_recorded_at == booking.created_at
    assert booking.consent_recorded_at <= timezone.now()
    event = AuditEvent.objects.get(action="booking.create_for_client")
    assert event.actor == worker.user


def test_a_public_booking_records_no_partner_and_no_consent(session):
    booking = book(session)

    assert booking.partner_organisation is None
    assert booking.booked_by is None
    assert booking.consent_recorded_at is None


def test_messages_go_to_the_client_when_they_gave_a_phone_or_email(session, worker):
    book_for_client(session, worker, phone="+447911123456", email="amina@example.org")

    recipients = set(OutgoingMessage.objects.values_list("channel", "recipient", "language"))
    assert recipients == {("sms", "+447911123456", "en"), ("email", "amina@example.org", "en")}


def test_messages_go_to_the_worker_when_the_client_gave_neither(session, worker):
    worker.user.language = "uk"
    worker.user.save()

    book_for_client(session, worker, language="ar")

    message = OutgoingMessage.objects.get()
    assert (message.channel, message.recipient, message.language) == (
        "email",
        worker.user.email,
        "uk",
    )


def test_the_worker_reads_that_the_message_is_for_their_client(session, worker):
    from sanctuary.outbox import render_message

    book_for_client(session, worker, first_name="Amina")

    message = OutgoingMessage.objects.get()
    _subject, body = render_message(
        template=message.template,
        channel=message.channel,
        language="en",
        context=message.context,
    )
    assert "You booked this drop-in for a client" in body
    assert "Amina" in body


def test_a_cancellation_reaches_the_worker_too(session, worker):
    booking = book_for_client(session, worker)

    dropin_services.booking_cancel(booking_id=booking.pk, actor=worker.user)

    assert OutgoingMessage.objects.filter(
        template="dropin_booking_cancelled", recipient=worker.user.email
    ).exists()


def test_the_day_before_reminder_reaches_a_booking_only_the_worker_can_hear_of(
    session, worker, clock
):
    book_for_client(session, worker)
    clock.move_to(session.starts_at - timezone.timedelta(hours=2))

    scan = dropin_services.reminders_queue()

    assert scan.messages == 1
    assert OutgoingMessage.objects.filter(
        template="dropin_booking_reminder", recipient=worker.user.email
    ).exists()


def test_the_reachable_rule_agrees_in_sql_and_in_python(session, worker):
    bookings = [
        book(session),
        book(session, phone="+447911123456"),
        book(session, email="amina@example.org"),
        book_for_client(session, worker),
    ]
    in_sql = set(Booking.objects.filter(dropin_rules.reachable_q()).values_list("pk", flat=True))

    assert in_sql == {b.pk for b in bookings if dropin_rules.is_reachable(b)}
    assert len(in_sql) == 3


def test_which_bookings_an_organisation_sees_agrees_in_sql_and_in_python(
    session, worker, other_worker
):
    bookings = [
        book(session),
        book_for_client(session, worker),
        book_for_client(session, other_worker),
    ]
    for organisation in (worker.organisation, other_worker.organisation, None):
        in_sql = set(
            Booking.objects.filter(dropin_rules.partner_bookings_q(organisation)).values_list(
                "pk", flat=True
            )
        )
        in_python = {b.pk for b in bookings if dropin_rules.is_partner_booking_of(b, organisation)}
        assert in_sql == in_python
        assert len(in_sql) == (0 if organisation is None else 1)


def test_only_the_worker_who_booked_may_cancel_in_the_portal(session, worker, organisation):
    from tests.partners.conftest import make_worker

    colleague = make_worker(organisation, email="colleague@example.org")
    booking = book_for_client(session, worker)

    assert dropin_rules.may_partner_cancel(booking, worker.user, timezone.now())
    assert not dropin_rules.may_partner_cancel(booking, colleague.user, timezone.now())
    assert not dropin_rules.may_partner_cancel(book(session), worker.user, timezone.now())


def test_a_referral_through_the_portal_belongs_to_the_worker_s_organisation(
    fund, opportunity, worker
):
    from bursaries import services

    application = services.application_submit(
        fund=fund,
        **application_fields(
            opportunity=opportunity,
            referrer_organisation=worker.organisation,
            referrer_name="Olena",
            referrer_consent=True,
        ),
        portal_organisation=worker.organisation,
        actor=worker.user,
    )

    assert application.portal_organisation == worker.organisation
    assert AuditEvent.objects.get(action="application.submit").actor == worker.user


def test_which_referrals_an_organisation_sees_agrees_in_sql_and_in_python(
    submit, worker, other_worker
):
    named_only = submit(referrer_organisation=worker.organisation, referrer_consent=True)
    ours = submit(portal_organisation=worker.organisation)
    theirs = submit(portal_organisation=other_worker.organisation)
    applications = [named_only, ours, theirs, submit()]
    for organisation in (worker.organisation, other_worker.organisation, None):
        in_sql = set(
            Application.objects.filter(bursary_rules.portal_referrals_q(organisation)).values_list(
                "pk", flat=True
            )
        )
        in_python = {
            a.pk for a in applications if bursary_rules.is_portal_referral_of(a, organisation)
        }
        assert in_sql == in_python
    assert set(
        Application.objects.filter(bursary_rules.portal_referrals_q(worker.organisation))
    ) == {ours}
