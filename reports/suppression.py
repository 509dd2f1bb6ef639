"""Small-number suppression: what turns counted figures into cells that are safe to publish.

The rule, after the NHS and ONS practice for small counts:

1. **Primary suppression.** A count of people (households, bookings, tickets, decisions…) from
   1 to 4 is never published: it is shown as "fewer than 5". Zero is shown as 0: it identifies
   nobody.
2. **Money.** An amount of money that is the sum of 1 to 4 awards is withheld too, since it
   could be one person's award. A fund's spending (and so what is left of it) is withheld when
   it has made 1 to 4 awards.
3. **Secondary suppression.** Figures that add up (the rows of a table and its total, a
   table's total and the headline above it, one venue's sessions and that venue's row in the
   table per venue, named parties and those who came and did not) are written as sums of
   parts. Someone who knows the rule might try to work a withheld figure out from the others:
   a total less the published parts, a range from "fewer than 5" and the other withheld
   figures. So we work out, for every sum, what each withheld figure could be, given the
   published figures, that a withheld count is 1 to 4 (or, for a figure withheld only to
   protect another, 5 or more), and that a rounded total is within 2 of the truth. While any
   withheld figure could be only one number, we withhold the smallest non-zero published part
   of that sum as well ("withheld"), and when no part is left, round the total to the nearest
   5 (said beside it) or, failing that, withhold it.
4. **What a reader knows besides the sums.** Some figures are at most others: a row's bursaries
   awarded are at most its applications, an event's bookings at most its tickets. A reader who
   knows that narrows a withheld figure further (awards of 3 to 4 under applications of 1 to 3
   can only be 3), so those relations are reasoned with too (`at_most`): as sums, the larger
   figure being the smaller one plus an excess never published, and the rows' excesses adding
   up to the total's.

What the rule proves (tests/reports/test_suppression_properties.py): no published count is from
1 to 4; in every sum the published total less the published parts is never exactly one withheld
figure; and every withheld figure could still be at least two different numbers, but for one
case no withholding can hide: four rows of "fewer than 5" under a total of "fewer than 5" can
only be four ones. Then every figure of that sum is withheld, and the report says no more than
that each of those rows had someone. The working-out
is interval reasoning, sum by sum, repeated until nothing changes, so figures that belong to
several sums (a table's rows across its columns, or a total shared by two tables) are protected
in each.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum

from reports.published import Cell

THRESHOLD = 5  # counts below this, and above zero, are withheld
ROUND_TO = 5
INFINITY = Decimal("Infinity")


class State(Enum):
    EXACT = "exact"
    ROUNDED = "rounded"
    PRIMARY = "primary"  # a count from 1 to 4, or money from 1 to 4 awards
    SECONDARY = "secondary"  # withheld so that a primary one cannot be worked out
    HIDDEN = "hidden"  # never published: how much one figure exceeds another (Ledger.at_most)


WITHHELD = (State.PRIMARY, State.SECONDARY)


def is_small(count: int) -> bool:
    """A count that must not be published: from 1 to THRESHOLD - 1."""
    return 0 < count < THRESHOLD


def round_to_five(value: int) -> int:
    """The nearest multiple of 5 (halves cannot occur: values are whole numbers)."""
    return int((value + ROUND_TO // 2) // ROUND_TO * ROUND_TO)


@dataclass
class _Figure:
    value: int | Decimal
    money: bool
    state: State
    may_round: bool = False
    shown: int | None = None  # the rounded value, once rounded


@dataclass
class Ledger:
    """The figures of a report (or a section), and the sums that tie them together.

    Give each figure a key (any hashable: `("sessions", date, venue)`), say which figures add up
    to which with `sums`, then `publish()` returns a Cell for each key.
    """

    _figures: dict[Hashable, _Figure] = field(default_factory=dict)
    _sums: list[tuple[Hashable, tuple[Hashable, ...]]] = field(default_factory=list)

    def count(self, key: Hashable, value: int, *, may_round: bool = False) -> Hashable:
        state = State.PRIMARY if is_small(value) else State.EXACT
        self._figures[key] = _Figure(int(value), False, state, may_round)
        return key

    def money(self, key: Hashable, value: Decimal, *, awards: int) -> Hashable:
        """An amount of money that sums `awards` awards."""
        state = State.PRIMARY if is_small(awards) else State.EXACT
        self._figures[key] = _Figure(Decimal(value), True, state)
        return key

    def sums(self, whole: Hashable, parts: Iterable[Hashable]) -> None:
        """`whole` is the sum of `parts` (each already given)."""
        self._sums.append((whole, tuple(parts)))

    def at_most(self, smaller: Hashable, larger: Hashable) -> Hashable:
        """`smaller` is never more than `larger` (each already given), as every reader knows.

        Kept as a sum, `larger` = `smaller` + the excess, with the excess a figure never
        published, only known to be 0 or more; its key is returned, so that excesses that add
        up can be said to (a table's rows and its total: `sums(total's excess, rows' excesses)`),
        since a reader reasons with those too."""
        excess = ("excess", smaller, larger)
        value = self._figures[larger].value - self._figures[smaller].value
        self._figures[excess] = _Figure(value, False, State.HIDDEN)
        self.sums(larger, [smaller, excess])
        return excess

    # What the reader can work out ---------------------------------------------------------

    def _bounds(self, figure: _Figure) -> tuple[Decimal, Decimal]:
        if figure.state is State.EXACT:
            return Decimal(figure.value), Decimal(figure.value)
        if figure.state is State.ROUNDED:
            return Decimal(max(0, figure.shown - 2)), Decimal(figure.shown + 2)
        if figure.state is State.HIDDEN:
            return Decimal(0), INFINITY
        if figure.money:
            return Decimal(0), INFINITY
        if figure.state is State.PRIMARY:
            return Decimal(1), Decimal(THRESHOLD - 1)
        return Decimal(THRESHOLD), INFINITY

    def intervals(self) -> dict[Hashable, tuple[Decimal, Decimal]]:
        """What each figure could be, as far as a reader of the published cells can tell."""
        bounds = {key: self._bounds(figure) for key, figure in self._figures.items()}
        for _round in range(50):
            changed = False
            for whole, parts in self._sums:
                changed |= _narrow(bounds, whole, parts)
            if not changed:
                break
        return bounds

    def _pinned(self) -> list[Hashable]:
        bounds = self.intervals()
        return [
            key
            for key, figure in self._figures.items()
            if figure.state in WITHHELD and bounds[key][0] == bounds[key][1]
        ]

    def _protect(self, key: Hashable) -> bool:
        """Withhold or round one more figure of a sum that `key` belongs to. False when
        nothing is left to do for it."""
        for whole, parts in self._sums:
            if key != whole and key not in parts:
                continue
            published = [
                part
                for part in parts
                if self._figures[part].state is State.EXACT and self._figures[part].value != 0
            ]
            withheld = [part for part in parts if self._figures[part].state in WITHHELD]
            total = self._figures[whole]
            may_round = total.state is State.EXACT and total.may_round and not total.money
            if published and (len(withheld) < 2 or not may_round):
                smallest = min(published, key=lambda part: self._figures[part].value)
                self._figures[smallest].state = State.SECONDARY
                return True
            if may_round:
                total.state, total.shown = State.ROUNDED, round_to_five(total.value)
                return True
            if total.state in (State.EXACT, State.ROUNDED) and total.value != 0:
                total.state = State.SECONDARY
                return True
        return False

    def publish(self) -> dict[Hashable, Cell]:
        stuck: set[Hashable] = set()
        while True:
            pinned = [key for key in self._pinned() if key not in stuck]
            if not pinned:
                break
            if not self._protect(pinned[0]):
                stuck.add(pinned[0])
        return {
            key: _cell(figure)
            for key, figure in self._figures.items()
            if figure.state is not State.HIDDEN
        }


def _narrow(bounds: dict, whole: Hashable, parts: tuple[Hashable, ...]) -> bool:
    """Interval reasoning on one sum: whole = sum(parts). True when a bound moved. Lower bounds
    are always finite; an upper bound may be infinite (a withheld figure of 5 or more)."""
    changed = False
    low_sum = sum((bounds[part][0] for part in parts), Decimal(0))
    unbounded = sum(1 for part in parts if bounds[part][1] == INFINITY)
    finite_high = sum(
        (bounds[part][1] for part in parts if bounds[part][1] != INFINITY), Decimal(0)
    )
    high_sum = INFINITY if unbounded else finite_high
    whole_low, whole_high = bounds[whole]
    new_whole = (max(whole_low, low_sum), min(whole_high, high_sum))
    if new_whole != bounds[whole]:
        bounds[whole], changed = new_whole, True
    whole_low, whole_high = bounds[whole]
    for part in parts:
        low, high = bounds[part]
        others_low = low_sum - low
        if high == INFINITY:
            others_high = INFINITY if unbounded > 1 else finite_high
        else:
            others_high = INFINITY if unbounded else finite_high - high
        new_low = low if others_high == INFINITY else max(low, whole_low - others_high)
        new_high = high if whole_high == INFINITY else min(high, whole_high - others_low)
        if (new_low, new_high) != (low, high):
            bounds[part], changed = (new_low, new_high), True
    return changed


def _cell(figure: _Figure) -> Cell:
    if figure.state is State.EXACT:
        return Cell(figure.value)
    if figure.state is State.ROUNDED:
        return Cell(figure.shown, rounded=True)
    return Cell(None, suppressed=True, secondary=figure.state is State.SECONDARY)


def cell_of(value: int) -> Cell:
    """One count on its own, in no sum: primary suppression only."""
    return Cell(None, suppressed=True) if is_small(value) else Cell(int(value))
