"""Reviewing in the admin: scoring on the rubric once, seeing others' reviews only after
one's own, and only those who decide seeing how to reach the applicant."""

import pytest

from bursaries.models import Application, Review
from tests.bursaries.helpers import CHANGELIST, change_url, open_url, review_url
from tests.factories import user_with_role


def test_a_reviewer_scores_on_the_rubric_in_the_admin(client, submit, reviewer):
    application = submit()
    client.force_login(reviewer)
    client.post(open_url(application), {"open": "1"})
    form = client.get(review_url(application)).content.decode()
    assert "Could not take part at all without help" in form
    response = client.post(
        review_url(application),
        {"need": "5", "benefit": "4", "fit": "3", "recommendation": "yes", "comment": "Clear."},
    )
    assert response.url == change_url(application)
    review = Review.objects.get()
    assert (review.need, review.benefit, review.fit, review.recommendation) == (5, 4, 3, "yes")
    application.refresh_from_db()
    assert application.status == Application.Status.IN_REVIEW


def test_a_submitted_review_cannot_be_changed_in_the_admin(client, submit, reviewer):
    application = submit()
    client.force_login(reviewer)
    client.post(open_url(application), {"open": "1"})
    client.post(
        review_url(application),
        {"need": "2", "benefit": "2", "fit": "2", "recommendation": "no", "comment": "Unsure."},
    )
    change = client.get(change_url(application))
    assert change.status_code == 200
    assert review_url(application) not in change.content.decode()

    page = client.get(review_url(application))
    assert page.status_code == 302
    assert page.url == change_url(application)
    response = client.post(
        review_url(application),
        {"need": "5", "benefit": "5", "fit": "5", "recommendation": "yes", "comment": "Sure!"},
    )
    assert response.status_code == 302
    review = Review.objects.get()
    assert (review.need, review.recommendation, review.comment) == (2, "no", "Unsure.")


def test_an_incomplete_review_is_shown_again_with_what_was_chosen(client, submit, reviewer):
    application = submit()
    client.force_login(reviewer)
    client.post(open_url(application), {"open": "1"})
    response = client.post(review_url(application), {"need": "5", "comment": "Half done"})
    assert response.status_code == 200
    assert "Half done" in response.content.decode()
    assert Review.objects.get().submitted_at is None


def test_reviewers_see_other_reviews_only_after_submitting_their_own(client, in_review, reviewer):
    application = in_review()
    Review.objects.filter(reviewer=reviewer).update(comment="First reviewer's view")
    second = user_with_role("Bursary reviewers")
    client.force_login(second)
    client.post(open_url(application), {"open": "1"})
    assert "First reviewer&#x27;s view" not in client.get(change_url(application)).content.decode()

    client.post(
        review_url(application),
        {"need": "3", "benefit": "3", "fit": "3", "recommendation": "maybe"},
    )
    assert "First reviewer&#x27;s view" in client.get(change_url(application)).content.decode()


@pytest.mark.parametrize(
    "contact",
    [
        {"email": "maryam@example.org"},
        {"contact_method": "phone", "email": "", "phone": "+447911123456"},
        {
            "contact_method": "referrer",
            "email": "",
            "referrer_name": "Jo",
            "referrer_email": "jo@newroutes.example.org",
            "referrer_consent": True,
        },
    ],
    ids=["email", "phone", "referrer"],
)
def test_only_those_who_decide_see_how_to_reach_the_applicant(
    client, submit, reviewer, programme_staff, contact
):
    application = submit(**contact)
    private = next(
        value for key, value in contact.items() if "@" in str(value) or "+44" in str(value)
    )
    client.force_login(reviewer)
    client.post(open_url(application), {"open": "1"})
    page = client.get(change_url(application))
    assert page.status_code == 200
    assert "I would love to be on a stage again." in page.content.decode()
    assert private not in page.content.decode()
    assert list(client.get(CHANGELIST, {"q": private}).context["cl"].result_list) == []

    client.force_login(programme_staff)
    assert private in client.get(change_url(application)).content.decode()
    found = client.get(CHANGELIST, {"q": private}).context["cl"].result_list
    assert list(found) == [application]
