"""The messages sent with a decision: a draft in the applicant's language, and the words
sent kept as they were."""

from decimal import Decimal

import pytest

from bursaries import services
from bursaries.models import ApplicantMessage, Application
from sanctuary.models import OutgoingMessage

Status = Application.Status


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
