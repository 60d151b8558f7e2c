from tests.tracker.factories import LAST_MONTH, EvidencePackFactory, EvidenceShareFactory, TrackerFactory
from tracker.models import ReviewReport

URL_OBJECTS = {
    "tracker_id": lambda world: TrackerFactory(child=world.child).pk,
    "report_id": lambda world: (
        ReviewReport.objects.create(tracker=TrackerFactory(child=world.child), kind=ReviewReport.Kind.MEETING_PACK).pk
    ),
    "month": lambda world: LAST_MONTH,
    "pack_id": lambda world: EvidencePackFactory(home=world.home).pk,
    "share_id": lambda world: EvidenceShareFactory(pack=EvidencePackFactory(home=world.home)).pk,
}
