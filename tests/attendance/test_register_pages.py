"""The register's pages: who may open them, what they show (never a contact), the forms that
work without JavaScript, the endpoints the script uses, and a bounded number of queries."""

import json
import time
import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from attendance import services
from attendance.models import Attendance, CheckIn, RegisterAction
from dropins.models import DropInSession
from sanctuary.models import AuditEvent
from sanctuary.roles import Role
from tests.dropins.conftest import book, make_series
from tests.factories import VenueFactory, user_with_role

pytestmark = pytest.mark.django_db

EMAIL = "amal.private@example.org"
PHONE = "+447911123456"


@pytest.fixture
def volunteer(door_session):
    return user_with_role(
        Role.VOLUNTEERS,
        first_name="Vik",
        venues=[door_session.series.venue],
        email="vik@example.org",
    )


@pytest.fixture
def family(door_session):
    return book(
        door_session,
        first_name="Amal",
        adults=2,
        children=1,
        email=EMAIL,
        phone=PHONE,
        interpreter_language="ar",
        access_needs="Step-free entrance, please",
    )


def url(name, session, **query):
    path = reverse(f"register:{name}", kwargs={"pk": session.pk})
    return path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def sync(client, session, *taps):
    body = {"station": "t1", "sent_at": int(time.time() * 1000), "taps": list(taps)}
    return client.post(
        url("sync", session),
        json.dumps(body),
        content_type="application/json",
        headers={"Accept": "application/json"},
    )


def contacts_absent(text: str):
    for secret in (EMAIL, "amal.private", PHONE, "7911 123456", "07911", "123456"):
        assert secret not in text


# Who may open it ----------------------------------------------------------------------------------


def test_anonymous_people_are_sent_to_sign_in(client, door_session):
    for name in ("session", "close"):
        response = client.get(url(name, door_session))
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]
    assert client.get(reverse("register:today")).status_code == 302


def test_a_signed_out_tablet_gets_an_answer_it_can_act_on(client, door_session):
    response = sync(client, door_session)
    assert response.status_code == 401
    assert response.json()["error"] == "signed_out"
    changes = client.get(url("changes", door_session), headers={"Accept": "application/json"})
    assert changes.status_code == 401


@pytest.mark.parametrize("role", [None, Role.BURSARY_REVIEWERS])
def test_people_without_the_volunteer_role_are_refused(client, door_session, role):
    user = user_with_role(role) if role else user_with_role(Role.VOLUNTEERS)
    if role is None:
        user.groups.clear()
    client.force_login(user)

    assert client.get(reverse("register:today")).status_code == 403
    assert client.get(url("session", door_session)).status_code == 403
    assert sync(client, door_session).status_code == 403
    assert client.post(url("tap", door_session), {"walk_in": "1"}).status_code == 403


def test_a_volunteer_sees_only_their_venues_today(client, door_session, volunteer, series):
    elsewhere = make_series(venue=VenueFactory(name="Playhouse"))
    other_session = elsewhere.sessions.order_by("starts_at").first()
    DropInSession.objects.filter(pk=other_session.pk).update(date=door_session.date)
    not_today = series.sessions.exclude(pk=door_session.pk).order_by("starts_at").first()
    client.force_login(volunteer)

    today = client.get(reverse("register:today")).content.decode()

    assert url("session", door_session) in today
    assert url("session", other_session) not in today
    assert client.get(url("session", other_session)).status_code == 404
    assert client.get(url("session", not_today)).status_code == 404
    assert sync(client, other_session).status_code == 404


def test_a_volunteer_cannot_tap_or_close_another_venues_register(client, door_session, volunteer):
    elsewhere = make_series(venue=VenueFactory(name="Playhouse"))
    other = elsewhere.sessions.order_by("starts_at").first()
    DropInSession.objects.filter(pk=other.pk).update(date=door_session.date)
    client.force_login(volunteer)

    walk_in = {"page_key": str(uuid.uuid4()), "walk_in": "1", "adults": "1", "children": "0"}
    assert client.post(url("tap", other), walk_in).status_code == 404
    assert client.post(url("close", other)).status_code == 404
    assert client.get(url("changes", other)).status_code == 404
    assert not CheckIn.objects.exists() and not Attendance.objects.exists()


