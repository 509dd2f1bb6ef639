"""Who reaches the bursaries in the admin: volunteers nothing, reviewers applications and
funds without setting anything up."""

from decimal import Decimal

from django.urls import reverse

from tests.bursaries.helpers import CHANGELIST, bulk, change_url, move_url, open_url, review_url


def test_a_volunteer_cannot_reach_applications_anywhere(client, in_review, volunteer):
    application = in_review()
    client.force_login(volunteer)
    urls = [
        CHANGELIST,
        change_url(application),
        open_url(application),
        review_url(application),
        move_url(application, "approved"),
        reverse("admin:bursaries_application_conflict", args=[application.pk]),
        reverse("admin:bursaries_application_export"),
        reverse("admin:bursaries_review_changelist"),
        reverse("admin:bursaries_fund_changelist"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code in {302, 403}, url
        assert application.reference not in response.content.decode()
    response = bulk(client, "export_csv", [application])
    assert response.status_code in {302, 403}
    assert "text/csv" not in response.get("Content-Type", "")
    team = client.get(reverse("team_home")).content.decode()
    assert "/admin/" not in team
    for page in ["/en/bursaries/", "/en/"]:
        assert application.reference not in client.get(page).content.decode()


def test_reviewers_reach_applications_and_funds_but_set_nothing_up(client, reviewer, fund):
    client.force_login(reviewer)
    for name in ["application", "fund", "opportunity", "review"]:
        url = reverse(f"admin:bursaries_{name}_changelist")
        assert client.get(url).status_code == 200, name
    assert client.get(reverse("admin:partners_partnerorganisation_changelist")).status_code == 200
    for name in ["fund", "opportunity", "decisiontemplate"]:
        assert client.get(reverse(f"admin:bursaries_{name}_add")).status_code == 403, name
    assert client.get(reverse("admin:partners_partnerorganisation_add")).status_code == 403
    assert client.get(reverse("admin:bursaries_decisiontemplate_changelist")).status_code == 403
    response = client.post(
        reverse("admin:bursaries_fund_change", args=[fund.pk]),
        {"budget": "999999", "slug": fund.slug},
    )
    fund.refresh_from_db()
    assert fund.budget == Decimal("1000.00")
    assert response.status_code == 403
