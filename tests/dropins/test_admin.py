"""Programme staff run the drop-in in the Django admin."""

import pytest
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dropins import services
from dropins.models import Booking, DropInSeries, DropInSession
from sanctuary.models import AuditEvent, OutgoingMessage
from tests.dropins.conftest import book, make_series
from tests.factories import PASSWORD


def test_the_session_list_shows_booked_waiting_and_places(staff_client, session):
    services.session_capacity_set(session_id=session.pk, capacity=5, actor=None)
    book(session, adults=2, children=2)
    book(session, first_name="Yusuf", adults=3)

    response = staff_client.get(reverse("admin:dropins_dropinsession_changelist"))

    row = next(r for r in response.context["cl"].result_list if r.pk == session.pk)
    assert (row.people_booked, row.people_waiting, row.capacity) == (4, 3, 5)
    html = response.content.decode()
    assert '<td class="field-booked">4</td>' in html
    assert '<td class="field-waiting">3</td>' in html
    assert '<td class="field-places_left">1</td>' in html


@pytest.mark.postgres
def test_the_session_list_makes_the_same_queries_however_many_sessions(staff_client, settings):
    settings.DROPIN_GENERATE_DAYS = 14
    make_series()
    url = reverse("admin:dropins_dropinsession_changelist")
    staff_client.get(url)
    with CaptureQueriesContext(_connection()) as few:
        staff_client.get(url)

    settings.DROPIN_GENERATE_DAYS = 84
    for _ in range(3):
        series = make_series()
        for session in series.sessions.filter(starts_at__gt=timezone.now())[:2]:
            book(session)
    with CaptureQueriesContext(_connection()) as many:
        response = staff_client.get(url)

    assert response.context["cl"].result_count > 30
    assert len(many) == len(few)


def _connection():
    from django.db import connection

    return connection


def test_bookings_are_found_by_reference_as_read_out(staff_client, session):
    booking = book(session)
    book(session, first_name="Yusuf")
    spoken = booking.reference.lower().replace("-", " ")

    response = staff_client.get(reverse("admin:dropins_booking_changelist"), {"q": spoken})

    assert list(response.context["cl"].result_list) == [booking]


def test_bookings_are_found_by_name_and_filtered_by_session_and_status(staff_client, session):
    book(session, first_name="Amina")
    waiting = services.session_capacity_set(session_id=session.pk, capacity=1, actor=None)
    book(waiting, first_name="Yusuf")
    url = reverse("admin:dropins_booking_changelist")

    by_name = staff_client.get(url, {"q": "amina"}).context["cl"].result_list
    by_status = staff_client.get(url, {"status__exact": "waitlisted"}).context["cl"].result_list
    by_session = staff_client.get(url, {"session__id__exact": session.pk}).context["cl"]

    assert [b.first_name for b in by_name] == ["Amina"]
    assert [b.first_name for b in by_status] == ["Yusuf"]
    assert by_session.result_count == 2


def test_staff_cancel_a_session_with_a_reason_through_a_confirmation_page(
    staff_client, session, programme_staff, django_capture_on_commit_callbacks
):
    book(session, email="amina@example.org", language="fa")
    url = reverse("admin:dropins_dropinsession_changelist")
    action = {"action": "cancel_sessions", "_selected_action": [session.pk]}

    confirm = staff_client.post(url, action)
    assert confirm.status_code == 200
    assert "Cancel these sessions" in confirm.content.decode()
    session.refresh_from_db()
    assert session.status == DropInSession.Status.SCHEDULED

    with django_capture_on_commit_callbacks(execute=True):
        done = staff_client.post(
            url, {**action, "confirm": "yes", "reason": "building_closed", "note": "Boiler"}
        )

    assert done.status_code == 302
    session.refresh_from_db()
    assert (session.status, session.cancel_reason) == ("cancelled", "building_closed")
    assert session.cancelled_by == programme_staff
    message = OutgoingMessage.objects.get(template="dropin_session_cancelled")
    assert (message.language, message.status) == ("fa", OutgoingMessage.Status.SENT)
    assert AuditEvent.objects.filter(action="dropin_session.cancel", actor=programme_staff)


def test_changing_a_sessions_places_is_audited_and_fills_from_the_waiting_list(
    staff_client, session, programme_staff
):
    services.session_capacity_set(session_id=session.pk, capacity=1, actor=None)
    book(session)
    waiting = book(session, first_name="Yusuf")
    url = reverse("admin:dropins_dropinsession_change", args=[session.pk])

    response = staff_client.post(url, {"capacity": "2"})

    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == Booking.Status.CONFIRMED
    event = AuditEvent.objects.get(action="dropin_session.capacity", actor=programme_staff)
    assert event.detail == {"changes": {"capacity": {"old": 1, "new": 2}}}