def test_a_signed_out_form_tap_signs_in_back_to_the_register(client, door_session):
    response = client.post(url("tap", door_session), {"walk_in": "1"})
    assert response.status_code == 302
    assert response["Location"].endswith("?next=" + url("session", door_session))


def test_a_volunteer_lands_on_todays_drop_ins_and_cannot_open_the_admin(client, volunteer):
    client.force_login(volunteer)

    assert client.get(reverse("team_home"))["Location"] == reverse("register:today")
    for path in (
        reverse("admin:index"),
        reverse("admin:bursaries_application_changelist"),
        reverse("admin:dropins_booking_changelist"),
        reverse("admin:attendance_attendance_changelist"),
    ):
        response = client.get(path)
        assert response.status_code == 302, path
        assert reverse("admin:login") in response["Location"]


def test_programme_staff_can_open_any_session_register(client, series, door_session):
    staff = user_with_role(Role.PROGRAMME_STAFF)
    later = series.sessions.exclude(pk=door_session.pk).order_by("starts_at").first()
    client.force_login(staff)

    assert client.get(url("session", later)).status_code == 200
    assert url("session", door_session) in client.get(reverse("register:today")).content.decode()


# What it shows ------------------------------------------------------------------------------------


def test_the_register_shows_names_references_parties_and_tags_never_contacts(
    client, door_session, volunteer, family
):
    client.force_login(volunteer)

    html = client.get(url("session", door_session)).content.decode()

    assert "Amal" in html and family.reference in html
    assert "2 adults, 1 child" in html
    assert "Interpreter: Arabic" in html
    assert "Step-free entrance, please" in html
    assert "Check in all 3" in html
    contacts_absent(html)


def test_what_the_script_fetches_has_no_contacts_either(client, door_session, volunteer, family):
    client.force_login(volunteer)
    check_in = {
        "id": str(uuid.uuid4()),
        "kind": "check_in",
        "booking": family.pk,
        "at": int(time.time() * 1000),
    }

    answer = sync(client, door_session, check_in)
    changes = client.get(
        url("changes", door_session, after=0), headers={"Accept": "application/json"}
    )

    assert answer.status_code == 200 and changes.status_code == 200
    assert [row["id"] for row in changes.json()["rows"]] == [f"b-{family.pk}"]
    for response in (answer, changes):
        contacts_absent(response.content.decode())


def test_the_totals_say_booked_arrived_walk_ins_on_site_and_places_left(
    client, door_session, volunteer, family
):
    book(door_session, first_name="Bashir", adults=1)
    services.register_apply(
        session_id=door_session.pk,
        tap=services.RegisterTap(client_id=uuid.uuid4(), kind="check_in", booking_id=family.pk),
        actor=volunteer,
    )
    services.register_apply(
        session_id=door_session.pk,
        tap=services.RegisterTap(client_id=uuid.uuid4(), kind="walk_in", adults=1, children=1),
        actor=volunteer,
    )
    client.force_login(volunteer)

    html = client.get(url("session", door_session)).content.decode()

    def total(name):
        marker = f'data-total="{name}">'
        start = html.index(marker) + len(marker)
        return int(html[start : html.index("<", start)])

    assert [total(name) for name in ("booked", "arrived", "walk_ins", "on_site")] == [4, 3, 2, 5]
    assert total("places_left") == 40 - 5 - 1


def test_searching_without_javascript_narrows_by_name_or_reference(
    client, door_session, volunteer, family
):
    other = book(door_session, first_name="Bashir")
    client.force_login(volunteer)

    by_name = client.get(url("session", door_session, q="ama")).content.decode()
    spoken = family.reference.replace("-", " ").lower()
    by_reference = client.get(url("session", door_session, q=spoken)).content.decode()

    for html in (by_name, by_reference):
        assert f'id="b-{family.pk}"' in html
        assert f'id="b-{other.pk}"' not in html


