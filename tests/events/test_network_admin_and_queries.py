"""Staff publish a network event with its dates in the admin (audited), cancel a date there;
the public pages take as many queries with many events, dates and bookings as with one."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from events.models import MailingListMember, NetworkBooking, NetworkEvent
from sanctuary.models import AuditEvent
from tests.events.network_helpers import book, date_url, make_event

pytestmark = pytest.mark.django_db


def test_staff_publish_an_event_with_two_dates_in_the_admin(client, programme_staff, venues):
    client.force_login(programme_staff)
    starts = timezone.localtime() + timedelta(days=10)
    dates = {
        "dates-TOTAL_FORMS": "2",
        "dates-INITIAL_FORMS": "0",
        "dates-MIN_NUM_FORMS": "0",
        "dates-MAX_NUM_FORMS": "1000",
    }
    for index in range(2):
        day = starts + timedelta(days=7 * index)
        dates |= {
            f"dates-{index}-starts_at_0": day.strftime("%Y-%m-%d"),
            f"dates-{index}-starts_at_1": "18:00",
            f"dates-{index}-ends_at_0": day.strftime("%Y-%m-%d"),
            f"dates-{index}-ends_at_1": "20:30",
        }

    response = client.post(
        reverse("admin:events_networkevent_add"),
        {
            "title_en": "Speak Up for Sanctuary",
            "title_uk": "Говори за прихисток",
            "slug": "speak-up",
            "kind": "training",
            "organiser": "Norwich City of Sanctuary",
            "venue": str(venues[-1].pk),
            "capacity": "20",
            "is_published": "on",
            **dates,
        },
    )

    assert response.status_code == 302, re.findall(
        r"errorlist[^>]*>(.*?)</ul", response.content.decode(), re.S
    )
    event = NetworkEvent.objects.get(slug="speak-up")
    assert event.dates.count() == 2
    audited = AuditEvent.objects.filter(action="network_event.create", object_id=str(event.pk))
    assert audited.get().actor == programme_staff
    date_ids = [str(pk) for pk in event.dates.values_list("pk", flat=True)]
    dates_audited = AuditEvent.objects.filter(action="network_date.create", object_id__in=date_ids)
    assert dates_audited.count() == 2


def test_an_event_needs_a_place(client, programme_staff):
    client.force_login(programme_staff)

    response = client.post(
        reverse("admin:events_networkevent_add"),
        {
            "title_en": "Nowhere",
            "slug": "nowhere",
            "kind": "meeting",
            "organiser": "NCAN",
            "capacity": "20",
            "map_url": "javascript:alert(1)",
            "dates-TOTAL_FORMS": "0",
            "dates-INITIAL_FORMS": "0",
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Choose one of the venues, or give the name of another place." in html
    assert "Enter a valid URL." in html
    assert not NetworkEvent.objects.exists()


def test_staff_cancel_a_date_from_the_admin(client, programme_staff):
    date = make_event().dates.get()
    book(date)
    client.force_login(programme_staff)

    client.post(
        reverse("admin:events_networkeventdate_changelist"),
        {"action": "cancel_dates", "_selected_action": [date.pk], "index": "0"},
    )

    date.refresh_from_db()
    assert date.is_cancelled
    assert NetworkBooking.objects.get().status == "cancelled"


def _many(count: int, slug: str) -> NetworkEvent:
    """An event with three dates and `count` bookings at each."""
    event = make_event(dates=3, slug=slug, capacity=500)
    for date in event.dates.all():
        for index in range(count):
            book(date, email=f"p{index}@example.org")
    return event


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_list_and_event_pages_take_the_same_queries_for_1_or_many(client):
    one = _many(1, "one")
    one_list = queries(client, "/en/events/")
    one_detail = queries(client, one.get_absolute_url())
    one_date = queries(client, date_url(one.dates.first()))

    for index in range(4):
        _many(5, f"more-{index}")
    many = _many(8, "many")

    assert queries(client, "/en/events/") == one_list
    assert queries(client, many.get_absolute_url()) == one_detail
    assert queries(client, date_url(many.dates.first())) == one_date


def test_the_pages_stay_within_a_few_queries(client, django_assert_max_num_queries):
    event = _many(3, "three")

    with django_assert_max_num_queries(6):
        client.get("/en/events/")
    with django_assert_max_num_queries(6):
        client.get(event.get_absolute_url())


def test_the_public_pages_weigh_under_30_kb_compressed(db):
    import io

    from django.core.management import call_command

    event = _many(2, "light")
    out = io.StringIO()
    call_command(
        "measure_pages",
        "/en/events/",
        "/ar/events/light/",
        date_url(event.dates.first(), "fa"),
        "/ps/events/mailing-list/",
        stdout=out,
    )

    rows = out.getvalue().splitlines()[1:]
    assert len(rows) == 4
    for row in rows:
        queries, _html, _css, gzipped, brotlied = (int(value) for value in row.split()[1:])
        assert gzipped < 30_000 and brotlied < 30_000
        assert queries <= 6


@pytest.mark.parametrize(
    "name", ["networkevent", "networkeventdate", "networkbooking", "mailinglistmember"]
)
def test_every_list_and_page_of_the_admin_opens_for_staff(client, programme_staff, name):
    from events import services

    date = make_event().dates.get()
    booking = book(date)
    services.mailing_join(email="ada@example.org", language="en")
    objects = {
        "networkevent": date.event,
        "networkeventdate": date,
        "networkbooking": booking,
        "mailinglistmember": MailingListMember.objects.get(),
    }
    client.force_login(programme_staff)

    listed = client.get(reverse(f"admin:events_{name}_changelist"))
    page = client.get(reverse(f"admin:events_{name}_change", args=[objects[name].pk]))

    assert (listed.status_code, page.status_code) == (200, 200)
