"""An "add to calendar" file (iCalendar, RFC 5545) for one session. Nothing personal in it."""

from datetime import UTC, datetime

from dropins.models import DropInSession


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines of at most 75 octets, continued with a space (without splitting a character)."""
    octets = line.encode()
    if len(octets) <= 75:
        return line
    parts, start = [], 0
    while start < len(octets):
        end = min(start + (75 if start == 0 else 74), len(octets))
        while end < len(octets) and (octets[end] & 0xC0) == 0x80:
            end -= 1
        parts.append(octets[start:end].decode())
        start = end
    return "\r\n ".join(parts)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def session_ics(*, session: DropInSession, url: str, host: str) -> str:
    venue = session.series.venue
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Norwich Theatre//Sanctuary//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:dropin-session-{session.pk}@{host}",
        f"DTSTAMP:{_utc(datetime.now(UTC))}",
        f"DTSTART:{_utc(session.starts_at)}",
        f"DTEND:{_utc(session.ends_at)}",
        f"SUMMARY:{_escape(session.series.title)}",
        f"LOCATION:{_escape(f'{venue.name}, {venue.address}, {venue.postcode}')}",
        f"DESCRIPTION:{_escape(url)}",
        f"URL:{url}",
        "STATUS:CANCELLED" if session.is_cancelled else "STATUS:CONFIRMED",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