def test_the_register_is_right_to_left_in_arabic(client, door_session, volunteer, family):
    client.force_login(volunteer)
    html = client.get("/ar" + url("session", door_session)[3:]).content.decode()
    assert '<html lang="ar" dir="rtl">' in html


# Without JavaScript ---------------------------------------------------------------------------


def test_a_form_tap_checks_in_and_sending_it_again_changes_nothing(
    client, door_session, volunteer, family
):
    client.force_login(volunteer)
    form = {"page_key": str(uuid.uuid4()), "check_in": str(family.pk)}

    first = client.post(url("tap", door_session), form, follow=True)
    client.post(url("tap", door_session), form)

    assert "Amal: 3 people checked in." in first.content.decode()
    assert CheckIn.objects.filter(booking=family).count() == 1


def test_a_walk_in_form_with_impossible_numbers_says_why(client, door_session, volunteer):
    client.force_login(volunteer)
    form = {"page_key": str(uuid.uuid4()), "walk_in": "1", "adults": "0", "children": "0"}

    response = client.post(url("tap", door_session), form, follow=True)

    assert "Check the numbers" in response.content.decode()
    assert not CheckIn.objects.exists()


def test_a_broken_form_tap_gets_a_message_not_an_error(client, door_session, volunteer):
    client.force_login(volunteer)
    response = client.post(url("tap", door_session), {"page_key": "nope"}, follow=True)
    assert response.status_code == 200
    assert "That did not work" in response.content.decode()


# The script's endpoints ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        json.dumps({"taps": "x"}),
        json.dumps({"taps": [{"id": "nope", "kind": "check_in"}]}),
        json.dumps({"taps": [{"id": str(uuid.uuid4()), "kind": "explode"}]}),
        json.dumps({"taps": [{"id": str(uuid.uuid4()), "kind": "walk_in"}] * 51}),
    ],
    # Named, not shown: the random ids would differ between pytest-xdist's workers.
    ids=["not-json", "taps-not-a-list", "id-not-a-uuid", "unknown-kind", "too-many-taps"],
)
def test_bad_sync_requests_get_a_clear_answer(client, door_session, volunteer, body):
    client.force_login(volunteer)
    response = client.post(
        url("sync", door_session),
        body,
        content_type="application/json",
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 400
    assert response.json()["error"] == "bad_request"
    assert not RegisterAction.objects.exists()


@pytest.mark.parametrize(
    "tap",
    [
        "x",
        {"id": str(uuid.uuid4()), "kind": "undo", "target": "²"},
        {
            "id": str(uuid.uuid4()),
            "kind": "walk_in",
            "adults": 1,
            "children": 0,
            "first_name": "A\x00",
        },
        {"id": str(uuid.uuid4()), "kind": "check_in", "booking": "1e400"},
    ],
    ids=["not-an-object", "odd-digit", "nul", "huge"],
)
def test_odd_taps_are_refused_or_applied_never_a_server_error(client, door_session, volunteer, tap):
    client.force_login(volunteer)
    client.raise_request_exception = True
    response = client.post(
        url("sync", door_session),
        json.dumps({"taps": [tap], "station": "x\x00"}),
        content_type="application/json",
    )
    assert response.status_code in {200, 400}


@pytest.mark.parametrize(
    "query",
    [{"q": "\x00"}, {"q": "a" * 500}],
    ids=["nul", "long"],
)
def test_odd_searches_are_answered(client, door_session, volunteer, query):
    client.force_login(volunteer)
    assert client.get(url("session", door_session), query).status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        {"since": "2024-02-30T10:00"},
        {"since": "nope"},
        {"after": "99999999999999999999999"},
        {"after": "-5"},
    ],
    ids=["impossible-date", "not-a-date", "huge", "negative"],
)
def test_odd_change_cursors_are_answered(client, door_session, volunteer, query):
    client.force_login(volunteer)
    response = client.get(
        url("changes", door_session), query, headers={"Accept": "application/json"}
    )
    assert response.status_code == 200


