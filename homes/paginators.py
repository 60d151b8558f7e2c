"""Pages of tables too large to count (issue 14): the audit log holds millions of rows, and
COUNT(*) over them reads the whole table (or all of one record's reads) on every page."""

import json
from collections.abc import Sequence
from functools import cached_property
from types import SimpleNamespace

from django.core.paginator import Paginator
from django.db import connections
from django.db.models import QuerySet

# Up to this many rows are counted exactly (a bounded COUNT over a LIMIT); above it the count is
# PostgreSQL's planner's estimate, which costs nothing however large the table.
EXACT_COUNT_UP_TO = 10_000


class EstimatedCountPaginator(Paginator):
    """Counts a queryset exactly while it is small, and estimates it once it is large: the
    admin's result count reads "about" that many, and the last pages may be shorter."""

    @cached_property
    def count(self) -> int:
        queryset = self.object_list.order_by()
        counted = queryset[: EXACT_COUNT_UP_TO + 1].count()
        if counted <= EXACT_COUNT_UP_TO:
            return counted
        connection = connections[queryset.db]
        if connection.vendor != "postgresql":
            return queryset.count()
        sql, params = queryset.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
            plan = cursor.fetchone()[0]
        if isinstance(plan, str):
            plan = json.loads(plan)
        return max(int(plan[0]["Plan"]["Plan Rows"]), counted)


class UncountedPage(Sequence):
    """A page of a list too long to count (every read of a child's record, over years): fetched
    with one row more than it shows, so it knows whether there is an older page, never how many.
    It has what `includes/pager.html` asks of a Django page, and no page count."""

    def __init__(self, queryset: QuerySet, number: str | int | None, per_page: int) -> None:
        try:
            self.number = max(int(number or 1), 1)
        except (TypeError, ValueError):
            self.number = 1
        start = (self.number - 1) * per_page
        rows = list(queryset[start : start + per_page + 1])
        self.object_list = rows[:per_page]
        self._more = len(rows) > per_page
        self.paginator = SimpleNamespace(num_pages=None, per_page=per_page)

    def __len__(self) -> int:
        return len(self.object_list)

    def __getitem__(self, index):
        return self.object_list[index]

    def has_next(self) -> bool:
        return self._more

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_next() or self.has_previous()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1
