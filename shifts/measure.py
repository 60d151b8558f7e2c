"""The language check's implementation measure (issue 11, item 5): per home per month, the share
of written entries (every registered homes.extensions.WrittenRecords: daily logs, handovers,
flags, key working; incident accounts when the safeguarding app registers them) that use a
flagged phrase. Research on implementing the therapeutic model measures it from the records
themselves; this is one such measure, shown on the home's page and in the monthly tracker."""

import datetime
from dataclasses import dataclass

from children.charts import OKABE_ITO, monthly_bars
from homes.dates import add_months, month_range, month_start
from homes.extensions import WrittenRecords, days_and_texts, written_records
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


def shares(home: Home, first: datetime.date, last: datetime.date, *, using: Matcher | None = None) -> list[MonthShare]:
    """Each month from `first`'s to `last`'s, oldest first: how many of the home's entries dated in
    it there are, and how many use a flagged phrase. One query per source for the whole period."""
    using = using or matcher()
    months = month_range(month_start(first), month_start(last))
    counts = {month: [0, 0] for month in months}
    end = add_months(months[-1], 1) - datetime.timedelta(days=1)
    for source in written_records.values():
        for day, text in source.texts(home, months[0], end):
            bucket = counts[month_start(day)]
            bucket[0] += 1
            bucket[1] += using.flags(text)
    return [MonthShare(month=month, entries=entries, flagged=flagged) for month, (entries, flagged) in counts.items()]


def month_share(home: Home, month: datetime.date, *, using: Matcher | None = None) -> MonthShare:
    """The share for one month (the monthly tracker's)."""
    return shares(home, month, month, using=using)[0]


def recent_shares(home: Home, today: datetime.date, months: int = MONTHS_SHOWN) -> list[MonthShare]:
    """The last `months` months, this one included, oldest first."""
    return shares(home, add_months(month_start(today), -(months - 1)), today)


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
        return days_and_texts(logs.values_list("shift_date", *STAFF_TEXT_FIELDS))

    def handovers(home, start, end):
        rows = dated(Handover.objects.filter(home=home).exclude(summary=""), "shift_date", start, end)
        return days_and_texts(rows.values_list("shift_date", "summary"))

    def flags(home, start, end):
        rows = dated(HandoverFlag.objects.filter(home=home, daily_log__isnull=True), "raised_at", start, end)
        return days_and_texts(rows.values_list("raised_at", "text"))

    def key_working(home, start, end):
        sessions = dated(KeyWorkingSession.objects.filter(child__home=home, archived=False), "happened_at", start, end)
        return days_and_texts(sessions.values_list("happened_at", "topic", "notes", "follow_ups"))

    for name, label, texts in (
        ("daily_logs", "Daily logs", daily_logs),
        ("handovers", "Handovers", handovers),
        ("handover_flags", "Flags for the next shift", flags),
        ("key_working", "Key working", key_working),
    ):
        written_records.setdefault(name, WrittenRecords(name=name, label=label, texts=texts))
