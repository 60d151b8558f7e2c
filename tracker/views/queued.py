from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest

from tracker.services.queue import BUILDER_UNAVAILABLE, any_awaiting_builder


def say_queued(request: HttpRequest, rows: QuerySet, message: str) -> None:
    """After queueing builds: say they are on their way, or, if the broker refused any of them,
    that the builder is unavailable and the request is kept. Never "being built" for nothing."""
    if any_awaiting_builder(rows):
        messages.warning(request, BUILDER_UNAVAILABLE)
    else:
        messages.success(request, message)