def test_an_odd_undo_from_the_form_is_answered(client, door_session, volunteer):
    client.force_login(volunteer)
    response = client.post(
        url("tap", door_session), {"page_key": str(uuid.uuid4()), "undo": "²"}, follow=True
    )
    assert response.status_code == 200
    assert "nothing to undo" in response.content.decode()


def test_sync_applies_queued_taps_in_order_and_once(client, door_session, volunteer, family):
    client.force_login(volunteer)
    check_in_id = str(uuid.uuid4())
    taps = [
        {
            "id": check_in_id,
            "kind": "check_in",
            "booking": family.pk,
            "at": int(time.time() * 1000),
        },
        {
            "id": str(uuid.uuid4()),
            "kind": "adjust",
            "target": check_in_id,
            "adults": 1,
            "children": 1,
        },
    ]

    first = sync(client, door_session, *taps).json()["results"]
    again = sync(client, door_session, *taps).json()["results"]

    assert [result["outcome"] for result in first] == ["applied", "applied"]

    def outcomes(results):
        return [(result["id"], result["outcome"], result["check_in"]) for result in results]

    assert outcomes(again) == outcomes(first)
    live = CheckIn.objects.get(booking=family)
    assert (live.adults, live.children) == (1, 1)


def test_the_tablet_clock_is_corrected_by_when_it_says_it_sent(
    client, door_session, volunteer, family
):
    client.force_login(volunteer)
    wrong_clock = int(time.time() * 1000) + 3_600_000  # an hour fast
    body = {
        "sent_at": wrong_clock,
        "taps": [
            {
                "id": str(uuid.uuid4()),
                "kind": "check_in",
                "booking": family.pk,
                "at": wrong_clock - 120_000,
            }
        ],
    }

    client.post(url("sync", door_session), json.dumps(body), content_type="application/json")

    arrived = CheckIn.objects.get(booking=family).arrived_at
    assert abs((timezone.now() - arrived).total_seconds() - 120) < 30


def test_changes_bring_only_what_changed_since_the_cursor(
    client, door_session, volunteer, family, clock
):
    book(door_session, first_name="Bashir")
    client.force_login(volunteer)
    page = client.get(url("session", door_session)).content.decode()
    after = page.split('data-after="')[1].split('"')[0]
    since = page.split('data-since="')[1].split('"')[0]
    clock.shift(timedelta(milliseconds=10))
    walk_in = services.register_apply(
        session_id=door_session.pk,
        tap=services.RegisterTap(client_id=uuid.uuid4(), kind="walk_in", adults=1, children=0),
        actor=volunteer,
    )

    changes = client.get(
        url("changes", door_session),
        {"after": after, "since": since},
        headers={"Accept": "application/json"},
    ).json()

    ids = [row["id"] for row in changes["rows"]]
    assert f"w-{walk_in.check_in.pk}" in ids
    assert 'data-total="walk_ins">1<' in changes["totals"]


# Closing ------------------------------------------------------------------------------------------


def test_closing_the_register_records_the_numbers_and_stops_taps(
    client, door_session, volunteer, family
):
    client.force_login(volunteer)
    client.post(
        url("tap", door_session), {"page_key": str(uuid.uuid4()), "check_in": str(family.pk)}
    )

    confirm = client.get(url("close", door_session)).content.decode()
    client.post(url("close", door_session))

    assert "Booked people who came" in confirm
    attendance = Attendance.objects.get(session=door_session)
    assert (attendance.booked_people, attendance.attended_people, attendance.closed_by) == (
        3,
        3,
        volunteer,
    )
    page = client.get(url("session", door_session)).content.decode()
    assert "The register is closed" in page
    assert "register.js" not in page


