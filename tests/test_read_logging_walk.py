"""Every page that shows a child's record logs the read (DESIGN: "every read of a child's record
is logged"). The test walks the URLconf like tests/test_cross_home.py: each URL that names a
child or one of a child's records is read by someone allowed to read it, and the request must
write an ACCESS entry for that child or that record. Pages added later are covered without
editing this file; a new URL keyword must be sorted into one of the two sets below."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from children.models import Child
from homes.models import Membership, User
from tests.factories import ChildFactory, UserFactory, member
from tests.test_cross_home import OBJECT_URLS
from tests.url_objects import URL_OBJECTS, World
from tests.utils import today

# Keywords naming a child or one of a child's records.
CHILD_KEYWORDS = {
    "arrangement_id",  # a child's education or therapy arrangement
    "child_id",
    "plan_id",
    "risk_assessment_id",
    "key_working_id",
    "activity_id",
    "assessment_id",
    "experience_id",
    "tracker_id",
    "report_id",
    "daily_log_id",  # a child's daily log (shifts)
    "flag_id",  # a flag raised for the next shift, about a child (shifts)
    "incident_id",  # an incident: each child's part of it
    "part_id",  # a child's part of an incident
    "consequence_id",
    "complaint_id",
    "notification_id",
    "recipient_id",
    # health (issue 11)
    "condition_id",
    "health_assessment_id",
    "appointment_id",
    "prescription_id",
    "dose_id",
    "mar_print_id",
    "own_copy_id",  # a child's own copy (their plan and story, the moving-on pack)
    "body_map_id",
    "missing_id",
    "document_id",  # a document on a child's record, or in their memory box
    "visit_child_id",  # a child met at a Regulation 44 visit, who consented to the visitor reading their record
}
# Keywords naming something else: a home, a month, staff records, evidence packs (whose reads are
# logged as downloads) and who supervises whom.
OTHER_KEYWORDS = {
    "home_id",
    "month",
    "pack_id",
    "share_id",
    "session_id",
    "action_id",
    "record_id",
    "supervisor_arrangement_id",
    "shift_id",  # a home's shift pattern (shifts)
    "handover_id",  # a home's shift handover: its page logs a read of each child it names (shifts)
    "person_id",  # a member of staff's retention page
    "hold_id",  # a legal hold (POST only: lifting it)
    "disposal_id",  # a record due for disposal (its page logs a read of the child)
    "request_id",  # a subject access request (its page logs a read of the child)
    "redaction_id",  # an item of its redaction review (POST only)
    "self_assessment_id",  # a home's implementation self-assessment (no child in it)
    "implementation_action_id",
    # Regulation 44 visits: a visit and its report name the children met only through consent
    # rows, and only the visitor reaches the visit's pages: tests/visits/test_visits.py logs them.
    "visit_id",
    "visit_report_id",
    "recommendation_id",
    "quality_review_id",  # a home's Regulation 45 review: facts as drafted, children by initials only
}

# Child URLs that show no page on GET to the readers below: POST-only actions (405), a download
# (logged as a download with who, when and the file's digest; there is no file here), and two
# pages whose reads are tested with their own records in tests/<app>/test_read_logging.py: a
# key-working edit (only its author, within 24 hours) and the entry page (a draft assessment).
NOT_PAGES = {
    "notification_pdf_build": "POST only",
    "notification_pdf_download": "a download of a built PDF (none here): test_notifications.py",
    "care_plan_start": "POST only",
    "care_plan_sign_off": "POST only",
    "risk_assessment_start": "POST only",
    "risk_assessment_sign_off": "POST only",
    "activity_archive": "POST only",
    "assessment_autosave": "POST only",
    "adverse_experience_withdraw": "POST only",
    "meeting_sign": "POST only",
    "tracker_build_pack": "POST only",
    "report_retry": "POST only",
    "retention_child_hold": "POST only",
    "retention_child_death": "POST only",
    "health_condition_resolve": "POST only",
    "dose_record": "POST only",
    "mar_print": "POST only",
    "own_copy_request": "POST only",
    "mar_print_download": "a download of a built PDF (none is built here): tests/health/test_mar_print.py",
    "report_download": "a download, logged as ReportDownload",
    "incident_part_risk_revision": "POST only",
    "missing_close": "POST only",
    "incident_add_child": "the walk's child is already in the incident: a redirect to it",
    "document_archive": "POST only",
    "child_plan": "the plan tab: a redirect to the plan in force, whose page logs the read",
    "child_risk": "the risk tab: a redirect to the risk assessment in force, whose page logs the read",
    "key_working_edit": "its author's page: tests/children/test_read_logging.py",
    "assessment_entry": "a draft's page: tests/assessments/test_read_logging.py",
    "assessment_check": "a draft's page: tests/assessments/test_read_logging.py",
    "daily_log_edit": "its author's page, within a day: tests/shifts/test_read_logging.py",
    "visit_case_record": "only the visitor the child consented to, during the visit: tests/visits/test_visits.py",
    "missing_return": "a missing child's page (the walk's child is back): tests/safeguarding/test_missing.py",
}

CHILD_PAGES = [(name, kwargs) for name, kwargs in OBJECT_URLS if CHILD_KEYWORDS & set(kwargs)]


def test_every_url_keyword_is_sorted():
    assert set(URL_OBJECTS) <= CHILD_KEYWORDS | OTHER_KEYWORDS, "sort the new keyword into one of the sets"


def _child_of(record) -> Child | None:
    """The child a logged record belongs to: the record itself, or through its links."""
    if isinstance(record, Child):
        return record
    for link in ("child", "tracker", "plan", "assessment", "arrangement", "session"):
        linked = getattr(record, link, None)
        if linked is not None and linked is not record:
            return _child_of(linked)
    return None


def _readers(home, child) -> list[User]:
    """People who may read the child's records, most ordinary first: the first who gets the page
    reads it (some pages are for the child's assessor or for administrators only)."""
    assessor = member(home, Membership.Role.ASSESSOR)
    Child.objects.filter(pk=child.pk).update(assessor=assessor)
    return [
        member(home, Membership.Role.MANAGER),
        assessor,
        UserFactory(provider_role=User.ProviderRole.ADMINISTRATOR, is_staff=True),
    ]


@pytest.mark.parametrize(("name", "kwarg_names"), CHILD_PAGES, ids=[name for name, _ in CHILD_PAGES])
def test_reading_a_childs_page_logs_the_read(client_for, home, name, kwarg_names):
    world = World(home=home, child=ChildFactory(home=home))
    readers = _readers(home, world.child)
    kwargs = {kwarg: URL_OBJECTS[kwarg](world) for kwarg in kwarg_names}
    url = reverse(name, kwargs=kwargs)
    for reader in readers:
        before = LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        response = client_for(reader).get(url)
        if response.status_code == 200:
            break
    else:
        assert name in NOT_PAGES, f"{url} answered {response.status_code} to every reader: add it to NOT_PAGES?"
        return
    assert name not in NOT_PAGES, f"{url} is a page now: remove it from NOT_PAGES"
    reads = LogEntry.objects.filter(pk__gt=before, action=LogEntry.Action.ACCESS)
    children = {_child_of(entry.content_type.get_object_for_this_type(pk=entry.object_id)) for entry in reads}
    assert world.child in children, f"{url} showed {world.child}'s record to {reader} without logging the read"


def test_the_homes_register_logs_a_read_of_each_child_it_lists(client_for, home, manager):
    here = ChildFactory(home=home)
    left = ChildFactory(home=home, discharge_date=today(), discharge_destination="Back home")
    elsewhere = ChildFactory()
    assert client_for(manager).get(reverse("home_detail", args=[home.pk])).status_code == 200
    reads = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, actor=manager)
    assert sorted(reads.values_list("object_id", flat=True)) == sorted([here.pk, left.pk])
    assert elsewhere.pk not in reads.values_list("object_id", flat=True)
