"""A provider where every name and free text a person can type holds a script-injection payload,
for tests/test_injection_crawl.py.

Each field gets its own variant, `[tag]"><img src=x onerror=alert(1)>`, so a leak names the
field it came from, and the crawl can prove each field was shown (escaped) somewhere.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.utils import timezone

from assessments.models import AdverseExperience, Assessment, DevelopmentalHistory
from children.models import Child, KeyWorkingSession
from children.services.key_working import key_working_amend
from homes.models import Home, Membership, User
from supervision.models import Course, WellbeingCheckIn
from tests.assessments.factories import make_assessment
from tests.children.factories import (
    ActivityFactory,
    CarePlanFactory,
    GoalFactory,
    KeyWorkingSessionFactory,
    ProvisionArrangementFactory,
    ProvisionSessionFactory,
    RiskAssessmentFactory,
    RiskFactory,
    TriggerFactory,
    signed,
)
from tests.factories import ChildFactory, HomeFactory, UserFactory, member
from tests.supervision.factories import SupervisionArrangementFactory, TrainingRecordFactory, make_action, make_session
from tests.tracker.factories import (
    LAST_MONTH,
    EvidencePackFactory,
    EvidenceShareFactory,
    MeetingFactory,
    TrackerFactory,
)
from tracker.models import EvidencePack, EvidenceShare, GoalProgress

PAYLOAD = '"><img src=x onerror=alert(1)>'
# What a leak looks like in a page (the payload's markup, unescaped) and what escaping makes of it.
RAW = re.compile(r"\[([\w.-]+)\]\"><img src=x onerror=alert\(1\)>")
ESCAPED = re.compile(r"\[([\w.-]+)\]&quot;&gt;&lt;img src=x onerror=alert\(1\)&gt;")
ANY_RAW = "<img src=x onerror="


def hostile(tag: str) -> str:
    return f"[{tag}]{PAYLOAD}"


@dataclass
class HostileWorld:
    home: Home
    other_home: Home
    child: Child
    people: dict[str, User]
    tags: set[str] = field(default_factory=set)

    def h(self, tag: str) -> str:
        self.tags.add(tag)
        return hostile(tag)


def _child(world: HostileWorld, home: Home, prefix: str, **fields) -> Child:
    h = world.h
    return ChildFactory(
        home=home,
        preferred_name=h(f"{prefix}preferred"),
        legal_name=h(f"{prefix}legal"),
        previous_names=h(f"{prefix}previous"),
        gender_identity=h(f"{prefix}gender"),
        placing_authority=h(f"{prefix}authority"),
        social_worker_name=h(f"{prefix}social-worker"),
        school=h(f"{prefix}school"),
        **fields,
    )


def _plans(world: HostileWorld, child: Child, lead: User):
    h = world.h
    plan = CarePlanFactory(
        child=child,
        what_matters_to_me=h("plan.matters"),
        what_i_want=h("plan.want"),
        education=h("plan.education"),
        boundaries=h("plan.boundaries"),
    )
    goal = GoalFactory(
        plan=plan,
        title=h("goal.title"),
        success_looks_like=h("goal.success"),
        adult_strategies=h("goal.strategies"),
        item_label=h("goal.item"),
        lead=lead,
        status="working",
    )
    # In force before last month, so last month's review shows progress on its goals.
    signed(plan, when=timezone.now() - datetime.timedelta(days=70))
    draft = CarePlanFactory(child=child, what_i_want=h("draft.want"))
    GoalFactory(plan=draft, title=h("draft.goal"), lead=lead)
    risks = RiskAssessmentFactory(
        child=child, early_signs=h("risk.signs"), what_helps=h("risk.helps"), what_makes_it_worse=h("risk.worse")
    )
    TriggerFactory(assessment=risks, what=h("trigger.what"), likely_response=h("trigger.response"))
    RiskFactory(assessment=risks, description=h("risk.description"), agreed_response=h("risk.response"))
    signed(risks)
    return goal


def _day_to_day(world: HostileWorld, child: Child, staff: User, manager: User, goal) -> None:
    h = world.h
    recent = KeyWorkingSessionFactory(
        child=child,
        staff_member=staff,
        author=staff,
        topic=h("kw.topic"),
        child_voice=h("kw.voice"),
        notes=h("kw.notes"),
        follow_ups=h("kw.follow-ups"),
    )
    recent.goals_worked_on.set([goal])
    long_ago = timezone.now() - datetime.timedelta(days=5)
    older = KeyWorkingSessionFactory(child=child, staff_member=staff, author=staff, happened_at=long_ago)
    key_working_amend(
        session=KeyWorkingSession.objects.get(pk=older.pk),
        amended_by=manager,
        reason=h("kw.amend-reason"),
        topic=h("kw.amended-topic"),
    )
    ActivityFactory(child=child, note=h("activity.note"))
    arrangement = ProvisionArrangementFactory(
        child=child, provider=h("provision.provider"), description=h("provision.description")
    )
    ProvisionSessionFactory(arrangement=arrangement, note=h("provision.note"))


def _assessment_records(world: HostileWorld, child: Child, assessor: User) -> None:
    h = world.h
    first = make_assessment(child, assessor, scores=2, final=True, assessed_on=LAST_MONTH + datetime.timedelta(days=3))
    Assessment.objects.filter(pk=first.pk).update(notes=h("assessment.notes"))
    make_assessment(child, assessor, scores=3)  # a draft, for the entry page
    DevelopmentalHistory.objects.create(child=child, summary=h("history.summary"), updated_by=assessor)
    AdverseExperience.objects.create(
        child=child,
        category=AdverseExperience.Category.OTHER,
        other_description=h("adverse.what"),
        source=h("adverse.source"),
        notes=h("adverse.notes"),
        certainty=AdverseExperience.Certainty.CONFIRMED,
        recorded_by=assessor,
    )


def _reviews(world: HostileWorld, child: Child, manager: User, assessor: User, inspector: User, goal) -> None:
    h = world.h
    tracker = TrackerFactory(
        child=child,
        psychotherapy_progress=h("tracker.therapy"),
        education_progress=h("tracker.education"),
        child_voice=h("tracker.voice"),
        priorities=h("tracker.priorities"),
    )
    GoalProgress.objects.create(
        tracker=tracker, thread=goal.thread, goal=goal, progress="progressing", evidence=h("progress.evidence")
    )
    MeetingFactory(
        tracker=tracker,
        manager=manager,
        assessor=assessor,
        others_present=h("meeting.others"),
        decisions=h("meeting.decisions"),
        plan_change=h("meeting.plan-change"),
    )
    pack = EvidencePackFactory(home=world.home, requested_by=manager)
    pack.file.save("pack.zip", ContentFile(b"PK a stand-in"), save=False)
    pack.status, pack.sha256, pack.built_at = EvidencePack.Status.READY, "0" * 64, timezone.now()
    pack.save()
    EvidenceShareFactory(pack=pack, recipient=h("share.recipient"), shared_by=manager)
    EvidenceShare.objects.create(
        pack=pack, inspector=inspector, expires_at=EvidenceShare.default_expiry(), shared_by=manager, recipient=""
    )


def _team(world: HostileWorld, manager: User, deputy: User, staff: User) -> None:
    h = world.h
    session = make_session(home=world.home, supervisor=deputy, attendees=[staff], notes=h("supervision.notes"))
    make_action(session, staff, description=h("supervision.action"))
    course = Course.objects.create(name=h("course.name"), description=h("course.description"), valid_for_months=12)
    TrainingRecordFactory(person=staff, course=course, evidence="training/certificate.pdf")
    SupervisionArrangementFactory(person=staff, supervisor=manager, home=world.home)
    WellbeingCheckIn.objects.create(person=staff, home=world.home, score=3, private_note=h("wellbeing.note"))


def _shifts(world: HostileWorld, child: Child, staff: User) -> None:
    """The daily log and handover (issue 11): every field staff type, and the shift's own name."""
    from tests.shifts.factories import DailyLogFactory, ShiftPatternFactory

    h = world.h
    shift = ShiftPatternFactory(home=world.home, name=h("shift.name"))
    DailyLogFactory(
        child=child,
        shift=shift,
        author=staff,
        **{name: h(f"log.{name}") for name in ("mood", "food", "sleep", "school", "family_time", "activities")},
        follow_up=h("log.follow-up"),
        child_words=h("log.words"),
        flag_for_next_shift=True,
    )
    from shifts.services.handover import handover_flag_raise, handover_mark_read, handover_save, handover_start

    handover_flag_raise(home=world.home, raised_by=staff, child=child, text=h("flag.text"))
    handover_flag_raise(home=world.home, raised_by=staff, text=h("flag.home-text"))
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    done, _ = handover_start(home=world.home, shift=shift, shift_date=yesterday, user=staff)
    handover_save(handover=done, user=staff, summary=h("handover.summary"), complete=True)
    handover_mark_read(handover=done, reader=staff)
    draft, _ = handover_start(
        home=world.home, shift=shift, shift_date=timezone.localdate() - datetime.timedelta(days=2), user=staff
    )
    handover_save(handover=draft, user=staff, summary=h("handover.draft"))
    from shifts.models import LanguagePhrase

    # Only the world's own phrase: the fifty seeded ones would spend the crawl's admin pages.
    LanguagePhrase.objects.all().delete()
    LanguagePhrase.objects.create(phrase=h("phrase.phrase"), suggestion=h("phrase.suggestion"), why=h("phrase.why"))


