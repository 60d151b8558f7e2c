from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from records.backup import BackupError, backup_create, default_backup_destination


class Command(BaseCommand):
    help = (
        "Write a backup: the database (pg_dump, or SQLite's backup API), every file in the file store, and a "
        "manifest with the SHA-256 of each. `make backup` runs this."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "destination", nargs="?", help="A new directory for the backup (default: var/backups/hearth-<time>)"
        )

    def handle(self, *args, destination: str | None = None, **options) -> None:
        target = Path(destination) if destination else default_backup_destination()
        try:
            written = backup_create(destination=target)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Backup written to {written}"))
