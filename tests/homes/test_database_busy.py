"""SQLite under concurrent writes: writers wait for each other (busy timeout, IMMEDIATE
transactions), and what still finds the database locked answers 503 "Hearth is busy", not 500."""

import threading
import time

import pytest
from django.conf import settings
from django.db import OperationalError, connections, transaction
from django.db.backends.sqlite3.base import DatabaseWrapper
from django.urls import reverse

from homes import access
from homes.middleware import BUSY_MESSAGE

on_sqlite = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3", reason="SQLite only"
)


def _write_concurrently(path, options: dict) -> list[Exception]:
    """Two threads, each in its own connection to one SQLite file: the first holds a write
    transaction open while the second reads then writes (what a form save does). Returns the
    errors the threads raised."""
    settings_dict = {**connections["default"].settings_dict, "NAME": str(path), "OPTIONS": options}
    holding, errors = threading.Event(), []

    def in_own_connection(work) -> None:
        connections["busy"] = DatabaseWrapper(settings_dict, alias="busy")  # thread-local
        try:
            work()
        except Exception as error:  # noqa: BLE001 - collected for the assertion
            errors.append(error)
            holding.set()
        finally:
            connections["busy"].close()

    def first() -> None:
        with transaction.atomic(using="busy"), connections["busy"].cursor() as cursor:
            cursor.execute("INSERT INTO note (text) VALUES ('first')")
            holding.set()
            time.sleep(0.5)

    def second() -> None:
        holding.wait(5)
        with transaction.atomic(using="busy"), connections["busy"].cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM note")
            cursor.execute("INSERT INTO note (text) VALUES ('second')")

    in_own_connection(lambda: connections["busy"].cursor().execute("CREATE TABLE note (text TEXT)"))
    threads = [threading.Thread(target=in_own_connection, args=[work]) for work in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    return errors


@on_sqlite
def test_two_concurrent_writers_both_succeed(tmp_path, django_db_blocker):
    with django_db_blocker.unblock():  # a database file of the test's own, not the test database
        errors = _write_concurrently(tmp_path / "busy.sqlite3", settings.DATABASES["default"]["OPTIONS"])
    assert errors == []


@on_sqlite
def test_without_immediate_transactions_the_second_writer_fails_at_once(tmp_path, django_db_blocker):
    """Why `transaction_mode` is set: a deferred transaction that read first cannot wait for the
    lock (SQLite refuses at once rather than deadlock), whatever the timeout."""
    with django_db_blocker.unblock():
        errors = _write_concurrently(tmp_path / "busy.sqlite3", {"timeout": 20})
    assert [str(error) for error in errors] == ["database is locked"]


@on_sqlite
def test_a_database_still_locked_answers_busy_not_500(client_for, manager, monkeypatch):
    def locked(user):
        raise OperationalError("database is locked")

    monkeypatch.setattr(access, "homes_for", locked)
    response = client_for(manager).get(reverse("dashboard"))
    assert response.status_code == 503
    assert BUSY_MESSAGE in response.text
    assert response["Retry-After"]


@on_sqlite
def test_other_database_errors_are_not_hidden(client_for, manager, monkeypatch):
    def broken(user):
        raise OperationalError("no such table: homes_home")

    monkeypatch.setattr(access, "homes_for", broken)
    with pytest.raises(OperationalError):
        client_for(manager).get(reverse("dashboard"))
