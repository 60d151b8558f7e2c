"""The supervision compliance summary for the inspector evidence pack: facts, no content."""

import datetime
from collections.abc import Iterator

from homes.models import Home
from supervision.services.compliance import compliance_csv, compliance_pdf, compliance_summary


def evidence_files(home: Home, start: datetime.date, end: datetime.date) -> Iterator[tuple[str, bytes]]:
    summary = compliance_summary(home, start, end)
    yield "supervision-compliance.csv", compliance_csv(summary)
    yield "supervision-compliance.pdf", compliance_pdf(summary)
