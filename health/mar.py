"""The month's MAR chart in the familiar paper layout: a row per medicine and time, a column per
day, each box holding the giver's initials or a code (R refused, SA self-administered, the reason
code of a dose not given, a cross for a dose missed, a dash where none was due). Used by the page
and the PDF alike."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from children.models import Child
from health.models import Dose, Prescription, Registration
from health.schedule import MISSED, due_at, due_doses
from health.selectors import allergies_by_child, prescriptions_between
from homes.dates import add_months

NOT_DUE = "—"
MISSED_MARK = "✗"


@dataclass(frozen=True)
class Row:
    prescription: Prescription
    time: datetime.time | None  # None: an "as needed" medicine
    cells: list[str]
    missed: int


def month_chart(child: Child, month: datetime.date, now: datetime.datetime | None = None) -> dict:
    """Everything the chart shows for the child's month: five queries."""
    now = now or timezone.now()
    following = add_months(month, 1)
    days = [month + datetime.timedelta(days=n) for n in range((following - month).days)]
    start, end = due_at(month, datetime.time.min), due_at(following, datetime.time.min)
    prescriptions = list(prescriptions_between([child], month, following - datetime.timedelta(days=1)))
    doses = list(
        Dose.objects.filter(
            child=child, given_at__gte=start - datetime.timedelta(days=1), given_at__lt=end + datetime.timedelta(days=1)
        )
        .select_related("recorded_by", "witness", "prescription")
        .order_by("given_at")
    )
    due = due_doses([p for p in prescriptions if not p.as_needed], doses, start, end)
    boxes: dict[tuple[int, datetime.time], dict[int, str]] = defaultdict(dict)
    missed: dict[tuple[int, datetime.time], int] = defaultdict(int)
    for item in due:
        local = timezone.localtime(item.due_at)
        key = (item.prescription.pk, local.time())
        if item.dose is not None:
            boxes[key][local.day] = item.dose.code
        elif item.status(now) == MISSED:
            boxes[key][local.day] = MISSED_MARK
            missed[key] += 1
        else:
            boxes[key][local.day] = ""
    prn_boxes: dict[int, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    prn_doses = []
    for dose in doses:
        if dose.due_at is None and start <= dose.given_at < end:
            local = timezone.localtime(dose.given_at)
            prn_boxes[dose.prescription_id][local.day].append(f"{local:%H:%M} {dose.code}")
            prn_doses.append(dose)
    rows = []
    for prescription in prescriptions:
        if prescription.as_needed:
            cells = ["\n".join(prn_boxes[prescription.pk].get(day.day, [])) for day in days]
            rows.append(Row(prescription, None, cells, 0))
            continue
        for time in prescription.time_list:
            key = (prescription.pk, time)
            cells = [boxes[key].get(day.day, NOT_DUE) for day in days]
            rows.append(Row(prescription, time, cells, missed[key]))
    registrations = Registration.objects.filter(child=child, ended=False, kind=Registration.Kind.GP)
    return {
        "child": child,
        "month": month,
        "days": days,
        "rows": rows,
        "prn_doses": [d for d in prn_doses],
        "allergies": allergies_by_child([child.pk]).get(child.pk, []),
        "gp": registrations.first(),
        "reasons": Dose.Reason.choices,
        "not_due": NOT_DUE,
        "missed_mark": MISSED_MARK,
        "signers": sorted(
            {(d.code, str(d.recorded_by)) for d in doses if d.outcome in (Dose.Outcome.GIVEN,)}, key=lambda s: s[1]
        ),
    }
