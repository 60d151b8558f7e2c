import datetime

import pytest

from homes.dates import add_months, last_months, month_range, month_start

D = datetime.date


def test_month_start():
    assert month_start(D(2026, 2, 28)) == D(2026, 2, 1)
    assert month_start(D(2026, 3, 1)) == D(2026, 3, 1)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2025, 8, 31), 6, D(2026, 2, 28)),  # the month is shorter: its last day
        (D(2023, 8, 31), 6, D(2024, 2, 29)),  # a leap year
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2024, 2, 29), 48, D(2028, 2, 29)),
        (D(2026, 12, 15), 1, D(2027, 1, 15)),  # December rolls over into the next year
        (D(2026, 11, 30), 3, D(2027, 2, 28)),
        (D(2027, 1, 31), -1, D(2026, 12, 31)),  # and back
        (D(2026, 3, 31), -1, D(2026, 2, 28)),
        (D(2026, 5, 17), -17, D(2024, 12, 17)),
        (D(2026, 5, 17), 0, D(2026, 5, 17)),
    ],
)
def test_add_months_keeps_the_day_or_the_months_end(day, months, expected):
    assert add_months(day, months) == expected


def test_month_range_includes_both_ends_across_a_new_year():
    assert month_range(D(2025, 11, 20), D(2026, 2, 1)) == [D(2025, 11, 1), D(2025, 12, 1), D(2026, 1, 1), D(2026, 2, 1)]
    assert month_range(D(2026, 2, 10), D(2026, 2, 11)) == [D(2026, 2, 1)]
    assert month_range(D(2026, 3, 1), D(2026, 2, 28)) == []


def test_last_months_counts_this_month_in():
    assert last_months(1, D(2026, 1, 31)) == (D(2026, 1, 1), D(2026, 1, 31))
    assert last_months(12, D(2026, 1, 31)) == (D(2025, 2, 1), D(2026, 1, 31))
    assert last_months(3, D(2024, 3, 31)) == (D(2024, 1, 1), D(2024, 3, 31))
