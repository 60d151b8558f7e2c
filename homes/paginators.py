"""A paginator for tables too large to count (issue 14): the audit log holds millions of rows, and
COUNT(*) over them reads the whole table on every page of its admin list."""

import json
from functools import cached_property

from django.core.paginator import Paginator
from django.db import connections

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
