from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from records.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into an EMPTY database (DATABASE_URL) and an EMPTY file "
        "store, after checking every file against the manifest's SHA-256. `make restore BACKUP=dir` runs this."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("source", help="The backup's directory (the one holding manifest.json)")

    def handle(self, *args, source: str, **options) -> None:
        try:
            result = backup_restore(source=Path(source))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the {result.engine} database and {result.files} files ({result.bytes} bytes) "
                f"from the backup of {result.created_at}."
            )
        )
