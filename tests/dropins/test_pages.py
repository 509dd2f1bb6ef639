"""The public drop-in pages: the list, booking, the confirmation, the private link."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from dropins import services
from dropins.models import Booking, DropInSession
from sanctuary.models import OutgoingMessage
from tests.dropins.conftest import book, make_series

pytestmark = pytest.mark.instants


def booking_data(**overrides):
    return {
        "first_name": "Amina",
        "adults": "2",
        "children": "1",
        "email": "",
        "phone": "",
        "language": "ar",
        "interpreter_language": "ar",
        "access_needs": "",
        "website": "",
        **overrides,
    }


def session_url(session, language="en"):
    with translation.override(language):
        return reverse("dropins:session", kwargs={"pk": session.pk})


# The list ----------------------------------------------------------------------------------


def test_the_list_says_how_many_places_are_left_in_plain_words(client, series, session):
    later = list(series.sessions.filter(starts_at__gt=session.starts_at).order_by("starts_at"))
    services.session_capacity_set(session_id=later[0].pk, capacity=6, actor=None)
    book(later[0], adults=2)
    services.session_capacity_set(session_id=later[1].pk, capacity=2, actor=None)
    book(later[1], adults=2)
    services.session_cancel(
        session_id=later[2].pk, reason=DropInSession.CancelReason.HOLIDAY, actor=None
    )

    html = client.get("/en/drop-in/").content.decode()

    assert "40 places left" in html
    assert "Few places left: 4" in html
    assert "Full: join the waiting list" in html
    assert "Cancelled" in html


def test_the_list_shows_only_sessions_whose_booking_has_opened(client, series):
    html = client.get("/en/drop-in/").content.decode()

    shown = len(re.findall(r'class="session-list__item', html))
    assert 0 < shown < series.sessions.count()


def test_the_list_in_arabic_is_right_to_left(client, session):
    html = client.get("/ar/drop-in/").content.decode()

    assert '<html lang="ar" dir="rtl">' in html
    assert "لقاء الترحيب" in html
    assert '<bdi class="ltr">10:30–13:00</bdi>' in html


@pytest.mark.postgres
def test_the_lists_queries_do_not_grow_with_sessions_or_bookings(client, db, settings):
    settings.DROPIN_GENERATE_DAYS = 14
    series = make_series()
    with CaptureQueriesContext(_connection()) as few:
        client.get("/en/drop-in/")

    settings.DROPIN_GENERATE_DAYS = 120
    for venue_series in [series, make_series(), make_series()]:
        services.sessions_generate(series=venue_series)
        for session in venue_series.sessions.filter(starts_at__gt=timezone.now())[:3]:
            for index in range(5):
                book(session, first_name=f"Person {index}")
    with CaptureQueriesContext(_connection()) as many:
        response = client.get("/en/drop-in/")

    shown = response.content.decode().count('class="session-list__item')
    assert shown >= 3 * 4
    assert len(many) == len(few) <= 3


def _connection():
    from django.db import connection

    return connection


# Booking -----------------------------------------------------------------------------------


def test_booking_shows_the_confirmation_with_reference_and_private_link(client, session):
    response = client.post(session_url(session, "ar"), booking_data(), follow=True)

    booking = Booking.objects.get()
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == "/ar/drop-in/booked/"
    assert booking.reference in html
    assert f"/ar/drop-in/booking/{booking.token}/" in html
    assert reverse("dropins:calendar", kwargs={"pk": session.pk}).replace("/en/", "/ar/") in html
    assert (booking.adults, booking.children, booking.language) == (2, 1, "ar")
    assert booking.interpreter_language == "ar"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]


def test_the_form_asks_nothing_about_status_nationality_documents_or_age(client, session):
    html = client.get(session_url(session)).content.decode().lower()

    for word in ("nationality", "immigration status", "passport", "date of birth", "home office"):
        assert word not in html.replace("we never ask about your immigration status", "")
    form = html[html.index('<form class="form"') :]
    names = set(re.findall(r'<(?:input|select|textarea)[^>]* name="([a-z_]+)"', form))
    assert names - {"csrfmiddlewaretoken", "submission_key"} == {
        "first_name",
        "adults",
        "children",
        "email",
        "phone",
        "language",
        "interpreter_language",
        "access_needs",
        "website",
    }


def test_the_language_for_messages_defaults_to_the_pages(client, session):
    html = client.get(session_url(session, "fa")).content.decode()

    assert re.search(r'<option value="fa"[^>]*selected', html)


def test_a_phone_number_is_stored_in_international_form(client, session):
    client.post(session_url(session), booking_data(phone="07911 123456"))

    assert str(Booking.objects.get().phone) == "+447911123456"


def test_errors_are_listed_translated_and_linked_and_nothing_typed_is_lost(client, session):
    response = client.post(
        session_url(session, "uk"),
        booking_data(first_name="", phone="12345", email="amina@", access_needs="A quiet room"),
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in html
    for field in ("id_first_name", "id_phone", "id_email"):
        assert f'href="#{field}"' in html
    with translation.override("uk"):
        assert translation.gettext("This field is required.") in html
        assert translation.gettext("Enter a valid email address.") in html
    assert "amina@" in html and "A quiet room" in html and 'value="12345"' in html
    assert Booking.objects.count() == 0


def test_nobody_at_all_is_an_error(client, session):
    response = client.post(session_url(session), booking_data(adults="0", children="0"))

    assert "at least one" in response.content.decode()
    assert Booking.objects.count() == 0


def test_a_filled_in_bot_trap_books_nothing(client, session):
    response = client.post(session_url(session), booking_data(website="http://spam.example"))

    assert response.status_code == 200
    assert Booking.objects.count() == 0


@pytest.mark.redis
def test_too_many_bookings_from_one_client_are_refused(client, session, settings):
    settings.DROPIN_BOOKINGS_PER_HOUR = 3
    for index in range(3):
        response = client.post(session_url(session), booking_data(first_name=f"P{index}"))
        assert response.status_code == 302

    response = client.post(session_url(session), booking_data(first_name="One too many"))

    assert response.status_code == 429
    assert Booking.objects.count() == 3


def test_a_repeated_contact_looks_exactly_like_a_new_booking(session):
    from django.test import Client

    Client().post(session_url(session), booking_data(email="amina@example.org"))

    def confirmation(email):
        visitor = Client()
        response = visitor.post(session_url(session), booking_data(email=email))
        assert response.status_code == 302 and response["Location"] == "/en/drop-in/booked/"
        return visitor.get("/en/drop-in/booked/").content.decode()

    new = confirmation("someone.else@example.org")
    repeated = confirmation("amina@example.org")

    def shape(html):
        return re.sub(r'D-[A-Z0-9]{6}|name="csrfmiddlewaretoken" value="\w+"', "X", html)

    assert shape(new) == shape(repeated)
    assert "/drop-in/booking/" not in repeated  # with a contact, the link goes by message
    assert Booking.objects.filter(email="amina@example.org").count() == 1
    existing = Booking.objects.get(email="amina@example.org").reference
    assert existing not in repeated
    assert OutgoingMessage.objects.filter(template="dropin_booking_again").count() == 1


def test_the_same_browser_sending_again_sees_its_own_booking(client, session):
    client.post(session_url(session), booking_data(email="amina@example.org"))
    client.post(session_url(session), booking_data(email="amina@example.org"))

    html = client.get("/en/drop-in/booked/").content.decode()

    assert Booking.objects.get().reference in html
    assert not OutgoingMessage.objects.filter(template="dropin_booking_again").exists()


def test_without_a_contact_the_private_link_is_on_the_page(client, session):
    client.post(session_url(session), booking_data())

    html = client.get("/en/drop-in/booked/").content.decode()

    assert f"/en/drop-in/booking/{Booking.objects.get().token}/" in html


def test_a_full_session_offers_the_waiting_list(client, session):
    services.session_capacity_set(session_id=session.pk, capacity=1, actor=None)
    book(session)

    html = client.get(session_url(session)).content.decode()
    assert "Join the waiting list" in html

    client.post(session_url(session), booking_data(first_name="Yusuf"))
    html = client.get("/en/drop-in/booked/").content.decode()

    assert "You are on the waiting list" in html
    assert Booking.objects.get(first_name="Yusuf").status == Booking.Status.WAITLISTED


def test_a_cancelled_session_says_so_and_offers_no_form(client, session):
    services.session_cancel(
        session_id=session.pk, reason=DropInSession.CancelReason.WEATHER, actor=None
    )

    response = client.get(session_url(session))

    assert "cancelled" in response.content.decode()
    assert response.context["form"] is None
    assert client.post(session_url(session), booking_data()).status_code == 200
    assert Booking.objects.count() == 0


def test_a_session_not_open_for_booking_yet_is_not_found(client, series):
    last = series.sessions.order_by("-starts_at").first()

    assert client.get(session_url(last)).status_code == 404


def test_the_confirmation_page_without_a_booking_goes_to_the_list(client, db):
    response = client.get("/en/drop-in/booked/")

    assert response.status_code == 302 and response["Location"] == "/en/drop-in/"


def test_the_calendar_file_has_the_session_and_nothing_personal(client, session):
    book(session, first_name="Amina")

    response = client.get(reverse("dropins:calendar", kwargs={"pk": session.pk}))

    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert "BEGIN:VEVENT" in body and "SUMMARY:Welcome drop-in" in body
    assert "DTSTART:" + session.starts_at.strftime("%Y%m%dT%H%M%SZ") in body
    assert "Amina" not in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


# The private link --------------------------------------------------------------------------


def test_the_private_link_shows_the_booking(client, session):
    booking = book(session, adults=2, children=1, email="amina@example.org")

    response = client.get(booking.manage_path())

    html = response.content.decode()
    assert booking.reference in html
    assert "2 adults, 1 child" in html
    assert "amina@example.org" not in html  # not needed here; a shared phone may show it
    assert response["X-Robots-Tag"] == "noindex, nofollow"


@pytest.mark.parametrize("token", ["nope", "x" * 43, "a" * 200])
def test_a_wrong_private_link_is_a_friendly_404_that_reveals_nothing(client, session, token):
    book(session)

    response = client.get(f"/en/drop-in/booking/{token}/")

    assert response.status_code == 404
    assert "D-" not in response.content.decode()


def test_the_private_link_changes_how_many_are_coming(client, session):
    booking = book(session, adults=1)

    response = client.post(booking.manage_path(), {"adults": "2", "children": "2"})

    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.people == 4


def test_the_private_link_refuses_more_people_than_places(client, session):
    services.session_capacity_set(session_id=session.pk, capacity=3, actor=None)
    booking = book(session, adults=2)

    response = client.post(booking.manage_path(), {"adults": "2", "children": "2"})

    assert "only 1 more place" in response.content.decode()
    booking.refresh_from_db()
    assert booking.people == 2


def test_cancelling_asks_once_then_cancels(client, session):
    booking = book(session)
    cancel_url = reverse("dropins:cancel", kwargs={"token": booking.token})

    confirm = client.get(cancel_url)
    assert "Yes, cancel my booking" in confirm.content.decode()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED

    response = client.post(cancel_url, follow=True)

    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert "Your booking is cancelled" in response.content.decode()


def test_an_anonymised_booking_link_no_longer_works(client, session):
    booking = book(session)
    services.bookings_anonymise(now=session.ends_at + timedelta(days=365))

    assert client.get(f"/en/drop-in/booking/{booking.token}/").status_code == 404


def test_robots_keep_out_of_private_pages(client):
    robots = client.get("/robots.txt").content.decode()

    assert "Disallow: /*/drop-in/booking/" in robots
    assert "Disallow: /*/drop-in/booked/" in robots


# Weight ------------------------------------------------------------------------------------


def test_the_drop_in_pages_weigh_under_30_kb_compressed(db, session):
    import io

    out = io.StringIO()
    call_command(
        "measure_pages", "/en/drop-in/", session_url(session, "ar"), "/ps/drop-in/", stdout=out
    )

    rows = out.getvalue().splitlines()[1:]
    assert len(rows) == 3
    for row in rows:
        queries, _html, _css, gzipped, brotlied = (int(value) for value in row.split()[1:])
        assert gzipped < 30_000 and brotlied < 30_000
        assert queries <= 4


def test_the_confirmation_of_a_booking_cancelled_since_goes_to_its_private_link(client, session):
    client.post(session_url(session), booking_data())
    booking = Booking.objects.get()
    services.booking_cancel(booking_id=booking.pk)

    response = client.get("/en/drop-in/booked/")

    assert response.status_code == 302
    assert response["Location"] == booking.manage_path()


@pytest.mark.postgres
def test_the_booking_and_private_link_pages_queries_do_not_grow_with_bookings(client, session):
    mine = book(session, first_name="Mine")
    pages = [session_url(session), mine.manage_path()]
    counts_before = []
    for url in pages:
        with CaptureQueriesContext(_connection()) as queries:
            assert client.get(url).status_code == 200
        counts_before.append(len(queries))

    for index in range(30):
        book(session, first_name=f"Person {index}")
    counts_after = []
    for url in pages:
        with CaptureQueriesContext(_connection()) as queries:
            client.get(url)
        counts_after.append(len(queries))

    assert counts_after == counts_before
    assert max(counts_after) <= 3


def test_a_private_link_with_characters_no_token_has_is_a_404(client, db):
    assert client.get("/en/drop-in/booking/" + "%00" * 43 + "/").status_code == 404
    assert client.get("/en/drop-in/booking/" + "%00" * 43 + "/cancel/").status_code == 404


def test_an_email_address_too_long_to_keep_is_a_form_error(client, session):
    address = "a" * 250 + "@example.org"

    response = client.post(session_url(session), booking_data(email=address))

    assert response.status_code == 200
    assert 'href="#id_email"' in response.content.decode()
    assert Booking.objects.count() == 0


def test_one_booking_holds_at_most_ten_people(client, session):
    response = client.post(session_url(session), booking_data(adults="6", children="5"))

    assert "10 people at most" in response.content.decode()
    assert Booking.objects.count() == 0


def test_a_filled_in_bot_trap_is_shown_again_empty(client, session):
    response = client.post(session_url(session), booking_data(website="autofilled"))

    assert "autofilled" not in response.content.decode()


def test_a_booking_cannot_be_cancelled_once_the_drop_in_has_started(client, session):
    booking = book(session)
    DropInSession.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - timedelta(minutes=10)
    )
    cancel_url = reverse("dropins:cancel", kwargs={"token": booking.token})

    page = client.get(booking.manage_path()).content.decode()
    response = client.post(cancel_url, follow=True)

    assert cancel_url not in page
    assert "has started" in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


def test_the_cancel_link_stays_while_the_booking_can_no_longer_be_changed(client, session):
    booking = book(session)
    session.series.booking_opens_days = 0
    session.series.save()

    page = client.get(booking.manage_path()).content.decode()

    assert 'name="adults"' not in page
    assert reverse("dropins:cancel", kwargs={"token": booking.token}) in page
