"""Small-number suppression, proved on many tables: no published count is from 1 to 4, and no
withheld figure can be worked out from what is published, checked against a brute-force search
of every value the withheld figures could take."""

import itertools
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from reports.suppression import Ledger, round_to_five

counts = st.integers(min_value=0, max_value=12)


def _line(values, *, may_round):
    ledger = Ledger()
    parts = [ledger.count(("part", index), value) for index, value in enumerate(values)]
    ledger.count("total", sum(values), may_round=may_round)
    ledger.sums("total", parts)
    return ledger, ledger.publish()


def _possible(cell, true_value, ceiling):
    """The values a reader could think a cell has, knowing the rule."""
    if not cell.suppressed:
        if cell.rounded:
            return range(max(0, cell.value - 2), cell.value + 3)
        return [cell.value]
    if cell.secondary:
        return range(5, ceiling + 1)
    return range(1, 5)


def _feasible(cells, keys, total_key, ceiling):
    """Every assignment of the line's figures that agrees with what is published."""
    choices = [_possible(cells[key], None, ceiling) for key in keys]
    totals = list(_possible(cells[total_key], None, ceiling))
    for combination in itertools.product(*choices):
        if sum(combination) in totals:
            yield combination


@given(values=st.lists(counts, min_size=1, max_size=5), may_round=st.booleans())
def test_no_published_count_is_from_one_to_four(values, may_round):
    _ledger, cells = _line(values, may_round=may_round)
    for cell in cells.values():
        assert cell.suppressed or cell.value == 0 or cell.value >= 5


@given(values=st.lists(counts, min_size=1, max_size=5), may_round=st.booleans())
def test_a_total_less_the_published_parts_is_never_one_withheld_figure(values, may_round):
    _ledger, cells = _line(values, may_round=may_round)
    total = cells["total"]
    if total.suppressed or total.rounded:
        return
    published = sum(cell.value for key, cell in cells.items() if key != "total" and cell.value)
    withheld = [values[key[1]] for key, cell in cells.items() if key != "total" and cell.suppressed]
    if withheld:
        assert len(withheld) >= 2
        assert total.value - published not in withheld


@given(values=st.lists(counts, min_size=1, max_size=4), may_round=st.booleans())
def test_every_withheld_figure_could_be_two_numbers_or_more(values, may_round):
    _ledger, cells = _line(values, may_round=may_round)
    keys = [("part", index) for index in range(len(values))]
    ceiling = sum(values) + 2
    feasible = list(_feasible(cells, keys, "total", ceiling))
    assert tuple(values) in feasible  # the reader's reasoning allows the truth
    if _all_ones_below_five(values):
        # The one case no withholding can hide (see reports.suppression): every figure of
        # the line is withheld, and nothing else is published.
        assert all(cell.suppressed for cell in cells.values())
        return
    for index, key in enumerate(keys):
        if cells[key].suppressed:
            assert len({combination[index] for combination in feasible}) >= 2, (values, cells)
    if cells["total"].rounded:
        assert cells["total"].value == round_to_five(sum(values))


def _all_ones_below_five(values) -> bool:
    """Four ones (zeros aside): four rows of "fewer than 5" under a total of "fewer than 5"."""
    return sum(values) == 4 and set(values) <= {0, 1}


def test_a_line_of_ones_below_five_is_withheld_whole():
    _ledger, cells = _line([1, 1, 0, 1, 1], may_round=True)
    assert [cell.suppressed for cell in cells.values()] == [True, True, False, True, True, True]


@settings(max_examples=60)
@given(
    grid=st.lists(
        st.lists(st.integers(min_value=0, max_value=9), min_size=2, max_size=2),
        min_size=2,
        max_size=3,
    ),
)
def test_a_table_with_row_and_column_totals_hides_every_small_cell(grid):
    """Rows and columns both add up: the cells, the row totals, the column totals and the
    grand total. A brute-force search over what the reader cannot see finds at least two
    values for every withheld figure."""
    ledger = Ledger()
    rows, columns = len(grid), len(grid[0])
    for r, c in itertools.product(range(rows), range(columns)):
        ledger.count((r, c), grid[r][c])
    for r in range(rows):
        ledger.count((r, "total"), sum(grid[r]))
        ledger.sums((r, "total"), [(r, c) for c in range(columns)])
    for c in range(columns):
        ledger.count(("total", c), sum(row[c] for row in grid))
        ledger.sums(("total", c), [(r, c) for r in range(rows)])
    grand = sum(map(sum, grid))
    ledger.count(("total", "total"), grand)
    ledger.sums(("total", "total"), [(r, "total") for r in range(rows)])
    ledger.sums(("total", "total"), [("total", c) for c in range(columns)])
    cells = ledger.publish()

    for cell in cells.values():
        assert cell.suppressed or cell.value == 0 or cell.value >= 5
    if _all_ones_below_five([value for row in grid for value in row]):
        assert all(cell.suppressed or cell.value == 0 for cell in cells.values())
        return
    withheld = [
        (r, c)
        for r, c in itertools.product(range(rows), range(columns))
        if cells[(r, c)].suppressed
    ]
    if not withheld:
        return
    ceiling = grand + 2
    # Row by row, each row's possibilities that agree with its own total; then every choice of
    # one possibility per row that agrees with the column totals and the grand total.
    per_row = []
    for r in range(rows):
        options = [
            _possible(
                cells[(r, c)],
                None,
                min(_high(cells[(r, "total")]), _high(cells[("total", c)]), ceiling),
            )
            for c in range(columns)
        ]
        per_row.append(
            [
                combo
                for combo in itertools.product(*options)
                if _fits(cells[(r, "total")], sum(combo))
            ]
        )
    seen = {key: set() for key in withheld}
    for trial in itertools.product(*per_row):
        if _agrees(trial, cells, columns):
            for r, c in withheld:
                seen[(r, c)].add(trial[r][c])
    for key in withheld:
        assert grid[key[0]][key[1]] in seen[key]
        assert len(seen[key]) >= 2, (grid, key, seen[key])


