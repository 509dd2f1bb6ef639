"""The public drop-in pages from the cache (sanctuary.pagecache): the same HTML as rendered
afresh, never a state the booking would contradict, never one visitor's token in another's
page, and a fixed number of queries however many bookings a session has."""

import re

import pytest
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dropins import services
from dropins.models import DropInSession
from sanctuary import pagecache
from tests.dropins.conftest import book
from tests.dropins.helpers import booking_data, session_url
from tests.factories import user_with_role

pytestmark = pytest.mark.postgres

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
KEY = re.compile(r'name="submission_key" value="[^"]+"')


def _connection():
    from django.db import connection

    return connection


def _visitor_parts_out(html: str) -> str:
    return KEY.sub("KEY", TOKEN.sub("TOKEN", html))


def _pages(session):
    return ["/en/", "/ar/", "/en/drop-in/", "/fa/drop-in/", session_url(session), "/ps/venues/"]


def test_a_page_from_the_cache_is_the_page_rendered_afresh(client, session, settings):
    book(session, first_name="Olena", adults=2)
    settings.PAGE_CACHE_SECONDS = 0
    afresh = {url: client.get(url).content.decode() for url in _pages(session)}
    settings.PAGE_CACHE_SECONDS = 600
    for url in _pages(session):
        client.get(url)  # rendered and kept

    with CaptureQueriesContext(_connection()):
        cached = {url: client.get(url).content.decode() for url in _pages(session)}

    for url in _pages(session):
        assert TOKEN.search(cached[url]) or "/drop-in/sessions/" not in url
        assert _visitor_parts_out(cached[url]) == _visitor_parts_out(afresh[url]), url


def test_the_second_visitor_gets_the_page_from_the_cache(client, session):
    client.get(session_url(session))
    with CaptureQueriesContext(_connection()) as first:
        client.get(session_url(session))
    stranger = client.__class__()
    with CaptureQueriesContext(_connection()) as second:
        html = stranger.get(session_url(session)).content.decode()

    # One query: the session with its places, read fresh; the page itself comes from the cache.
    assert len(second) == len(first) == 1
    assert "Book your places" in html


def test_the_session_page_takes_as_many_queries_with_500_bookings_as_with_one(
    client, session, django_assert_max_num_queries
):
    DropInSession.objects.filter(pk=session.pk).update(capacity=2000)
    book(session)
    with CaptureQueriesContext(_connection()) as small:
        assert client.get(session_url(session)).status_code == 200
    for index in range(499):
        book(session, first_name=f"Person {index}")

    with django_assert_max_num_queries(len(small)):
        html = client.get(session_url(session)).content.decode()

    assert "1500 places left" in html


def test_a_booking_changes_the_places_shown_at_once(client, session):
    DropInSession.objects.filter(pk=session.pk).update(capacity=8)
    assert "8 places left" in client.get(session_url(session)).content.decode()
    assert "8 places left" in client.get("/en/drop-in/").content.decode()

    book(session, adults=2, children=1)

    assert "Few places left: 5" in client.get(session_url(session)).content.decode()
    assert "Few places left: 5" in client.get("/en/drop-in/").content.decode()


def test_a_full_session_is_never_shown_open_from_the_cache(client, session):
    DropInSession.objects.filter(pk=session.pk).update(capacity=2)
    assert "Book your places" in client.get(session_url(session)).content.decode()

    book(session, adults=2)

    html = client.get(session_url(session)).content.decode()
    assert "Join the waiting list" in html
    assert "Book your places" not in html


def test_a_session_that_has_started_is_shown_closed_though_its_open_page_was_cached(
    client, session, time_machine
):
    assert "Book your places" in client.get(session_url(session)).content.decode()

    time_machine.move_to(session.starts_at + timezone.timedelta(minutes=1))

    html = client.get(session_url(session)).content.decode()
    assert "Booking for this drop-in has closed." in html
    assert 'name="submission_key"' not in html


def test_a_series_edit_is_shown_once_it_commits(
    client, session, django_capture_on_commit_callbacks
):
    client.get(session_url(session))
    client.get("/en/drop-in/")
    series = session.series
    series.title_en = "Tuesday welcome"
    with django_capture_on_commit_callbacks(execute=True):
        services.series_save(series=series, actor=None)

    assert "Tuesday welcome" in client.get(session_url(session)).content.decode()
    assert "Tuesday welcome" in client.get("/en/drop-in/").content.decode()


