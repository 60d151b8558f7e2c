"""The child's own copy (issue 15, item 2): "My plan and my story so far", and the moving-on pack
when they leave. Written to the child, in large type: their words first, then what the adults
will do, then their achievements and memory box. Queued on commit and built by a Celery worker
from the row's id, like the MAR PDF (health.services.prints); a manager prints it to go through
with the child. The moving-on pack adds the later apps' sections (the health summary, through
children.extensions.register_moving_on_section) and who to contact."""

import base64

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from children.extensions import moving_on_sections_for
from children.models import CarePlan, Child, Goal, KeyWorkingSession
from homes import builds
from homes.models import User
from homes.pdf import html_to_pdf
from records.models import Document, OwnCopy

BUILD_TASK = "records.tasks.build_own_copy"
# Their words: the most recent key-working sessions' "in your words".
VOICES_SHOWN = 12
# Memory-box pictures go in as data: URLs (the PDF builder fetches nothing else); only the small
# thumbnails Hearth made, never the full photo.
PICTURE_MAX_BYTES = 200_000


@transaction.atomic
def own_copy_request(*, child: Child, kind: str, queued_by: User) -> OwnCopy:
    """Queue (again) the child's copy of this kind (the plan or memory box may have changed); the
    worker is sent the id once committed."""
    row, _ = OwnCopy.objects.select_for_update().get_or_create(
        child=child, kind=kind, defaults={"queued_by": queued_by}
    )
    return builds.requeue(row, BUILD_TASK, queued_by=queued_by)


def own_copy_build(*, copy_id: int) -> OwnCopy:
    return builds.build(OwnCopy, copy_id, _render, name=lambda row: f"{row.kind}.pdf")


def _render(row: OwnCopy) -> bytes:
    child = Child.objects.select_related("home", "key_worker").get(pk=row.child_id)
    return html_to_pdf(render_to_string("records/pdf/own_copy.html", own_copy_context(child, row.kind)))


def own_copy_context(child: Child, kind: str) -> dict:
    """Everything the PDF says, in a constant number of queries."""
    plan = CarePlan.objects.filter(child=child, status=CarePlan.Status.ACTIVE).prefetch_related("goals__lead").first()
    goals = list(plan.goals.all()) if plan else []
    voices = list(KeyWorkingSession.objects.filter(child=child, archived=False).exclude(child_voice="")[:VOICES_SHOWN])
    moving_on = kind == OwnCopy.Kind.MOVING_ON
    return {
        "child": child,
        "kind": kind,
        "moving_on": moving_on,
        "document_title": OwnCopy.Kind(kind).label,
        "generated_at": timezone.now(),
        "plan": plan,
        "working_on": [goal for goal in goals if goal.status in Goal.OPEN],
        "achieved": _achieved_goals(child),
        "voices": voices,
        "memory_box": [(item, _picture(item)) for item in Document.objects.memory_box().filter(child=child)],
        "sections": moving_on_sections_for(child) if moving_on else [],
    }


def _achieved_goals(child: Child) -> list[Goal]:
    """Each goal the child achieved, once (the latest plan version's copy of it)."""
    seen, achieved = set(), []
    for goal in Goal.objects.filter(plan__child=child, status=Goal.Status.ACHIEVED).order_by("-plan__version"):
        if goal.thread_id not in seen:
            seen.add(goal.thread_id)
            achieved.append(goal)
    return achieved


def _picture(item: Document) -> str:
    """The item's thumbnail as a data: URL, or "" (no thumbnail, too big, or missing from storage)."""
    if not item.thumbnail:
        return ""
    try:
        with item.thumbnail.open("rb") as thumbnail:
            content = thumbnail.read(PICTURE_MAX_BYTES + 1)
    except (FileNotFoundError, OSError):
        return ""
    if len(content) > PICTURE_MAX_BYTES:
        return ""
    return "data:image/jpeg;base64," + base64.b64encode(content).decode("ascii")
