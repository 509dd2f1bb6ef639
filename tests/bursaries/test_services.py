"""Applying, reviewing and deciding, through the services every page and admin view uses."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum
from django.utils import timezone, translation

from bursaries import selectors, services
from bursaries.models import TRANSITIONS, ApplicantMessage, Application, Review
from sanctuary import sms
from sanctuary.models import AuditEvent, OutgoingMessage
from tests.bursaries.conftest import reviewed

Status = Application.Status


# Applying ---------------------------------------------------------------------------------------


def test_an_application_gets_a_short_reference_and_a_private_token(submit):
    application = submit()
    assert application.reference.startswith("B-") and len(application.reference) == 8
    assert len(application.status_token) >= 43
    assert application.status == Status.SUBMITTED
    assert AuditEvent.objects.filter(action="application.submit", actor=None).count() == 1


def test_the_confirmation_is_queued_in_the_applicants_language(
    submit, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = submit(language="fa")
    message = OutgoingMessage.objects.get()
    assert message.language == "fa"
    assert message.template == "bursary_received"
    assert message.recipient == "maryam@example.org"
    assert message.context == {"application_id": application.pk}  # ids only, no statement
    assert message.status == OutgoingMessage.Status.SENT
    email = mail.outbox[0]
    assert email.extra_headers["Content-Language"] == "fa"
    assert application.reference in email.subject
    with translation.override("fa"):
        signature = translation.gettext("Norwich Theatre, a Theatre of Sanctuary")
    assert signature != "Norwich Theatre, a Theatre of Sanctuary"  # in Persian, not English
    assert signature in email.body
    assert "/fa/bursaries/application/" + application.status_token in email.body
    assert "stage again" not in email.body


def test_someone_who_chose_text_messages_gets_an_sms_with_no_private_detail(
    submit, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = submit(
            contact_method=Application.Contact.PHONE, email="", phone="07911 123456"
        )
    assert application.phone == "+447911123456"
    [text] = sms.outbox
    assert text["to"] == "+447911123456"
    assert application.reference in text["body"]
    assert "Maryam" not in text["body"]
    assert "120" not in text["body"]


def test_someone_who_chose_their_referrer_has_the_confirmation_sent_to_the_referrer(
    submit, partner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit(
            contact_method=Application.Contact.REFERRER,
            email="",
            referrer_organisation=partner,
            referrer_name="Jo",
            referrer_email="jo@newroutes.example.org",
            referrer_consent=True,
        )
    assert mail.outbox[0].to == ["jo@newroutes.example.org"]
    assert mail.outbox[0].extra_headers["Content-Language"] == "fa"


def test_only_the_contact_details_for_the_chosen_way_are_kept(submit):
    application = submit(phone="+447911123456", referrer_email="jo@example.org")
    assert application.email == "maryam@example.org"
    assert application.phone == ""
    assert application.referrer_email == ""


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"email": ""}, "email"),
        ({"contact_method": "phone", "email": ""}, "phone"),
        ({"contact_method": "referrer", "referrer_consent": True}, "referrer_email"),
        ({"opportunity": None, "own_words": ""}, "own_words"),
        ({"support": []}, "support"),
        ({"support": ["passport"]}, "support"),
        ({"statement": "  "}, "statement"),
        ({"referrer_name": "Jo"}, "referrer_consent_at"),
    ],
)
def test_an_incomplete_application_is_refused_on_the_right_field(submit, overrides, field):
    with pytest.raises(ValidationError) as refused:
        submit(**overrides)
    assert field in refused.value.message_dict
    assert not Application.objects.exists()


def test_a_closed_fund_takes_no_applications(submit, closed_fund):
    with pytest.raises(ValidationError):
        submit(fund=closed_fund)


def test_the_model_asks_nothing_about_status_nationality_documents_or_birth():
    names = {field.name for field in Application._meta.get_fields()}
    for forbidden in ("immigration", "nationality", "passport", "document", "birth", "upload"):
        assert not any(forbidden in name for name in names), forbidden


# Reviewing --------------------------------------------------------------------------------------


def test_the_first_review_puts_the_application_in_review(submit, reviewer):
    application = reviewed(submit(), reviewer)
    assert application.status == Status.IN_REVIEW
    assert AuditEvent.objects.filter(actor=reviewer, action="review.submit").exists()
    assert AuditEvent.objects.filter(actor=reviewer, action="application.in_review").exists()


def test_a_reviewer_must_open_an_application_before_scoring_it(submit, reviewer):
    application = submit()
    with pytest.raises(ValidationError):
        services.review_submit(
            application_id=application.pk,
            reviewer=reviewer,
            need=3,
            benefit=3,
            fit=3,
            recommendation="maybe",
        )


@pytest.mark.parametrize("person", ["reviewer", "programme_staff"])
def test_a_submitted_review_is_final(request, submit, person):
    scorer = request.getfixturevalue(person)
    application = reviewed(submit(), scorer, need=2, comment="First thoughts.")
    audit_before = list(AuditEvent.objects.values_list("pk", flat=True))
    with pytest.raises(ValidationError) as refused:
        services.review_submit(
            application_id=application.pk,
            reviewer=scorer,
            need=5,
            benefit=5,
            fit=5,
            recommendation="no",
            comment="Second thoughts.",
        )
    assert refused.value.code == "already_submitted"
    review = Review.objects.get()
    assert (review.need, review.recommendation, review.comment) == (2, "yes", "First thoughts.")
    assert AuditEvent.objects.filter(action="review.submit").count() == 1
    # The refused second try changed nothing, so it recorded nothing either.
    assert list(AuditEvent.objects.values_list("pk", flat=True)) == audit_before


def test_reviewers_have_no_permission_to_change_reviews(reviewer):
    assert not reviewer.has_perm("bursaries.change_review")


def test_the_database_refuses_a_second_review_by_the_same_person(submit, reviewer):
    from django.db import IntegrityError, transaction

    application = reviewed(submit(), reviewer)
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.create(application=application, reviewer=reviewer)


def test_scores_outside_one_to_five_are_refused(submit, reviewer):
    application = submit()
    services.review_open(application_id=application.pk, reviewer=reviewer)
    with pytest.raises(ValidationError):
        services.review_submit(
            application_id=application.pk,
            reviewer=reviewer,
            need=6,
            benefit=3,
            fit=3,
            recommendation="yes",
        )


def test_a_volunteer_cannot_review(submit, volunteer):
    application = submit()
    with pytest.raises(PermissionDenied):
        services.review_open(application_id=application.pk, reviewer=volunteer)
    with pytest.raises(PermissionDenied):
        services.review_declare_conflict(application_id=application.pk, reviewer=volunteer)


def test_a_decided_application_takes_no_more_reviews(in_review, programme_staff, reviewer):
    from tests.factories import user_with_role

    application = in_review()
    services.application_decide(
        application_id=application.pk, outcome=Status.DECLINED, actor=programme_staff, message="x"
    )
    with pytest.raises(ValidationError):
        services.review_open(
            application_id=application.pk, reviewer=user_with_role("Bursary reviewers")
        )


# Conflicts of interest --------------------------------------------------------------------------


def test_a_declared_conflict_keeps_the_reviewer_away_from_the_application(submit, reviewer):
    application = submit()
    services.review_declare_conflict(application_id=application.pk, reviewer=reviewer)

    assert application not in selectors.application_list_for(user=reviewer)
    with pytest.raises(PermissionDenied):
        services.review_open(application_id=application.pk, reviewer=reviewer)
    with pytest.raises(PermissionDenied):
        services.application_transition(
            application_id=application.pk, to_status=Status.IN_REVIEW, actor=reviewer
        )
    assert AuditEvent.objects.filter(actor=reviewer, action="application.conflict").exists()


def test_others_still_see_an_application_one_reviewer_declared_a_conflict_on(
    submit, reviewer, programme_staff
):
    from tests.factories import user_with_role

    application = submit()
    services.review_declare_conflict(application_id=application.pk, reviewer=reviewer)
    assert application in selectors.application_list_for(user=programme_staff)
    assert application in selectors.application_list_for(user=user_with_role("Bursary reviewers"))


def test_a_conflict_declared_before_opening_says_so(submit, reviewer):
    application = submit()
    review = services.review_declare_conflict(application_id=application.pk, reviewer=reviewer)
    assert review.opened_at is None
    assert review.conflict_declared_at is not None
    assert not review.conflict_after_viewing
    event = AuditEvent.objects.get(action="application.conflict")
    assert event.detail == {"after_viewing": False}


def test_a_conflict_declared_after_opening_is_recorded_as_after_viewing(submit, reviewer):
    application = submit()
    opened = services.review_open(application_id=application.pk, reviewer=reviewer)

    review = services.review_declare_conflict(application_id=application.pk, reviewer=reviewer)

    assert review.pk == opened.pk
    assert review.conflict_of_interest
    assert review.opened_at == opened.opened_at
    assert review.conflict_declared_at >= review.opened_at
    assert review.conflict_after_viewing
    event = AuditEvent.objects.get(action="application.conflict", actor=reviewer)
    assert event.detail == {"after_viewing": True}
    assert application not in selectors.application_list_for(user=reviewer)


def test_a_conflict_declared_after_reviewing_takes_the_review_out_of_the_figures(
    in_review, reviewer, programme_staff
):
    application = in_review()
    services.review_declare_conflict(application_id=application.pk, reviewer=reviewer)
    row = selectors.application_list_for(user=programme_staff).get(pk=application.pk)
    assert row.review_count == 0
    assert row.score_total is None
    review = Review.objects.get()
    assert review.need == 4  # what they wrote stays on record, for staff to read
    assert review.conflict_after_viewing


def test_staff_who_read_the_details_then_declare_a_conflict_are_recorded_as_after_viewing(
    submit, programme_staff
):
    application = submit()
    services.application_view_record(application=application, actor=programme_staff, page="details")
    review = services.review_declare_conflict(
        application_id=application.pk, reviewer=programme_staff
    )
    assert review.conflict_after_viewing
    assert review.opened_at is not None
    event = AuditEvent.objects.get(action="application.conflict")
    assert event.detail == {"after_viewing": True}


def test_staff_who_only_drafted_a_decision_message_have_read_the_application(
    submit, programme_staff, decision_templates
):
    application = submit()
    services.decision_message_preview_record(
        application=application,
        actor=programme_staff,
        outcome="declined",
        template=decision_templates["declined"],
    )
    review = services.review_declare_conflict(
        application_id=application.pk, reviewer=programme_staff
    )
    assert review.conflict_after_viewing


def test_only_seeing_who_it_is_from_does_not_count_as_reading_it(submit, reviewer):
    from sanctuary.services import audit_record

    seen = submit()
    services.application_view_record(application=seen, actor=reviewer, page="open")
    assert selectors.application_first_viewed_at(application=seen, user=reviewer) is None

    # A view recorded without a page (before pages were recorded) still counts as reading.
    read = submit(email="other@example.org")
    audit_record(actor=reviewer, action="application.view", obj=read)
    assert selectors.application_first_viewed_at(application=read, user=reviewer) is not None


def test_staff_with_a_conflict_cannot_decide_either(in_review, programme_staff):
    application = in_review()
    services.review_declare_conflict(application_id=application.pk, reviewer=programme_staff)
    with pytest.raises(PermissionDenied):
        services.application_decide(
            application_id=application.pk,
            outcome=Status.APPROVED,
            actor=programme_staff,
            amount_awarded=Decimal("100"),
            message="Yes",
        )
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW


def test_reviewers_see_others_reviews_only_after_submitting_their_own(in_review, reviewer):
    from tests.factories import user_with_role

    application = in_review()
    second = user_with_role("Bursary reviewers")
    services.review_open(application_id=application.pk, reviewer=second)
    assert selectors.reviews_visible_to(application=application, user=second) == []

    reviewed(application, second)

    visible = selectors.reviews_visible_to(application=application, user=second)
    assert {review.reviewer for review in visible} == {reviewer, second}


# Deciding ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("outcome", [Status.APPROVED, Status.DECLINED, Status.MORE_INFORMATION])
def test_a_reviewer_cannot_decide(in_review, reviewer, outcome):
    application = in_review()
    with pytest.raises(PermissionDenied):
        services.application_transition(
            application_id=application.pk,
            to_status=outcome,
            actor=reviewer,
            amount_awarded=Decimal("50"),
            message="Yes",
        )
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW
    assert application.amount_awarded is None
    assert not OutgoingMessage.objects.filter(template="bursary_decision").exists()


def test_a_volunteer_cannot_move_an_application_at_all(submit, volunteer):
    application = submit()
    for status in Status.values:
        with pytest.raises(PermissionDenied):
            services.application_transition(
                application_id=application.pk, to_status=status, actor=volunteer, message="x"
            )


INVALID = [
    (before, after)
    for before in Status.values
    for after in Status.values
    if after not in TRANSITIONS[before]
]


@pytest.mark.parametrize(("before", "after"), INVALID)
def test_an_invalid_transition_is_refused(submit, programme_staff, before, after):
    application = submit()
    Application.objects.filter(pk=application.pk).update(
        status=before, amount_awarded=Decimal("50") if before == Status.APPROVED else None
    )
    with pytest.raises(ValidationError) as refused:
        services.application_transition(
            application_id=application.pk,
            to_status=after,
            actor=programme_staff,
            amount_awarded=Decimal("50"),
            message="A message",
        )
    assert refused.value.code == "invalid_transition"
    application.refresh_from_db()
    assert application.status == before


def test_the_transition_table_starts_at_submitted_and_ends_in_a_decision():
    assert TRANSITIONS[Status.SUBMITTED] >= {Status.IN_REVIEW, Status.WITHDRAWN}
    assert Status.APPROVED not in TRANSITIONS[Status.SUBMITTED]  # reviewed first
    assert TRANSITIONS[Status.DECLINED] == TRANSITIONS[Status.WITHDRAWN] == frozenset()


def test_approving_records_who_and_when_and_queues_the_decision_in_the_applicants_language(
    in_review, programme_staff, django_capture_on_commit_callbacks
):
    application = in_review()
    with django_capture_on_commit_callbacks(execute=True):
        services.application_decide(
            application_id=application.pk,
            outcome=Status.APPROVED,
            actor=programme_staff,
            amount_awarded=Decimal("120.00"),
            message="Maryam عزیز، خوشحالیم.",
        )
    application.refresh_from_db()
    assert application.status == Status.APPROVED
    assert application.amount_awarded == Decimal("120.00")
    assert application.decided_by == programme_staff
    assert application.decided_at is not None
    decision = OutgoingMessage.objects.get(template="bursary_decision")
    assert decision.language == "fa"
    assert decision.dedupe_key == f"bursary:application:{application.pk}:decision"
    email = mail.outbox[-1]
    assert "Maryam عزیز، خوشحالیم." in email.body
    event = AuditEvent.objects.get(action="application.approved")
    assert event.actor == programme_staff
    assert event.detail == {"from": "in_review", "to": "approved", "amount_awarded": "120.00"}


def test_a_decision_by_text_message_says_nothing_private(
    in_review, programme_staff, django_capture_on_commit_callbacks
):
    application = in_review(contact_method=Application.Contact.PHONE, phone="+447911123456")
    sms.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.application_decide(
            application_id=application.pk,
            outcome=Status.APPROVED,
            actor=programme_staff,
            amount_awarded=Decimal("120.00"),
            message="We will pay £120 for the youth theatre.",
        )
    [text] = sms.outbox
    assert application.reference in text["body"]
    assert "120" not in text["body"]
    assert "youth theatre" not in text["body"]


def test_the_decision_goes_to_the_referrer_if_the_applicant_chose_that(
    in_review, partner, programme_staff, django_capture_on_commit_callbacks
):
    application = in_review(
        contact_method=Application.Contact.REFERRER,
        email="",
        referrer_organisation=partner,
        referrer_email="jo@newroutes.example.org",
        referrer_consent=True,
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.application_decide(
            application_id=application.pk,
            outcome=Status.DECLINED,
            actor=programme_staff,
            message="We are sorry.",
        )
    assert mail.outbox[0].to == ["jo@newroutes.example.org"]
    assert "We are sorry." in mail.outbox[0].body


def test_approving_needs_an_amount_and_every_decision_needs_a_message(in_review, programme_staff):
    application = in_review()
    with pytest.raises(ValidationError) as no_amount:
        services.application_decide(
            application_id=application.pk,
            outcome=Status.APPROVED,
            actor=programme_staff,
            message="Yes",
        )
    assert "amount_awarded" in no_amount.value.message_dict
    with pytest.raises(ValidationError) as no_message:
        services.application_decide(
            application_id=application.pk,
            outcome=Status.DECLINED,
            actor=programme_staff,
            message=" ",
        )
    assert "message" in no_message.value.message_dict


def test_approving_more_than_is_left_in_the_fund_is_refused(in_review, programme_staff, fund):
    first, second = in_review(), in_review(email="olena@example.org")
    services.application_decide(
        application_id=first.pk,
        outcome=Status.APPROVED,
        actor=programme_staff,
        amount_awarded=Decimal("900.00"),
        message="Yes",
    )
    with pytest.raises(ValidationError) as refused:
        services.application_decide(
            application_id=second.pk,
            outcome=Status.APPROVED,
            actor=programme_staff,
            amount_awarded=Decimal("100.01"),
            message="Yes",
        )
    [error] = refused.value.error_dict["amount_awarded"]
    assert error.code == "over_budget"
    assert "£100.00 of £1,000.00" in error.messages[0]
    services.application_decide(
        application_id=second.pk,
        outcome=Status.APPROVED,
        actor=programme_staff,
        amount_awarded=Decimal("100.00"),
        message="Yes",
    )
    assert selectors.fund_with_totals(fund_id=fund.pk).remaining == Decimal("0.00")


def test_withdrawing_an_approved_application_gives_the_money_back_to_the_fund(
    in_review, programme_staff, fund
):
    application = in_review()
    services.application_decide(
        application_id=application.pk,
        outcome=Status.APPROVED,
        actor=programme_staff,
        amount_awarded=Decimal("400"),
        message="Yes",
    )
    assert selectors.fund_with_totals(fund_id=fund.pk).remaining == Decimal("600.00")
    services.application_transition(
        application_id=application.pk, to_status=Status.WITHDRAWN, actor=programme_staff
    )
    assert selectors.fund_with_totals(fund_id=fund.pk).remaining == Decimal("1000.00")
    application.refresh_from_db()
    assert application.amount_awarded is None  # nothing left to count, in any report
    assert fund.applications.aggregate(total=Sum("amount_awarded"))["total"] is None
    event = AuditEvent.objects.get(action="application.withdrawn")
    assert event.detail == {"from": "approved", "to": "withdrawn", "amount_released": "400.00"}


def test_the_database_keeps_awards_only_on_approved_applications(submit):
    from django.db import IntegrityError, transaction

    application = submit()
    for status in [s for s in Status.values if s != Status.APPROVED]:
        with pytest.raises(IntegrityError), transaction.atomic():
            Application.objects.filter(pk=application.pk).update(
                status=status, amount_awarded=Decimal("10")
            )


def test_asking_for_more_information_sends_a_message_each_time(
    submit, programme_staff, django_capture_on_commit_callbacks
):
    application = submit()
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            services.application_transition(
                application_id=application.pk,
                to_status=Status.MORE_INFORMATION,
                actor=programme_staff,
                message="How much is the bus?",
            )
            services.application_transition(
                application_id=application.pk,
                to_status=Status.IN_REVIEW,
                actor=programme_staff,
            )
    assert OutgoingMessage.objects.filter(template="bursary_more_information").count() == 2


def test_each_message_keeps_the_words_sent_with_it(
    in_review, programme_staff, django_capture_on_commit_callbacks
):
    from sanctuary.outbox import MessageNotNeeded, render_message

    def render(message):
        return render_message(
            template=message.template,
            channel=message.channel,
            language=message.language,
            context=message.context,
        )[1]

    application = in_review()
    with django_capture_on_commit_callbacks(execute=True):
        for question in ["How much is the bus?", "Which days can you come?"]:
            services.application_transition(
                application_id=application.pk,
                to_status=Status.MORE_INFORMATION,
                actor=programme_staff,
                message=question,
            )
            services.application_transition(
                application_id=application.pk, to_status=Status.IN_REVIEW, actor=programme_staff
            )
    first_question = (
        OutgoingMessage.objects.filter(template="bursary_more_information")
        .order_by("created_at", "pk")
        .first()
    )
    services.application_transition(
        application_id=application.pk,
        to_status=Status.MORE_INFORMATION,
        actor=programme_staff,
        message="One more thing: is it the Saturday group?",
    )

    # Sent again later (a retry), a message still says what it said the first time.
    body = render(first_question)
    assert "How much is the bus?" in body
    assert "Which days" not in body and "One more thing" not in body

    services.application_decide(
        application_id=application.pk,
        outcome=Status.APPROVED,
        actor=programme_staff,
        amount_awarded=Decimal("120"),
        message="Yes: £120 for the bus and the course.",
    )
    *_questions, decision = ApplicantMessage.objects.filter(application=application)
    assert (decision.status, decision.body) == (
        Status.APPROVED,
        "Yes: £120 for the bus and the course.",
    )
    assert decision.language == "fa"
    assert decision.written_by == programme_staff
    told = OutgoingMessage.objects.get(template="bursary_decision")
    assert "Yes: £120 for the bus and the course." in render(told)
    # Once decided, a question is no longer sent, even again.
    with pytest.raises(MessageNotNeeded):
        render(first_question)


def test_the_words_sent_stay_as_they_were_when_the_template_changes(
    in_review, programme_staff, decision_templates
):
    application = in_review(language="en")
    template = decision_templates[Status.DECLINED]
    services.application_decide(
        application_id=application.pk,
        outcome=Status.DECLINED,
        actor=programme_staff,
        message=services.decision_message_draft(application=application, template=template),
    )
    template.body_en = "Completely different words."
    template.save()
    assert ApplicantMessage.objects.get().body == "Dear Maryam, declined ."


def test_the_fund_budget_cannot_drop_below_what_it_has_awarded(in_review, programme_staff, fund):
    application = in_review()
    services.application_decide(
        application_id=application.pk,
        outcome=Status.APPROVED,
        actor=programme_staff,
        amount_awarded=Decimal("400"),
        message="Yes",
    )
    fund.budget = Decimal("399.99")
    with pytest.raises(ValidationError):
        services.fund_save(fund=fund, actor=programme_staff, changed=["budget"])


def test_fund_totals_count_only_approvals_and_open_requests(
    submit, in_review, programme_staff, fund
):
    approved, declined = in_review(), in_review(email="b@example.org")
    submit(email="c@example.org", amount_requested=Decimal("30"))
    services.application_decide(
        application_id=approved.pk,
        outcome=Status.APPROVED,
        actor=programme_staff,
        amount_awarded=Decimal("100"),
        message="Yes",
    )
    services.application_decide(
        application_id=declined.pk, outcome=Status.DECLINED, actor=programme_staff, message="No"
    )
    totals = selectors.fund_with_totals(fund_id=fund.pk)
    assert totals.awarded == Decimal("100.00")
    assert totals.remaining == Decimal("900.00")
    assert totals.requested_undecided == Decimal("30.00")
    assert totals.application_count == 3


def test_the_message_draft_is_in_the_applicants_language_with_their_name(
    submit, decision_templates
):
    application = submit(language="fa")
    draft = services.decision_message_draft(
        application=application, template=decision_templates[Status.APPROVED]
    )
    # The amount is filled in when the decision is made, from the amount really awarded.
    assert draft == "Maryam عزیز، approved {amount}."
    english = submit(language="en", email="e@example.org")
    assert services.decision_message_draft(
        application=english, template=decision_templates[Status.APPROVED]
    ) == ("Dear Maryam, approved {amount}.")


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "Dear Maryam, approved £80.00."), ("fa", "Maryam عزیز، approved \u2066£80.00\u2069.")],
)
def test_the_words_sent_say_the_amount_awarded_not_the_amount_asked_for(
    submit, in_review, programme_staff, decision_templates, language, words
):
    application = in_review(language=language)  # asks for £120
    draft = services.decision_message_draft(
        application=application, template=decision_templates[Status.APPROVED]
    )
    services.application_decide(
        application_id=application.pk,
        outcome=Status.APPROVED,
        actor=programme_staff,
        amount_awarded=Decimal("80"),
        message=draft,
    )
    # The amount stays left to right inside Persian words, with invisible Unicode isolates.
    assert ApplicantMessage.objects.get(application=application).body == words


def test_an_unknown_status_is_refused_with_a_reason(in_review, programme_staff):
    application = in_review()
    with pytest.raises(ValidationError) as refused:
        services.application_transition(
            application_id=application.pk, to_status="paid", actor=programme_staff
        )
    assert refused.value.code == "no_status"
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW


# Retention --------------------------------------------------------------------------------------


def decided_months_ago(application: Application, months: int) -> None:
    Application.objects.filter(pk=application.pk).update(
        decided_at=services.months_before(timezone.now(), months) - timedelta(hours=1)
    )


def test_anonymisation_keeps_the_figures_and_removes_the_person(to_forget, partner, settings):
    settings.BURSARY_ANONYMISE_AFTER_MONTHS = 24
    application = to_forget
    old_token = application.status_token
    decided_months_ago(application, 24)

    assert services.applications_anonymise() == 1

    application.refresh_from_db()
    for field in ("name", "email", "statement", "own_words", "referrer_name", "referrer_email"):
        assert getattr(application, field) == "", field
    assert application.phone == ""
    assert ApplicantMessage.objects.get().body == ""
    assert application.anonymised_at is not None
    assert application.status_token != old_token
    assert Review.objects.get().comment == ""
    # What funders are told about stays.
    assert application.status == Status.APPROVED
    assert application.amount_requested == Decimal("120.00")
    assert application.amount_awarded == Decimal("110.00")
    assert application.fund_id and application.opportunity_id
    assert application.referrer_organisation == partner
    assert application.support == ["course_fee", "travel"]
    assert Review.objects.get().need == 4
    assert selectors.application_get_by_token(token=old_token) is None
    assert services.applications_anonymise() == 0  # once


def submitted_months_ago(application: Application, months: int) -> None:
    Application.objects.filter(pk=application.pk).update(
        submitted_at=services.months_before(timezone.now(), months) - timedelta(hours=1)
    )


def test_anonymisation_waits_for_the_set_time(submit, in_review, programme_staff, settings):
    settings.BURSARY_ANONYMISE_AFTER_MONTHS = 24
    recent = in_review()
    services.application_decide(
        application_id=recent.pk, outcome=Status.DECLINED, actor=programme_staff, message="No"
    )
    decided_months_ago(recent, 23)
    waiting = submit(email="w@example.org")
    submitted_months_ago(waiting, 23)

    assert services.applications_anonymise() == 0
    waiting.refresh_from_db()
    assert waiting.name == "Maryam"

    settings.BURSARY_ANONYMISE_AFTER_MONTHS = 12
    assert services.applications_anonymise() == 2


def test_an_application_never_decided_is_anonymised_the_set_time_after_it_was_sent(
    submit, in_review, settings
):
    settings.BURSARY_ANONYMISE_AFTER_MONTHS = 24
    forgotten = in_review()
    submitted_months_ago(forgotten, 25)
    Review.objects.update(comment="Knows her from the drop-in.")

    assert services.applications_anonymise() == 1

    forgotten.refresh_from_db()
    assert forgotten.anonymised_at is not None
    assert (forgotten.name, forgotten.email, forgotten.statement) == ("", "", "")
    assert Review.objects.get().comment == ""
    assert forgotten.status == Status.IN_REVIEW  # the figures stay
    assert forgotten.amount_requested == Decimal("120.00")


def test_a_withdrawal_with_no_decision_time_is_anonymised_after_the_set_time(submit, settings):
    settings.BURSARY_ANONYMISE_AFTER_MONTHS = 24
    withdrawn = submit()
    Application.objects.filter(pk=withdrawn.pk).update(status=Status.WITHDRAWN, decided_at=None)
    submitted_months_ago(withdrawn, 25)

    assert services.applications_anonymise() == 1
    withdrawn.refresh_from_db()
    assert withdrawn.name == ""


def test_anonymising_also_empties_the_applications_messages_in_the_outbox(
    submit, in_review, programme_staff, settings, django_capture_on_commit_callbacks
):
    settings.BURSARY_ANONYMISE_AFTER_MONTHS = 24
    with django_capture_on_commit_callbacks(execute=True):
        application = in_review()
        services.application_decide(
            application_id=application.pk,
            outcome=Status.DECLINED,
            actor=programme_staff,
            message="No",
        )
    services.application_transition(
        application_id=submit(email="other@example.org").pk,
        to_status=Status.MORE_INFORMATION,
        actor=programme_staff,
        message="Tell us more.",
    )
    OutgoingMessage.objects.update(last_error="x")
    still_pending = OutgoingMessage.objects.get(template="bursary_more_information")
    OutgoingMessage.objects.filter(pk=still_pending.pk).update(status="pending")
    Application.objects.update(
        decided_at=services.months_before(timezone.now(), 25),
        submitted_at=services.months_before(timezone.now(), 26),
    )

    assert services.applications_anonymise() == 2

    messages = OutgoingMessage.objects.all()
    assert len(messages) == 4
    for message in messages:
        assert (message.recipient, message.context, message.last_error) == ("", {}, "")
    still_pending.refresh_from_db()
    assert still_pending.status == OutgoingMessage.Status.NOT_NEEDED


@pytest.fixture
def to_forget(in_review, partner, programme_staff):
    """An approved application, referred, with a reviewer's comment and a decision message
    still waiting in the outbox."""
    application = in_review(
        contact_method=Application.Contact.REFERRER,
        email="",
        referrer_organisation=partner,
        referrer_name="Jo Caseworker",
        referrer_email="jo@newroutes.example.org",
        referrer_consent=True,
        own_words="Photography",
    )
    Review.objects.update(comment="She told me about her brother.")
    services.application_decide(
        application_id=application.pk,
        outcome=Status.APPROVED,
        actor=programme_staff,
        amount_awarded=Decimal("110"),
        message="Dear Maryam, yes.",
    )
    application.refresh_from_db()
    return application


def test_staff_remove_an_applicants_personal_details_on_request(
    to_forget, partner, programme_staff, submit
):
    someone_else = submit(name="Olena", email="olena@example.org")
    old_token = to_forget.status_token

    assert services.application_anonymise(application_id=to_forget.pk, actor=programme_staff)

    application = Application.objects.get(pk=to_forget.pk)
    for field in ("name", "email", "statement", "own_words", "referrer_name", "referrer_email"):
        assert getattr(application, field) == "", field
    assert application.phone == ""
    assert application.anonymised_at is not None
    assert selectors.application_get_by_token(token=old_token) is None
    assert ApplicantMessage.objects.get(application=application).body == ""
    assert Review.objects.get(application=application).comment == ""
    messages = OutgoingMessage.objects.filter(context={}, recipient="")
    assert {m.template for m in messages} == {"bursary_received", "bursary_decision"}
    assert {m.status for m in messages} == {OutgoingMessage.Status.NOT_NEEDED}
    # The figures stay.
    assert application.status == Status.APPROVED
    assert application.amount_awarded == Decimal("110.00")
    assert application.referrer_organisation == partner
    assert application.support == ["course_fee", "travel"]
    assert Review.objects.get(application=application).need == 4
    # Nobody else is touched.
    someone_else.refresh_from_db()
    assert someone_else.name == "Olena" and someone_else.anonymised_at is None
    assert OutgoingMessage.objects.get(context__application_id=someone_else.pk).recipient


def test_removing_personal_details_is_one_event_in_the_applications_audit_trail(
    to_forget, programme_staff
):
    services.application_anonymise(application_id=to_forget.pk, actor=programme_staff)

    [event] = AuditEvent.objects.filter(action="application.anonymise")
    assert event.actor == programme_staff
    assert event.detail == {"reason": "request"}
    assert event in selectors.application_history(application=to_forget)


def test_removing_personal_details_twice_changes_nothing(to_forget, programme_staff):
    services.application_anonymise(application_id=to_forget.pk, actor=programme_staff)
    first = Application.objects.get(pk=to_forget.pk)

    assert not services.application_anonymise(application_id=to_forget.pk, actor=programme_staff)

    again = Application.objects.get(pk=to_forget.pk)
    assert (again.anonymised_at, again.status_token, again.updated_at) == (
        first.anonymised_at,
        first.status_token,
        first.updated_at,
    )
    assert AuditEvent.objects.filter(action="application.anonymise").count() == 1


def test_a_reviewer_cannot_remove_personal_details(to_forget, reviewer):
    with pytest.raises(PermissionDenied):
        services.application_anonymise(application_id=to_forget.pk, actor=reviewer)
    assert Application.objects.get(pk=to_forget.pk).name == "Maryam"
    assert not AuditEvent.objects.filter(action="application.anonymise").exists()


def test_the_nightly_anonymisation_records_one_event_per_application(submit, settings):
    settings.BURSARY_ANONYMISE_AFTER_MONTHS = 24
    old = [submit(email=f"p{n}@example.org") for n in range(2)]
    recent = submit(email="recent@example.org")
    for application in old:
        submitted_months_ago(application, 25)

    assert services.applications_anonymise() == 2

    events = AuditEvent.objects.filter(action="application.anonymise")
    assert sorted(event.object_id for event in events) == sorted(str(a.pk) for a in old)
    assert {event.actor for event in events} == {None}
    assert {event.detail["reason"] for event in events} == {"schedule"}
    assert not AuditEvent.objects.filter(action="application.anonymise", object_id="").exists()
    assert not AuditEvent.objects.filter(object_id=str(recent.pk), action="application.anonymise")
    services.applications_anonymise()
    assert events.count() == 2


def test_an_anonymised_open_application_can_only_be_withdrawn(
    in_review, programme_staff, reviewer, settings
):
    from tests.factories import user_with_role

    settings.BURSARY_ANONYMISE_AFTER_MONTHS = 24
    application = in_review()
    submitted_months_ago(application, 25)
    services.applications_anonymise()
    application.refresh_from_db()
    assert application.next_statuses() == [Status.WITHDRAWN]
    with pytest.raises(ValidationError):
        services.review_open(
            application_id=application.pk, reviewer=user_with_role("Bursary reviewers")
        )
    with pytest.raises(ValidationError):
        services.application_transition(
            application_id=application.pk,
            to_status=Status.DECLINED,
            actor=programme_staff,
            message="No",
        )
    services.application_transition(
        application_id=application.pk, to_status=Status.WITHDRAWN, actor=programme_staff
    )


@pytest.mark.parametrize(
    ("moment", "months", "expected"),
    [
        ("2027-03-31T10:00", 1, "2027-02-28T10:00"),
        ("2028-03-31T10:00", 1, "2028-02-29T10:00"),
        ("2027-01-15T10:00", 24, "2025-01-15T10:00"),
        ("2027-01-15T10:00", 13, "2025-12-15T10:00"),
    ],
)
def test_months_before_counts_calendar_months(moment, months, expected):
    from datetime import datetime

    assert services.months_before(datetime.fromisoformat(moment), months) == (
        datetime.fromisoformat(expected)
    )
