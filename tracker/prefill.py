"""What the records already say about a child's month, computed when shown, never retyped.

Today the summary counts the month's dated records of every kind that apps publish to the
child's chronology (`children.extensions.chronology_sources`). The integrator adds here the
sections that need the care-plan and assessment apps, each as a field of MonthSummary filled
by a function of (child, month): key working (sessions and the child's own words), activities
by domain, education and psychotherapy attendance, any reassessment and its changes, plan and
risk-assessment changes. The tracker page and both PDFs render the summary through
templates/tracker/_month_summary.html, so a new section shows in all three.
"""

import datetime
from dataclasses import dataclass, field

from children import extensions
from children.models import Child
from tracker.months import last_day


@dataclass(frozen=True)
class RecordCount:
    kind: str
    label: str
    count: int


@dataclass(frozen=True)
class MonthSummary:
    child: Child
    month: datetime.date
    records: list[RecordCount] = field(default_factory=list)

    @property
    def total_records(self) -> int:
        return sum(record.count for record in self.records)


def month_summary(child: Child, month: datetime.date) -> MonthSummary:
    """One query per registered record kind, whatever the number of records."""
    start, end = month, last_day(month)
    records = [
        RecordCount(kind=source.kind, label=source.label, count=source.count_between(child, start, end))
        for source in sorted(extensions.chronology_sources.values(), key=lambda source: source.label)
    ]
    return MonthSummary(child=child, month=month, records=records)
