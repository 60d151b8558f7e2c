from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from assessments.services.instrument import InstrumentError, instrument_load, parse_instrument


class Command(BaseCommand):
    help = "Load an assessment instrument version from a JSON file. Refuses a bad file and writes nothing."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options) -> None:
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        try:
            instrument = instrument_load(data=parse_instrument(text))
        except InstrumentError as error:
            raise CommandError(f"{file} was not loaded. {error}") from error
        items = instrument.items.count()
        self.stdout.write(self.style.SUCCESS(f"Loaded {instrument} with {items} items."))
