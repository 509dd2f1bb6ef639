"""Opening an application in the admin: the conflict question comes before the details, and
a reviewer who declares a conflict never sees the application again."""

from django.urls import reverse
from django.utils import timezone

from bursaries import services
from bursaries.models import Application, Review
from sanctuary.models import AuditEvent
from tests.bursaries.helpers import CHANGELIST, change_url, open_url, review_url
from tests.factories import user_with_role


def test_a_reviewer_first_meets_the_conflict_question_then_the_details(client, submit, reviewer):
    application = submit(statement="My private story.")
    client.force_login(reviewer)

    response = client.get(change_url(application))
    assert response.status_code == 302
    assert response.url == open_url(application)
    html = client.get(open_url(application)).content.decode()
    assert "conflict of interest" in html
    assert "Maryam" in html
    assert "My private story." not in html
    views = AuditEvent.objects.filter(action="application.view")
    assert [event.detail for event in views] == [{"page": "open"}]

    response = client.post(open_url(application), {"open": "1"})
    assert response.url == change_url(application)
    html = client.get(change_url(application)).content.decode()
    assert "My private story." in html
    assert AuditEvent.objects.filter(actor=reviewer, action="application.open").exists()
    assert views.filter(actor=reviewer, detail__page="details").count() == 1


def test_seeing_the_name_before_opening_is_audited_and_a_conflict_then_is_still_before_reading(
    client, submit, reviewer, programme_staff
):
    application = submit()
    client.force_login(reviewer)
    client.get(open_url(application))
    client.post(open_url(application), {"conflict": "1"})

    event = AuditEvent.objects.get(action="application.view")
    assert (event.actor, event.object_id, event.detail) == (
        reviewer,
        str(application.pk),
        {"page": "open"},
    )
    review = Review.objects.get()
    assert review.conflict_of_interest and not review.conflict_after_viewing
    assert AuditEvent.objects.get(action="application.conflict").detail == {"after_viewing": False}
    client.force_login(programme_staff)
    html = client.get(change_url(application)).content.decode()
    assert "Saw the name and who referred them, before opening it" in html
    assert "Declared a conflict of interest before reading it" in html


def test_a_reviewer_new_to_a_decided_application_is_told_so_without_personal_details(
    client, in_review, programme_staff, partner
):
    application = in_review(
        name="Zahra Karimi",
        referrer_organisation=partner,
        referrer_name="Jo Caseworker",
        referrer_consent=True,
    )
    services.application_decide(
        application_id=application.pk,
        outcome=Application.Status.DECLINED,
        actor=programme_staff,
        message="Sorry.",
    )
    latecomer = user_with_role("Bursary reviewers")
    client.force_login(latecomer)

    assert client.get(change_url(application)).url == open_url(application)
    for response in [
        client.get(open_url(application)),
        client.post(open_url(application), {"open": "1"}),
    ]:
        assert response.status_code == 200
        html = response.content.decode()
        assert "This application has already been decided" in html
        assert application.reference in html
        for private in ["Zahra", "Karimi", "Jo Caseworker", "I have no conflict of interest"]:
            assert private not in html, private
    assert not Review.objects.filter(reviewer=latecomer).exists()
    assert not AuditEvent.objects.filter(actor=latecomer).exists()


def test_a_reviewer_new_to_an_anonymised_application_is_told_so(client, submit, reviewer):
    application = submit()
    Application.objects.filter(pk=application.pk).update(name="", anonymised_at=timezone.now())
    client.force_login(reviewer)
    response = client.get(open_url(application))
    assert "This application has been anonymised." in response.content.decode()
    assert "I have no conflict of interest" not in response.content.decode()
    assert not AuditEvent.objects.filter(actor=reviewer).exists()


def test_staff_who_decide_go_straight_to_a_decided_application(client, in_review, programme_staff):
    application = in_review()
    services.application_decide(
        application_id=application.pk,
        outcome=Application.Status.DECLINED,
        actor=programme_staff,
        message="Sorry.",
    )
    client.force_login(programme_staff)
    assert client.get(open_url(application)).url == change_url(application)


def test_a_reviewer_who_declares_a_conflict_never_sees_the_application_again(
    client, submit, reviewer
):
    application = submit(statement="My private story.")
    client.force_login(reviewer)
    response = client.post(open_url(application), {"conflict": "1"})
    assert response.url == CHANGELIST

    assert list(client.get(CHANGELIST).context["cl"].result_list) == []
    # The admin's "it does not exist" answers: back to the admin's home, or not found.
    assert client.get(change_url(application)).url == reverse("admin:index")
    for url in [open_url(application), review_url(application), conflict_url(application)]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "My private story." not in response.content.decode()
    review_list = client.get(reverse("admin:bursaries_review_changelist")).content.decode()
    assert application.reference not in review_list
    assert Review.objects.get().conflict_of_interest


def conflict_url(application):
    return reverse("admin:bursaries_application_conflict", args=[application.pk])


def test_a_reviewer_can_still_declare_a_conflict_after_reading_and_it_says_so(
    client, submit, reviewer
):
    application = submit()
    client.force_login(reviewer)
    client.post(open_url(application), {"open": "1"})
    change = client.get(change_url(application)).content.decode()
    assert conflict_url(application) in change

    page = client.get(conflict_url(application))
    assert page.status_code == 200
    assert "after reading it" in page.content.decode()
    response = client.post(conflict_url(application), {"conflict": "1"})
    assert response.url == CHANGELIST

    assert list(client.get(CHANGELIST).context["cl"].result_list) == []
    assert client.get(change_url(application)).status_code == 302
    review = Review.objects.get()
    assert review.conflict_of_interest and review.conflict_after_viewing
    event = AuditEvent.objects.get(action="application.conflict")
    assert event.detail == {"after_viewing": True}
