"""Rules shared by the dated care records (key working, activities, provision sessions)."""

import datetime

from django.utils import timezone

from children.models.child import Child

MAX_DURATION_MINUTES = 12 * 60

BEFORE_ADMISSION = "This is before {child} came to live at the home ({date})."
AFTER_DISCHARGE = "This is after {child} left the home ({date})."
DURATION_OUT_OF_RANGE = f"Give the length in minutes, between 1 and {MAX_DURATION_MINUTES}."


def placement_date_errors(child: Child, day: datetime.date, field: str, in_future: str) -> dict[str, list[str]]:
    """Errors for a record of something that happened to the child on `day`: it cannot be in
    the future, nor before the child arrived or after they left."""
    if day > timezone.localdate():
        return {field: [in_future]}
    if day < child.admission_date:
        return {field: [BEFORE_ADMISSION.format(child=child.preferred_name, date=f"{child.admission_date:%-d %B %Y}")]}
    if child.discharge_date and day > child.discharge_date:
        return {field: [AFTER_DISCHARGE.format(child=child.preferred_name, date=f"{child.discharge_date:%-d %B %Y}")]}
    return {}


def duration_errors(minutes: int | None, field: str = "duration_minutes") -> dict[str, list[str]]:
    if minutes is not None and not 1 <= minutes <= MAX_DURATION_MINUTES:
        return {field: [DURATION_OUT_OF_RANGE]}
    return {}