def _high(cell) -> int:
    """The most a published (or rounded) total could be; withheld, it says nothing."""
    if not cell.suppressed:
        return cell.value + (2 if cell.rounded else 0)
    return 10**6


def _fits(cell, value) -> bool:
    if not cell.suppressed:
        return abs(cell.value - value) <= (2 if cell.rounded else 0)
    return value >= 5 if cell.secondary else 1 <= value <= 4


def _agrees(trial, cells, columns) -> bool:
    for c in range(columns):
        if not _fits(cells[("total", c)], sum(row[c] for row in trial)):
            return False
    return _fits(cells[("total", "total")], sum(map(sum, trial)))


@given(awards=st.lists(st.integers(min_value=0, max_value=8), min_size=1, max_size=5))
def test_money_from_fewer_than_five_awards_is_withheld_and_cannot_be_worked_out(awards):
    ledger = Ledger()
    amounts = [Decimal(150) * count + Decimal("0.50") * count for count in awards]
    parts = [
        ledger.money(("amount", index), amount, awards=count)
        for index, (amount, count) in enumerate(zip(amounts, awards, strict=True))
    ]
    ledger.money("total", sum(amounts, Decimal(0)), awards=sum(awards))
    ledger.sums("total", parts)
    cells = ledger.publish()
    for index, count in enumerate(awards):
        if 0 < count < 5:
            assert cells[("amount", index)].suppressed
    withheld = [index for index in range(len(awards)) if cells[("amount", index)].suppressed]
    assert len(withheld) != 1 or cells["total"].suppressed


@settings(max_examples=80)
@given(
    rows=st.lists(
        st.tuples(st.integers(min_value=0, max_value=7), st.integers(min_value=0, max_value=7)),
        min_size=2,
        max_size=3,
    ),
)
def test_a_figure_at_most_another_cannot_be_worked_out_from_that_either(rows):
    """Applications and awards (never more than the applications) per row, each column with a
    rounded-if-need-be total: a brute-force search over everything the reader cannot see, using
    the sums and "awards at most applications", finds two values for every withheld figure."""
    lines = [(applications, min(awards, applications)) for applications, awards in rows]
    ledger = Ledger()
    for r, (applications, awards) in enumerate(lines):
        ledger.count((r, 0), applications)
        ledger.count((r, 1), awards)
    for c in range(2):
        ledger.count(("total", c), sum(line[c] for line in lines), may_round=True)
        ledger.sums(("total", c), [(r, c) for r in range(len(lines))])
    excesses = [ledger.at_most((r, 1), (r, 0)) for r in range(len(lines))]
    ledger.sums(ledger.at_most(("total", 1), ("total", 0)), excesses)
    cells = ledger.publish()

    for cell in cells.values():
        assert cell.suppressed or cell.value == 0 or cell.value >= 5
    ceiling = sum(line[0] for line in lines) + 2
    per_row = [
        [
            (applications, awards)
            for applications in _possible(cells[(r, 0)], None, ceiling)
            for awards in _possible(cells[(r, 1)], None, ceiling)
            if awards <= applications
        ]
        for r in range(len(lines))
    ]
    seen = {key: set() for key, cell in cells.items() if cell.suppressed and key[0] != "total"}
    for trial in itertools.product(*per_row):
        if all(_fits(cells[("total", c)], sum(row[c] for row in trial)) for c in range(2)):
            for r, c in seen:
                seen[(r, c)].add(trial[r][c])
    for (r, c), values in seen.items():
        assert lines[r][c] in values
        column = [line[c] for line in lines]
        if _all_ones_below_five(column) and cells[("total", c)].suppressed:
            continue  # the case no withholding can hide
        assert len(values) >= 2, (lines, (r, c), values)
