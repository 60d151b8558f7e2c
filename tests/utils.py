"""Helpers shared by the test packages."""

import datetime

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