def _documents(world: HostileWorld, child: Child, staff: User, manager: User) -> None:
    """A memory box picture and a sensitive report, with hostile titles, descriptions and file names."""
    from tests.records.factories import add_document, memory_box_item

    h = world.h
    item = memory_box_item(child, by=staff, title=h("document.title"), description=h("document.description"))
    item.original_name = h("document.original-name")
    item.save(update_fields=["original_name"])
    add_document(child, by=manager, title=h("document.sensitive-title"), sensitive=True)


def build_hostile_world() -> HostileWorld:
    world = HostileWorld(home=None, other_home=None, child=None, people={})  # type: ignore[arg-type]
    h = world.h
    world.home = HomeFactory(name=h("home.name"), address=h("home.address"))
    world.other_home = HomeFactory(name=h("other-home.name"))
    roles = {
        "manager": Membership.Role.MANAGER,
        "deputy": Membership.Role.DEPUTY_MANAGER,
        "care staff": Membership.Role.CARE_STAFF,
        "assessor": Membership.Role.ASSESSOR,
    }
    people = {
        name: member(world.home, role, full_name=h(f"person.{name.replace(' ', '-')}"), days_in_post=400)
        for name, role in roles.items()
    }
    people["administrator"] = UserFactory(
        full_name=h("person.administrator"),
        provider_role=User.ProviderRole.ADMINISTRATOR,
        is_staff=True,
        is_superuser=True,  # so the crawl reaches every admin list as well
    )
    people["clinical lead"] = UserFactory(
        full_name=h("person.clinical-lead"), provider_role=User.ProviderRole.CLINICAL_LEAD
    )
    people["inspector"] = UserFactory(full_name=h("person.inspector"))
    world.people = people
    manager, deputy, staff, assessor = (people[name] for name in roles)

    world.child = _child(world, world.home, "child.", key_worker=staff, assessor=assessor)
    today = timezone.localdate()
    _child(
        world,
        world.home,
        "left.",
        key_worker=staff,
        discharge_date=today - datetime.timedelta(days=3),
        discharge_destination=h("left.destination"),
    )
    _child(world, world.other_home, "other.", key_worker=member(world.other_home, full_name=h("person.other-staff")))
    goal = _plans(world, world.child, staff)
    _day_to_day(world, world.child, staff, manager, goal)
    _assessment_records(world, world.child, assessor)
    _reviews(world, world.child, manager, assessor, people["inspector"], goal)
    _team(world, manager, deputy, staff)
    _shifts(world, world.child, staff)
    _documents(world, world.child, staff, manager)
    return world