def test_staff_create_a_series_and_its_sessions_appear(staff_client, venues, programme_staff):
    theatre_royal = next(v for v in venues if v.slug == "theatre-royal")
    before = DropInSeries.objects.count()
    response = staff_client.post(
        reverse("admin:dropins_dropinseries_add"),
        {
            "venue": theatre_royal.pk,
            "title_en": "Family drop-in",
            "weekday": "5",
            "start_time": "10:00",
            "end_time": "12:00",
            "capacity": "30",
            "booking_opens_days": "14",
            "interpreter_languages": ["ar", "uk"],
            "is_active": "on",
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    series = DropInSeries.objects.latest("pk")
    assert DropInSeries.objects.count() == before + 1
    assert series.interpreter_languages == ["ar", "uk"]
    assert series.sessions.count() >= 10
    assert AuditEvent.objects.filter(action="dropin_series.create", actor=programme_staff)


def test_staff_cancel_bookings_from_the_list(staff_client, session, programme_staff):
    booking = book(session)

    staff_client.post(
        reverse("admin:dropins_booking_changelist"),
        {"action": "cancel_bookings", "_selected_action": [booking.pk]},
    )

    booking.refresh_from_db()
    assert (booking.status, booking.cancelled_by) == ("cancelled", "staff")
    assert AuditEvent.objects.filter(action="booking.cancel", actor=programme_staff)


@pytest.mark.parametrize("role", ["volunteer", "reviewer"])
def test_volunteers_and_reviewers_cannot_see_bookings(client, session, role, request):
    user = request.getfixturevalue(role)
    client.login(email=user.email, password=PASSWORD)
    booking = book(session, email="amina@example.org")

    for name, args in [
        ("admin:dropins_booking_changelist", []),
        ("admin:dropins_booking_change", [booking.pk]),
        ("admin:dropins_dropinsession_changelist", []),
    ]:
        response = client.get(reverse(name, args=args))
        assert response.status_code in (302, 403), name
        assert b"amina@example.org" not in response.content


def test_bookings_cannot_be_edited_or_deleted_in_the_admin(staff_client, session):
    booking = book(session)

    page = staff_client.get(reverse("admin:dropins_booking_change", args=[booking.pk]))

    assert page.status_code == 200
    assert b'name="first_name"' not in page.content
    delete = staff_client.get(reverse("admin:dropins_booking_delete", args=[booking.pk]))
    assert delete.status_code == 403


def test_people_without_the_cancel_permission_get_no_cancel_actions(client, session, reviewer):
    from django.contrib.auth.models import Permission

    reviewer.groups.first().permissions.add(
        *Permission.objects.filter(codename__in=["view_dropinsession", "view_booking"])
    )
    client.login(email=reviewer.email, password=PASSWORD)

    sessions = client.get(reverse("admin:dropins_dropinsession_changelist"))
    bookings = client.get(reverse("admin:dropins_booking_changelist"))

    assert sessions.status_code == bookings.status_code == 200
    assert b"cancel_sessions" not in sessions.content
    assert b"cancel_bookings" not in bookings.content


def test_the_series_list_counts_coming_sessions_and_people(staff_client, series, session):
    services.session_capacity_set(session_id=session.pk, capacity=3, actor=None)
    book(session, adults=2, children=1)
    book(session, first_name="Yusuf", adults=2)
    url = reverse("admin:dropins_dropinseries_changelist")

    response = staff_client.get(url)

    row = next(r for r in response.context["cl"].result_list if r.pk == series.pk)
    coming = series.sessions.filter(starts_at__gt=timezone.now()).count()
    assert (row.coming_sessions, row.coming_booked, row.coming_waiting) == (coming, 3, 2)


@pytest.mark.postgres
def test_the_series_list_makes_the_same_queries_however_many_series(staff_client, db):
    url = reverse("admin:dropins_dropinseries_changelist")
    make_series()
    staff_client.get(url)
    with CaptureQueriesContext(_connection()) as few:
        staff_client.get(url)
    for _ in range(4):
        book(make_series().sessions.filter(starts_at__gt=timezone.now()).first())
    with CaptureQueriesContext(_connection()) as many:
        staff_client.get(url)

    assert len(many) == len(few)


@pytest.mark.parametrize("role", ["programme_staff", "reviewer"])
def test_the_admins_view_on_site_never_leads_to_a_private_link(client, session, role, request):
    from django.contrib.contenttypes.models import ContentType

    user = request.getfixturevalue(role)
    client.login(email=user.email, password=PASSWORD)
    booking = book(session)
    content_type = ContentType.objects.get_for_model(Booking)

    response = client.get(f"/en/admin/r/{content_type.pk}/{booking.pk}/")

    assert response.status_code == 404
    assert booking.token not in response.get("Location", "")


def test_a_bad_session_filter_is_not_a_server_error(staff_client, session):
    response = staff_client.get(
        reverse("admin:dropins_booking_changelist"), {"session__id__exact": "abc"}
    )

    assert response.status_code == 400
    assert "We could not read that" in response.content.decode()


def test_a_session_that_has_started_is_not_cancelled_by_the_action(staff_client, session):
    book(session, email="amina@example.org")
    DropInSession.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - timezone.timedelta(minutes=5)
    )

    staff_client.post(
        reverse("admin:dropins_dropinsession_changelist"),
        {
            "action": "cancel_sessions",
            "_selected_action": [session.pk],
            "confirm": "yes",
            "reason": "other",
        },
    )

    session.refresh_from_db()
    assert session.status == DropInSession.Status.SCHEDULED
    assert not OutgoingMessage.objects.filter(template="dropin_session_cancelled").exists()
