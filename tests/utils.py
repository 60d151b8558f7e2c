"""Helpers shared by the test packages."""

import datetime
from collections.abc import Callable
from io import StringIO
from unittest import mock

from django.core.management import call_command
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


def earlier_today(**ago: float) -> datetime.datetime:
    """`ago` (timedelta's arguments) before now, but never before today's first moment: a time
    in today's date, and so in this month, whenever the test runs (CI runs just after midnight,
    and on the first of a month)."""
    now = timezone.localtime()
    # Counted back in real time, then read locally: a local time minus an hour is wall-clock
    # arithmetic, which gives an hour that does not exist the night the clocks go forward.
    ago_then = timezone.localtime(timezone.now() - datetime.timedelta(**ago))
    return max(ago_then, now.replace(hour=0, minute=0, second=0, microsecond=0))


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


# A one-page PDF with no text: what WeasyPrint is replaced by while the demo is seeded for a test.
PLACEHOLDER_PDF = b"%PDF-1.4\n%placeholder: tests.utils.seed_demo renders no PDF\n%%EOF\n"


class _NoRendering:
    def __init__(self, *args, **kwargs) -> None:
        pass

    def write_pdf(self, *args, **kwargs) -> bytes:
        return PLACEHOLDER_PDF


def seed_demo() -> str:
    """`manage.py seed_demo` for a test of the demo's records, without its PDFs (returns what the
    command printed). The builds the demo queues stay queued, as they would until a worker took
    them, and a file the demo builds in place (the subject access request's) is a placeholder:
    rendering them took two thirds of a seed on PostgreSQL, repeated by every demo test. The PDFs
    have their own tests; tests/oversight/test_demo.py seeds with them built."""
    out = StringIO()
    with mock.patch("homes.builds.send_build"), mock.patch("weasyprint.HTML", _NoRendering):
        call_command("seed_demo", stdout=out)
    return out.getvalue()
