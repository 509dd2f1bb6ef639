"""The booking form as people fill it in, and the address of a session's page."""

from django.urls import reverse
from django.utils import translation


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
