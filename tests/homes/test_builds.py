"""Every file a worker builds shares one build state, send and sweep (homes/builds.py): with the
broker unreachable, asking for a MAR chart or a child's own copy keeps the request and says the
builder is unavailable — never "being made" — and the sweep builds it once the broker is back.
Real Celery publishing to a refused port, transactional tests so on_commit sends happen as in a
request."""

import pytest
from django.urls import reverse
from django.utils import timezone

from health.models import MarPrint
from homes.builds import BUILDER_UNAVAILABLE
from homes.extensions import background_queues
from homes.tasks import requeue_stale_builds
from records.models import OwnCopy
from tests.brokers import celery_broker, closed_port_url

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("real-broker")]


def said(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_every_built_file_is_a_registered_queue_the_sweep_covers():
    from django.utils.module_loading import import_string

    models = {import_string(queue.build_task).model.__name__ for queue in background_queues.values()}
    assert {"ReviewReport", "EvidencePack", "MarPrint", "NotificationPdf", "OwnCopy", "VisitReportPdf"} <= models


@pytest.mark.parametrize(
    ("model", "ask"),
    [
        (
            MarPrint,
            lambda client, child: client.post(
                reverse("mar_print", args=[child.pk]), {"month": timezone.localdate().replace(day=1)}, follow=True
            ),
        ),
        (
            OwnCopy,
            lambda client, child: client.post(
                reverse("own_copy_request", args=[child.pk]), {"kind": "my_plan"}, follow=True
            ),
        ),
    ],
    ids=["mar-chart", "own-copy"],
)
def test_a_refused_build_is_kept_said_honestly_and_swept_once_the_broker_is_back(
    client_for, manager, child, model, ask
):
    with celery_broker(closed_port_url()):
        response = ask(client_for(manager), child)
    row = model.objects.get(child=child)
    assert said(response) == [BUILDER_UNAVAILABLE]
    assert row.is_awaiting_builder
    assert "The PDF builder is unavailable just now" in response.content.decode()
    assert "The PDF is being made" not in response.content.decode()

    assert requeue_stale_builds() == 1  # back to a working builder (inline here)
    row.refresh_from_db()
    assert row.status == model.Status.READY and not row.awaiting_builder and row.attempts == 1
    assert row.file.read().startswith(b"%PDF")
