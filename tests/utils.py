"""Helpers shared by the test packages."""

import datetime
from collections.abc import Callable

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone


def count_queries(client: Client, url: str) -> int:
    """How many queries a GET of the page runs (asserting that it answers 200): compare one row
    with many to show that a page's queries do not grow with its rows."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(queries)


def today() -> datetime.date:
    """Today in Europe/London, asked when a test runs (not when its module is imported, which
    a run crossing midnight would get wrong)."""
    return timezone.localdate()


def at_the_same_time(*calls: Callable[[], object]) -> list[object]:
    """Run each call in its own thread (and database connection), released together, and return
    what each returned or raised, in order. For races that only a database server shows: SQLite
    serialises every write."""
    import threading

    from django.db import connections

    barrier = threading.Barrier(len(calls))
    outcomes: list[object] = [None] * len(calls)

    def run(index: int, call: Callable[[], object]) -> None:
        try:
            barrier.wait()
            outcomes[index] = call()
        except Exception as error:  # the race's loser: the caller asserts on it
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes
