"""The bursary pages' and admin's addresses, what their forms send, and ageing an
application."""

from datetime import timedelta

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import timezone, translation

from bursaries import services
from bursaries.models import Application, Fund

CHANGELIST = reverse("admin:bursaries_application_changelist")


def change_url(application):
    return reverse("admin:bursaries_application_change", args=[application.pk])


def open_url(application):
    return reverse("admin:bursaries_application_open", args=[application.pk])


def review_url(application):
    return reverse("admin:bursaries_application_review", args=[application.pk])


def move_url(application, status):
    return reverse("admin:bursaries_application_move", args=[application.pk, status])


def bulk(client, action, applications, **extra):
    return client.post(
        CHANGELIST,
        {"action": action, ACTION_CHECKBOX_NAME: [a.pk for a in applications], **extra},
    )


def apply_url(fund: Fund, language: str = "en") -> str:
    with translation.override(language):
        return reverse("bursaries:apply", kwargs={"slug": fund.slug})


def form_data(opportunity, **overrides) -> dict:
    return {
        "name": "Maryam",
        "contact_method": "email",
        "email": "maryam@example.org",
        "phone": "",
        "language": "fa",
        "opportunity": str(opportunity.pk),
        "own_words": "",
        "support": ["course_fee", "travel"],
        "amount_requested": "120",
        "statement": "I would love to be on a stage again.",
        "referrer_organisation": "",
        "referrer_name": "",
        "referrer_email": "",
        "privacy_consent": "on",
        "website": "",
        **overrides,
    }


def decided_months_ago(application: Application, months: int) -> None:
    Application.objects.filter(pk=application.pk).update(
        decided_at=services.months_before(timezone.now(), months) - timedelta(hours=1)
    )
