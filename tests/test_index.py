"""The day table behind the day fast paths, against a plain scan."""

from __future__ import annotations

import itertools
from bisect import bisect_right

from hypothesis import given
from hypothesis import strategies as st

from csto_timeline._index import day_table

points_and_values = st.lists(
    st.tuples(st.integers(1, 3_000_000), st.sampled_from("abc")), unique_by=lambda pair: pair[0], max_size=40
).map(sorted)


def scan(pairs: list[tuple[int, str]], day: int, before: str) -> str:
    """The value of the last point at or before ``day``, else ``before``."""
    found = before
    for point, value in pairs:
        if point <= day:
            found = value
    return found


@given(points_and_values, st.lists(st.integers(1, 3_000_001), max_size=30))
def test_a_lookup_gives_the_last_value_at_or_before_the_day(pairs: list[tuple[int, str]], days: list[int]) -> None:
    points, values = day_table([p for p, _ in pairs], [v for _, v in pairs], before="-")
    for day in [*days, *(p for p, _ in pairs), *(p - 1 for p, _ in pairs)]:
        assert values[bisect_right(points, day) - 1] == scan(pairs, day, "-")


@given(points_and_values)
def test_the_table_keeps_only_points_where_the_value_changes(pairs: list[tuple[int, str]]) -> None:
    points, values = day_table([p for p, _ in pairs], [v for _, v in pairs], before="-")
    assert points[0] == 0
    assert list(points) == sorted(set(points))
    assert all(a != b for a, b in itertools.pairwise(values))
    assert len(points) == len(values)
