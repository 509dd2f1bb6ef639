"""What Celery beat runs, and when (Europe/London time): settings.CELERY_BEAT_SCHEDULE.

Days-ahead work is never scheduled with a countdown: each scan finds what is due by its stored
time, so a missed run is caught up by the next one.
"""

from celery.schedules import crontab

# name: (task, when)
_RUNS = {
    "outbox-sweep": ("sanctuary.tasks.outbox_sweep", crontab(minute="*")),
    "outbox-anonymise": ("sanctuary.tasks.outbox_anonymise", crontab(hour="3", minute="30")),
    "dropins-generate": ("dropins.tasks.sessions_generate", crontab(hour="2", minute="15")),
    "dropins-reminders": ("dropins.tasks.reminders_queue", crontab(minute="*/10")),
    "dropins-waitlists": ("dropins.tasks.waitlists_fill", crontab(minute="*/10")),
    "dropins-anonymise": ("dropins.tasks.bookings_anonymise", crontab(hour="3", minute="45")),
    "attendance-anonymise": (
        "attendance.tasks.walk_ins_anonymise",
        crontab(hour="3", minute="45"),
    ),
    "events-guest-seats-release": (
        "events.tasks.guest_seats_release",
        crontab(minute="*/5"),
    ),
    "events-pool-offers": ("events.tasks.pool_offers_fill", crontab(minute="*/5")),
    "events-pool-anonymise": (
        "events.tasks.pool_requests_forget",
        crontab(hour="3", minute="55"),
    ),
    "bursaries-anonymise": (
        "bursaries.tasks.applications_anonymise",
        crontab(hour="3", minute="50"),
    ),
    "events-network-anonymise": (
        "events.tasks.network_bookings_anonymise",
        crontab(hour="3", minute="55"),
    ),
    "events-mailing-forget": (
        "events.tasks.mailing_unconfirmed_forget",
        crontab(hour="4", minute="0"),
    ),
    "events-ticket-reminders": ("events.tasks.guest_tickets_remind", crontab(minute="*/10")),
    "events-tickets-anonymise": (
        "events.tasks.guest_tickets_anonymise",
        crontab(hour="4", minute="5"),
    ),
    "reports-exports-sweep": ("reports.tasks.exports_sweep", crontab(minute="*")),
    "reports-exports-forget": ("reports.tasks.exports_forget", crontab(hour="4", minute="10")),
    # Before the night's forgetting: each session's families, while their contacts tell them.
    "reports-families-count": ("reports.tasks.families_count", crontab(hour="3", minute="15")),
}

BEAT_SCHEDULE = {name: {"task": task, "schedule": when} for name, (task, when) in _RUNS.items()}
