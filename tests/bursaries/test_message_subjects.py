"""Every message about an application is linked to it, and anonymising the application forgets
them all, whatever their template: a kind of message added tomorrow is forgotten too."""

import pytest

from bursaries import services as bursary_services
from sanctuary.selectors import messages_about
from tests.bursaries.conftest import application_fields
from tests.factories import a_new_kind_of_message


@pytest.fixture
def application(fund, opportunity):
    return bursary_services.application_submit(
        fund=fund, **application_fields(opportunity=opportunity)
    )


def test_a_new_kind_of_message_about_an_application_is_forgotten_with_it(
    application, programme_staff
):
    note = a_new_kind_of_message(application, recipient="maryam.elsewhere@example.org")
    untouched = a_new_kind_of_message(programme_staff, recipient="staff.note@example.org")
    bursary_services.application_anonymise(application_id=application.pk, actor=programme_staff)
    note.refresh_from_db()
    untouched.refresh_from_db()
    assert (note.recipient, note.context, note.status) == ("", {}, "not_needed")
    assert untouched.recipient == "staff.note@example.org"
    assert not messages_about(application).exclude(recipient="").exists()
