"""The drop-in: who came to each session, families coming for the first time or again, and the
languages people asked for. Four aggregate queries, however many sessions and bookings."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Count, F, Q, Sum
from django.utils import formats
from django.utils.translation import gettext as _

from attendance.rules import booking_came_q
from dropins.models import Booking, DropInSession, InterpreterLanguage
from dropins.rules import live_q, people_sum
from reports import rules
from reports.figures.common import Column, Grid, Line, Scope, column_of, venue_columns
from reports.models import FamilyCount
from reports.published import Chart, Headline, Section
from reports.suppression import Ledger

PEOPLE = "attendance:people"
HOUSEHOLDS = "attendance:households"
BOOKINGS = "attendance:bookings"


def _sessions(scope: Scope):
    """The sessions held in the period: scheduled (not cancelled) and started by now."""
    sessions = DropInSession.objects.filter(
        status=DropInSession.Status.SCHEDULED,
        starts_at__gte=scope.starts_at,
        starts_at__lt=scope.until,
    )
    if scope.venue is not None:
        sessions = sessions.filter(series__venue=scope.venue)
    return sessions


def _people_per_session(scope: Scope) -> list[dict]:
    came = Q(check_ins__voided_at__isnull=True)
    return list(
        _sessions(scope)
        .annotate(people=people_sum("check_ins__", came))
        .values("pk", "date", "starts_at", "series__venue_id", "people")
        .order_by("starts_at", "pk")
    )


def _bookings(scope: Scope):
    return Booking.objects.filter(session__in=_sessions(scope))


def _households(scope: Scope) -> list[dict]:
    """Families per venue: sessions counted the night after they were held (FamilyCount) are
    read from their counts, the others (held since) counted from their bookings now."""
    kept = list(
        FamilyCount.objects.filter(session__in=_sessions(scope))
        .values(venue=F("session__series__venue_id"))
        .annotate(first=Sum("first"), returning=Sum("returning"), unknown=Sum("unknown"))
        .order_by()
    )
    rows = (
        _bookings(scope)
        .filter(booking_came_q(), session__family_count__isnull=True)
        .values(venue=F("session__series__venue_id"))
        .annotate(**rules.family_kinds())
        .order_by()
    )
    now = [{"venue": row["venue"], **vars(rules.families_of(row))} for row in rows]
    return kept + now


def _languages(scope: Scope, field: str) -> list[dict]:
    return list(
        _bookings(scope)
        .filter(live_q())
        .exclude(**{field: ""})
        .values("session__series__venue_id", field)
        .annotate(bookings=Count("pk"))
        .order_by()
    )


def _session_label(row: dict, scope: Scope) -> str:
    label = formats.date_format(row["date"], "D j M Y")
    if scope.by_venue:
        label = _("%(date)s, %(venue)s") % {
            "date": label,
            "venue": scope.venue_name(row["series__venue_id"]),
        }
    return label


def attendance_section(scope: Scope) -> Section:
    ledger = Ledger()
    sessions = _people_per_session(scope)
    ledger.count(PEOPLE, sum(row["people"] for row in sessions), may_round=True)

    session_grid = Grid(
        ledger,
        "sessions",
        [Line(row["pk"], _session_label(row, scope), row["date"].isoformat()) for row in sessions],
        [Column("people", _("People who came"))],
        {(row["pk"], "people"): row["people"] for row in sessions},
        grand=PEOPLE,
    )
    venue_grid = None
    if scope.by_venue:
        per_venue = {}
        for row in sessions:
            key = (row["series__venue_id"], "people")
            per_venue[key] = per_venue.get(key, 0) + row["people"]
        venue_grid = Grid(
            ledger,
            "venues",
            [Line(venue.pk, str(venue.name), venue.slug) for venue in scope.venues],
            [Column("people", _("People who came"))],
            per_venue,
            grand=PEOPLE,
        )
        for venue in scope.venues:
            ledger.sums(
                venue_grid.key(venue.pk, "people"),
                [
                    session_grid.key(row["pk"], "people")
                    for row in sessions
                    if row["series__venue_id"] == venue.pk
                ],
            )

    households = _households(scope)
    columns = venue_columns(scope, _("Families"))
    kinds = [
        Line("first", _("Came for the first time"), "first"),
        Line("returning", _("Came before"), "returning"),
        Line("unknown", _("No contact to tell"), "unknown"),
    ]
    counts = {}
    for row in households:
        for kind in kinds:
            key = (kind.key, column_of(scope, row["venue"]))
            counts[key] = counts.get(key, 0) + row[kind.key]
    ledger.count(HOUSEHOLDS, sum(counts.values()), may_round=True)
    household_grid = Grid(ledger, "households", kinds, columns, counts, grand=HOUSEHOLDS)

    language_grids = []
    for field, choices in (
        ("language", dict(settings.LANGUAGES)),
        ("interpreter_language", dict(InterpreterLanguage.choices)),
    ):
        rows = _languages(scope, field)
        counts = {}
        for row in rows:
            key = (row[field], column_of(scope, row["session__series__venue_id"]))
            counts[key] = counts.get(key, 0) + row["bookings"]
        codes = sorted({code for code, _column in counts}, key=lambda code: str(choices.get(code)))
        lines = [Line(code, str(choices.get(code, code)), code) for code in codes]
        if field == "language":
            ledger.count(BOOKINGS, sum(counts.values()), may_round=True)
        grid = Grid(
            ledger,
            field,
            lines,
            columns_for_bookings(scope),
            counts,
            grand=BOOKINGS if field == "language" else None,
        )
        language_grids.append(grid)

    cells = ledger.publish()
    tables = [
        session_grid.table(
            cells,
            key="attendance_per_session",
            title=_("People who came to each drop-in session"),
            how_counted=_(
                "Everyone checked in at the door of each session held (not cancelled): the "
                "families who booked and the walk-ins, adults and children alike. A check-in "
                "that was undone does not count."
            ),
            total_label=_("All sessions"),
            chart=Chart.LINE,
        )
    ]
    if venue_grid is not None:
        tables.append(
            venue_grid.table(
                cells,
                key="attendance_per_venue",
                title=_("People who came, per venue"),
                how_counted=_("The same people, added up for each venue's sessions."),
                total_label=_("All venues"),
            )
        )
    tables.append(
        household_grid.table(
            cells,
            key="households",
            title=_("Families who came for the first time, and families who came before"),
            how_counted=_(
                "Each booking whose family was checked in counts once per session. It counts "
                "as coming before when an earlier booking with the same email address or "
                "mobile number was checked in. Contacts are forgotten %(days)s days after each "
                "session and nothing else about anyone is kept, so each session's families are "
                "counted the night after it, against the contacts still kept from the weeks "
                "before. Bookings made without a contact count under “No contact to tell”. "
                "Walk-ins are not counted here."
            )
            % {"days": settings.DROPIN_KEEP_DAYS},
            total_label=_("All families"),
        )
    )
    messages_grid, interpreter_grid = language_grids
    tables.append(
        messages_grid.table(
            cells,
            key="languages_messages",
            title=_("Languages people booked in"),
            how_counted=_(
                "The language chosen for messages on each booking for a session held in the "
                "period, whether they came or not; cancelled bookings do not count."
            ),
            total_label=_("All bookings"),
        )
    )
    tables.append(
        interpreter_grid.table(
            cells,
            key="languages_interpreters",
            title=_("Interpreters asked for"),
            how_counted=_(
                "The interpreter's language asked for on each booking for a session held in "
                "the period (most bookings ask for none); cancelled bookings do not count."
            ),
            total_label=_("All asked for"),
        )
    )
    headlines = (
        Headline(
            key="people",
            label=_("People who came"),
            cell=cells[PEOPLE],
            how_counted=_("Everyone checked in at the drop-in's sessions in the period."),
        ),
        Headline(
            key="households",
            label=_("Families who came"),
            cell=cells[HOUSEHOLDS],
            how_counted=_("Bookings whose family was checked in, once per session."),
        ),
        Headline(
            key="bookings",
            label=_("Bookings"),
            cell=cells[BOOKINGS],
            how_counted=_("Bookings for the sessions held, not cancelled."),
        ),
    )
    return Section(
        key="attendance",
        title=_("The drop-in"),
        headlines=headlines,
        tables=tuple(tables),
    )


def columns_for_bookings(scope: Scope) -> list[Column]:
    return venue_columns(scope, _("Bookings"))
