"""The daily caps on texts: SMS_DAILY_CAP in all and SMS_PER_NUMBER_DAILY_CAP to one number,
per day in Europe/London.

A send takes a place under both caps before it goes, each by one conditional UPDATE
(count = count + 1 WHERE count < cap), which PostgreSQL applies one at a time per row: two
workers cannot both take the last place. A text the provider did not take gives its place back.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from sanctuary.models import SmsDayCount
from sanctuary.sms.suppression import number_hash

LONDON = ZoneInfo("Europe/London")


class SmsCapReached(Exception):
    """No place left under a cap today."""

    def __init__(self, message: str, *, per_number: bool):
        super().__init__(message)
        self.per_number = per_number


def today(now: datetime | None = None) -> date:
    return timezone.localtime(now or timezone.now(), LONDON).date()


def next_day_starts(now: datetime | None = None) -> datetime:
    """Midnight at the start of tomorrow, Europe/London."""
    return datetime.combine(today(now) + timedelta(days=1), time(0), tzinfo=LONDON)


def _take(day: date, key: str, cap: int) -> bool:
    """One more on the counter if it is below `cap`: one query while the counter exists (the
    day's for all texts, after the first), three to start it."""
    counter = SmsDayCount.objects.filter(day=day, key=key, count__lt=cap)
    if counter.update(count=F("count") + 1):
        return True
    SmsDayCount.objects.bulk_create([SmsDayCount(day=day, key=key)], ignore_conflicts=True)
    return bool(counter.update(count=F("count") + 1))


def sms_place_take(*, number: str, now: datetime | None = None) -> None:
    """Take a place for one text to `number` today, or raise SmsCapReached (and take none)."""
    day = today(now)
    key = number_hash(number)
    if not _take(day, key, settings.SMS_PER_NUMBER_DAILY_CAP):
        raise SmsCapReached(
            f"This number has had {settings.SMS_PER_NUMBER_DAILY_CAP} texts today "
            "(SMS_PER_NUMBER_DAILY_CAP).",
            per_number=True,
        )
    if not _take(day, SmsDayCount.ALL, settings.SMS_DAILY_CAP):
        # The number's place goes back: this text is not sent today.
        SmsDayCount.objects.filter(day=day, key=key, count__gt=0).update(count=F("count") - 1)
        raise SmsCapReached(
            f"Today's {settings.SMS_DAILY_CAP} texts have all gone (SMS_DAILY_CAP).",
            per_number=False,
        )


def sms_day_counts_forget_old(now: datetime | None = None) -> int:
    """Counters from before yesterday are no longer asked."""
    deleted, _ = SmsDayCount.objects.filter(day__lt=today(now) - timedelta(days=1)).delete()
    return deleted


@transaction.atomic
def sms_place_give_back(*, number: str, now: datetime | None = None) -> None:
    day = today(now)
    SmsDayCount.objects.filter(
        day=day, key__in=[number_hash(number), SmsDayCount.ALL], count__gt=0
    ).update(count=F("count") - 1)


def sms_sent_today(now: datetime | None = None) -> int:
    row = SmsDayCount.objects.filter(day=today(now), key=SmsDayCount.ALL).first()
    return row.count if row else 0
