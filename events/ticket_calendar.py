"""An "add to calendar" file for a guest ticket, written like the drop-in's (RFC 5545). It
holds the performance and the ticket's link, nothing about the guests."""

from datetime import UTC, datetime, timedelta

from dropins.calendar import _escape, _fold, _utc
from events.models import GuestTicket


def performance_ics(*, ticket: GuestTicket, url: str, host: str) -> str:
    performance = ticket.allocation.performance
    venue = performance.venue
    ends_at = performance.starts_at + timedelta(minutes=performance.running_minutes)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Norwich Theatre//Sanctuary//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:guest-ticket-{ticket.pk}@{host}",
        f"DTSTAMP:{_utc(datetime.now(UTC))}",
        f"DTSTART:{_utc(performance.starts_at)}",
        f"DTEND:{_utc(ends_at)}",
        f"SUMMARY:{_escape(performance.title)}",
        f"LOCATION:{_escape(f'{venue.name}, {venue.address}, {venue.postcode}')}",
        f"DESCRIPTION:{_escape(f'{ticket.reference} {url}')}",
        f"URL:{url}",
        "STATUS:CANCELLED" if performance.cancelled_at else "STATUS:CONFIRMED",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
