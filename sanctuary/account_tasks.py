"""The task behind "Forgotten your password?": the request hands over the address typed, and
this looks it up and queues the email, off the request path.

Its own module (listed in CELERY_IMPORTS) because it calls the services, which import
sanctuary.tasks.
"""

import logging

from celery import shared_task
from django.db import transaction

from sanctuary import services
from sanctuary.queueing import enqueue

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, ignore_result=True)
def password_reset_send(email: str) -> None:
    # Takes an address, not an id: the request it comes from must not look anything up.
    services.password_reset_send(email=email)


def password_reset_enqueue(email: str) -> None:
    """Hand an address typed on the reset form to the task once the request commits. The
    request does the same work whoever the address belongs to, so its answer (and how long
    it takes) says nothing about who has an account."""

    def hand_over():
        if not enqueue(password_reset_send, email):
            # The broker is away: answering more slowly beats losing the request.
            logger.warning("Could not queue a password reset; handling it in the request.")
            services.password_reset_send(email=email)

    transaction.on_commit(hand_over)
