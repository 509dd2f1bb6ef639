"""Cookies and addresses nobody's browser would send get an answer, never a server error."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/en/", "/en/drop-in/", "/en/team/", "/en/admin/"])
def test_a_session_cookie_with_a_nul_is_no_session_not_a_server_error(path):
    browser = Client(HTTP_COOKIE="sessionid=abcdefghij\x00klmnop")

    response = browser.get(path)

    assert response.status_code in (200, 302)


def test_a_real_session_still_signs_people_in(client, programme_staff):
    client.force_login(programme_staff)

    assert client.get("/en/team/").status_code == 200
