"""The language check's implementation measure (issue 11, item 5): per home per month, the share
of written entries (every registered homes.extensions.WrittenRecords: daily logs, handovers,
flags, key working; incident accounts when the safeguarding app registers them) that use a
flagged phrase. Research on implementing the therapeutic model measures it from the records
themselves; this is one such measure, shown on the home's page and in the monthly tracker."""

import datetime
from dataclasses import dataclass

from children.charts import OKABE_ITO, monthly_bars
from homes.dates import add_months, month_start
from homes.extensions import WrittenRecords, written_records
from homes.models import Home
from shifts.language import Matcher, matcher

MONTHS_SHOWN = 6


@dataclass(frozen=True)
class MonthShare:
    month: datetime.date
    entries: int
    flagged: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.flagged / self.entries) if self.entries else None


def _month_end(month: datetime.date) -> datetime.date:
    return add_months(month, 1) - datetime.timedelta(days=1)


def month_share(home: Home, month: datetime.date, *, using: Matcher | None = None) -> MonthShare:
    """How many of the home's entries dated in the month there are, and how many use a flagged phrase."""
    using = using or matcher()
    entries = flagged = 0
    for source in written_records.values():
        for text in source.texts(home, month, _month_end(month)):
            entries += 1
            flagged += using.flags(text)
    return MonthShare(month=month, entries=entries, flagged=flagged)


def recent_shares(home: Home, today: datetime.date, months: int = MONTHS_SHOWN) -> list[MonthShare]:
    """The last `months` months, this one included, oldest first. One query per source per month."""
    using = matcher()
    first = add_months(month_start(today), -(months - 1))
    return [month_share(home, add_months(first, n), using=using) for n in range(months)]


def share_chart(shares: list[MonthShare], home: Home) -> dict:
    return monthly_bars(
        [(share.month, share.percent) for share in shares],
        maximum=100,
        unit="%",
        colour=OKABE_ITO["blue"],
        title=f"Share of entries at {home.name} with a phrase the language check flags",
        notes=[f"{share.flagged} of {share.entries} entries" for share in shares],
    )


def register_own_records() -> None:
    """What this app's records and key working contribute (children may be imported by any app)."""
    from children.extensions import dated
    from children.models import KeyWorkingSession
    from shifts.models import DailyLog, Handover, HandoverFlag
    from shifts.models.daily_log import STAFF_TEXT_FIELDS

    def daily_logs(home, start, end):
        logs = dated(DailyLog.objects.filter(child__home=home, archived=False), "shift_date", start, end)
        for values in logs.values_list(*STAFF_TEXT_FIELDS):
            yield "\n".join(value for value in values if value)

    def handovers(home, start, end):
        rows = dated(Handover.objects.filter(home=home).exclude(summary=""), "shift_date", start, end)
        yield from rows.values_list("summary", flat=True)

    def flags(home, start, end):
        rows = dated(HandoverFlag.objects.filter(home=home, daily_log__isnull=True), "raised_at", start, end)
        yield from rows.values_list("text", flat=True)

    def key_working(home, start, end):
        sessions = dated(KeyWorkingSession.objects.filter(child__home=home, archived=False), "happened_at", start, end)
        for values in sessions.values_list("topic", "notes", "follow_ups"):
            yield "\n".join(value for value in values if value)

    for name, label, texts in (
        ("daily_logs", "Daily logs", daily_logs),
        ("handovers", "Handovers", handovers),
        ("handover_flags", "Flags for the next shift", flags),
        ("key_working", "Key working", key_working),
    ):
        written_records.setdefault(name, WrittenRecords(name=name, label=label, texts=texts))
