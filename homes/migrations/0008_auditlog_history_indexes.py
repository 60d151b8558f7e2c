"""Indexes on django-auditlog's table made for the history pages (issue 14).

At provider scale the log is most of the database (millions of entries, mostly reads). Without
these, a record's history walks the provider-wide timestamp index and discards almost every row:
- a record's changes (the child's History, a supervision session's history) and a record's reads,
  by content type + object id, newest first: two partial indexes, on changes and on reads
  (auditlog's ACCESS action is 3), so each page reads only its own entries;
- the rows of a plan or risk assessment (goals, risks) logged with their version's id in
  `additional_data` ("record_id", see children/models/care_plan.py): an expression index on that
  key, PostgreSQL only (SQLite, the development database, does without).
Built CONCURRENTLY on PostgreSQL so a live log is not locked while they build.
"""

from django.db import migrations

TABLE = "auditlog_logentry"
INDEXES = {
    "auditlog_object_changes_idx": "(content_type_id, object_id, timestamp, id) WHERE action <> 3",
    "auditlog_object_reads_idx": "(content_type_id, object_id, timestamp, id) WHERE action = 3",
}
POSTGRES_ONLY = {
    "auditlog_record_rows_idx": "(content_type_id, (additional_data -> 'record_id'), timestamp, id) WHERE action <> 3",
}


def create(apps, schema_editor) -> None:
    postgres = schema_editor.connection.vendor == "postgresql"
    indexes = {**INDEXES, **POSTGRES_ONLY} if postgres else INDEXES
    for name, definition in indexes.items():
        concurrently = "CONCURRENTLY " if postgres else ""
        schema_editor.execute(f"CREATE INDEX {concurrently}IF NOT EXISTS {name} ON {TABLE} {definition}")


def drop(apps, schema_editor) -> None:
    for name in [*INDEXES, *POSTGRES_ONLY]:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run inside a transaction

    dependencies = [
        ("homes", "0007_responsible_individual_role"),
        ("auditlog", "0017_add_actor_email"),
    ]

    operations = [migrations.RunPython(create, drop)]
