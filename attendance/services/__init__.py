"""Every write about the register at the door: one module per sub-domain.

taps: the one-tap machinery both registers share (one-time ids, undo, numbers, walk-ins);
dropins: a drop-in session's register, closing it and correcting its numbers;
performances: a performance's door and what is recorded after the night.
"""

from attendance.services.dropins import (
    ATTENDANCE_NUMBERS,
    attendance_correct,
    attendance_numbers,
    register_apply,
    register_close,
    walk_ins_anonymise,
)
from attendance.services.performances import (
    door_apply,
    door_walk_ups_anonymise,
    performance_donations_record,
)
from attendance.services.taps import TAP_EARLIEST_BEFORE_START, RegisterTap, TapResult

__all__ = [
    "ATTENDANCE_NUMBERS",
    "TAP_EARLIEST_BEFORE_START",
    "RegisterTap",
    "TapResult",
    "attendance_correct",
    "attendance_numbers",
    "door_apply",
    "door_walk_ups_anonymise",
    "performance_donations_record",
    "register_apply",
    "register_close",
    "walk_ins_anonymise",
]
