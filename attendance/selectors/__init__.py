"""Reads for the register at the door: one module per register, and what they share."""

from attendance.selectors.changes import (
    CHANGES_OVERLAP,
    RegisterChanges,
    RegisterCursor,
    changes_since,
    cursor_of,
)
from attendance.selectors.dropins import (
    RegisterTotals,
    register_attendance,
    register_bookings,
    register_changes,
    register_cursor,
    register_session_get,
    register_sessions_today,
    register_totals,
    register_walk_ins,
)
from attendance.selectors.figures import DoorFigures, PartnerFigures, door_figures
from attendance.selectors.performances import (
    DoorTotals,
    door_changes,
    door_cursor,
    door_performance_get,
    door_performances_today,
    door_tickets,
    door_totals,
    door_walk_ups,
)

__all__ = [
    "CHANGES_OVERLAP",
    "DoorFigures",
    "DoorTotals",
    "PartnerFigures",
    "RegisterChanges",
    "RegisterCursor",
    "RegisterTotals",
    "changes_since",
    "cursor_of",
    "door_changes",
    "door_cursor",
    "door_figures",
    "door_performance_get",
    "door_performances_today",
    "door_tickets",
    "door_totals",
    "door_walk_ups",
    "register_attendance",
    "register_bookings",
    "register_changes",
    "register_cursor",
    "register_session_get",
    "register_sessions_today",
    "register_totals",
    "register_walk_ins",
]
