"""The portal's forms as a partner worker fills them in, and its addresses."""

from django.urls import reverse

from tests.bursaries.conftest import application_fields


def client_booking_data(**overrides):
    return {
        "first_name": "Amina",
        "adults": "2",
        "children": "1",
        "email": "",
        "phone": "",
        "language": "ar",
        "interpreter_language": "ar",
        "access_needs": "",
        "client_consent": "on",
        "website": "",
        **overrides,
    }


def referral_data(opportunity_of, /, **overrides):
    fields = application_fields()
    return {
        "name": fields["name"],
        "contact_method": "referrer",
        "email": "",
        "phone": "",
        "language": "fa",
        "opportunity": str(opportunity_of.pk),
        "own_words": "",
        "support": ["course_fee", "travel"],
        "amount_requested": "120",
        "statement": fields["statement"],
        "referrer_consent": "on",
        "privacy_consent": "on",
        "website": "",
        **overrides,
    }


def booking_create_url(session):
    return reverse("portal:booking_create", kwargs={"session_pk": session.pk})


def referral_create_url(fund):
    return reverse("portal:referral_create", kwargs={"slug": fund.slug})