def test_a_cancelled_session_is_shown_cancelled_at_once(client, session, programme_staff):
    client.get(session_url(session))

    services.session_cancel(
        session_id=session.pk, reason=DropInSession.CancelReason.OTHER, note="", actor=None
    )

    html = client.get(session_url(session)).content.decode()
    assert "Sorry, this drop-in is cancelled." in html


def test_two_visitors_never_share_a_csrf_token_or_a_one_time_key(client, session):
    first = client.get(session_url(session)).content.decode()
    stranger = client.__class__()
    second = stranger.get(session_url(session)).content.decode()

    assert TOKEN.search(first).group() != TOKEN.search(second).group()
    assert KEY.search(first).group() != KEY.search(second).group()
    assert pagecache.CSRF_SLOT not in second and pagecache.SUBMISSION_KEY_SLOT not in second
    assert client.cookies["csrftoken"].value != stranger.cookies["csrftoken"].value


def test_each_visitor_books_with_the_form_the_cache_gave_them(client, session):
    visitors = [client, client.__class__(enforce_csrf_checks=True)]
    client.handler.enforce_csrf_checks = True
    for index, visitor in enumerate(visitors):
        html = visitor.get(session_url(session)).content.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        key = re.search(r'name="submission_key" value="([^"]+)"', html).group(1)
        response = visitor.post(
            session_url(session),
            booking_data(first_name=f"Visitor {index}", csrfmiddlewaretoken=token)
            | {"submission_key": key},
        )
        assert response.status_code == 302, response.content.decode()[:500]

    assert session.bookings.count() == 2


def test_a_signed_in_team_member_gets_their_own_page(client, session):
    client.get(session_url(session))
    member = user_with_role("Volunteers")
    client.force_login(member)

    html = client.get(session_url(session)).content.decode()

    assert "Sign out" in html


def test_a_changed_setting_leaves_cached_pages_behind(client, session, settings):
    assert "delete them 30 days after" in client.get(session_url(session)).content.decode()
    settings.DROPIN_KEEP_DAYS = 14

    assert "delete them 14 days after" in client.get(session_url(session)).content.decode()


def test_a_new_catalog_leaves_cached_pages_behind(settings, tmp_path):
    catalog = tmp_path / "uk" / "LC_MESSAGES" / "django.mo"
    catalog.parent.mkdir(parents=True)
    catalog.write_bytes(b"one")
    settings.LOCALE_PATHS = [tmp_path]
    before = pagecache.site_version()

    catalog.write_bytes(b"another")
    pagecache.site_version.cache_clear()

    assert pagecache.site_version() != before


def test_a_page_without_a_visitors_parts_is_compressed_once_and_sets_no_cookie(client, session):
    import gzip

    plain = client.get("/en/drop-in/").content.decode()
    for _ in range(2):  # kept, then from the cache
        response = client.get("/en/drop-in/", headers={"Accept-Encoding": "gzip"})
        assert response["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response["Vary"]
        assert gzip.decompress(response.content).decode() == plain
        assert not response.cookies  # no CSRF token on it: the same bytes for everyone
    # The same bytes for everyone: nothing on it to tell visitors apart, or to leak.
    again = client.__class__().get("/en/drop-in/", headers={"Accept-Encoding": "gzip"})
    assert again.content == response.content


def test_a_page_with_a_form_is_compressed_afresh_for_each_visitor(client, session):
    url = session_url(session)
    client.get(url)
    first = client.get(url, headers={"Accept-Encoding": "gzip"})
    second = client.__class__().get(url, headers={"Accept-Encoding": "gzip"})
    assert first["Content-Encoding"] == second["Content-Encoding"] == "gzip"
    assert first.content != second.content  # each visitor's own token and key


def test_pages_kept_another_way_by_an_earlier_release_are_never_read(rf, monkeypatch):
    request = rf.get("/en/drop-in/")
    now = pagecache.page_key(request, ())
    monkeypatch.setattr(pagecache, "KEPT_AS", "generation, text")
    assert pagecache.page_key(request, ()) != now