def test_staff_correct_closed_numbers_in_the_admin_with_an_audit_event(client, door_session):
    staff = user_with_role(Role.PROGRAMME_STAFF)
    attendance = services.register_close(session_id=door_session.pk, actor=None)
    client.force_login(staff)

    response = client.post(
        reverse("admin:attendance_attendance_change", args=[attendance.pk]),
        {
            "booked_people": 0,
            "attended_people": 0,
            "no_show_bookings": 0,
            "walk_in_people": 6,
            "children": 2,
        },
    )

    assert response.status_code == 302
    attendance.refresh_from_db()
    assert (attendance.walk_in_people, attendance.children) == (6, 2)
    event = AuditEvent.objects.get(action="attendance.correct")
    assert event.actor == staff and event.detail == {
        "changes": {"walk_in_people": {"old": 0, "new": 6}, "children": {"old": 0, "new": 2}}
    }


# Queries ------------------------------------------------------------------------------------------


def _fill(session, count):
    for index in range(count):
        booking = book(session, first_name=f"Person {index:03}", adults=1, children=index % 3)
        if index % 2:
            services.register_apply(
                session_id=session.pk,
                tap=services.RegisterTap(
                    client_id=uuid.uuid4(), kind="check_in", booking_id=booking.pk
                ),
                actor=None,
            )
    for _ in range(count // 10):
        services.register_apply(
            session_id=session.pk,
            tap=services.RegisterTap(client_id=uuid.uuid4(), kind="walk_in", adults=1, children=0),
            actor=None,
        )


def test_the_register_of_200_bookings_takes_as_many_queries_as_of_5(
    client, door_session, volunteer, django_assert_max_num_queries
):
    DropInSession.objects.filter(pk=door_session.pk).update(capacity=1000)
    _fill(door_session, 5)
    client.force_login(volunteer)
    client.get(url("session", door_session))  # the session and permissions warm up
    with django_assert_max_num_queries(15) as few:
        client.get(url("session", door_session))
    _fill(door_session, 195)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url("session", door_session))

    html = response.content.decode()
    assert (html.count('<li id="b-'), html.count('<li id="w-')) == (200, 19)


def test_todays_drop_ins_take_a_bounded_number_of_queries(
    client, door_session, volunteer, django_assert_max_num_queries
):
    client.force_login(volunteer)
    client.get(reverse("register:today"))
    with django_assert_max_num_queries(8) as few:
        client.get(reverse("register:today"))
    for index in range(5):
        venue_session = make_series(venue=door_session.series.venue, title_en=f"More {index}")
        more = venue_session.sessions.order_by("starts_at").first()
        DropInSession.objects.filter(pk=more.pk).update(date=door_session.date)
        _fill(more, 3)

    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(reverse("register:today")).content.decode()

    assert html.count('class="register-session"') == 6


def test_changes_take_a_bounded_number_of_queries(
    client, door_session, volunteer, django_assert_max_num_queries
):
    DropInSession.objects.filter(pk=door_session.pk).update(capacity=1000)
    _fill(door_session, 60)
    client.force_login(volunteer)
    client.get(url("session", door_session))

    with django_assert_max_num_queries(13):
        response = client.get(
            url("changes", door_session, after=0), headers={"Accept": "application/json"}
        )

    assert len(response.json()["rows"]) == 60 + 6


def test_each_tap_in_a_batch_costs_a_few_queries(
    client, door_session, volunteer, django_assert_max_num_queries
):
    """A tablet back from a Wi-Fi drop sends its whole queue: each tap is checked under the
    session's lock with the rows already loaded, not looked up again field by field."""
    DropInSession.objects.filter(pk=door_session.pk).update(capacity=1000)
    bookings = [book(door_session, first_name=f"Person {index}") for index in range(10)]
    client.force_login(volunteer)
    taps = [{"id": str(uuid.uuid4()), "kind": "check_in", "booking": b.pk} for b in bookings]
    again = [{**tap, "id": str(uuid.uuid4())} for tap in taps]

    with django_assert_max_num_queries(6 + 10 * 9):
        fresh = sync(client, door_session, *taps).json()["results"]
    with django_assert_max_num_queries(6 + 10 * 8):
        already = sync(client, door_session, *again).json()["results"]

    assert {result["outcome"] for result in fresh} == {"applied"}
    assert {result["outcome"] for result in already} == {"already"}
