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


def _rights(world: HostileWorld, child: Child, administrator: User) -> None:
    from records.models import LegalHold, SubjectAccessRequest, SubjectKind

    h = world.h
    LegalHold.objects.create(kind=SubjectKind.CHILD, child=child, reason=h("hold.reason"), placed_by=administrator)
    SubjectAccessRequest.objects.create(
        kind=SubjectKind.CHILD,
        child=child,
        requested_by=h("sar.requested-by"),
        received_on=timezone.localdate(),
        opened_by=administrator,
    )


def _incidents(world: HostileWorld, child: Child, staff: User) -> None:
    """An incident with a hold, every free text hostile (issue 10)."""
    from safeguarding.models import ApprovedTechnique, IncidentCategory
    from safeguarding.services.incidents import incident_record, intervention_record

    h = world.h
    from tests.safeguarding.incident_factories import physical_intervention

    held = physical_intervention()
    occurred = timezone.now() - datetime.timedelta(hours=3)
    incident = incident_record(
        home=world.home,
        child=child,
        author=staff,
        occurred_at=occurred,
        location=h("incident.location"),
        categories=[held],
        staff_involved=[staff],
        witnesses=h("incident.witnesses"),
        what_happened=h("incident.what-happened"),
        led_up_to=h("incident.led-up-to"),
        new_antecedent=h("incident.new-antecedent"),
        communicating=h("incident.communicating"),
        de_escalation=h("incident.de-escalation"),
        outcome=h("incident.outcome"),
        injuries=h("incident.injuries"),
        medical_detail=h("incident.medical"),
        child_view="",
        child_view_not_yet=h("incident.not-yet"),
        child_view_follow_up_on=timezone.localdate() + datetime.timedelta(days=2),
    )
    technique = ApprovedTechnique.objects.create(name=h("technique.name"))
    intervention_record(
        incident=incident,
        child=child,
        author=staff,
        technique=technique,
        started_at=occurred,
        ended_at=occurred + datetime.timedelta(minutes=4),
        held_by=[staff],
        present=[],
        reason=h("hold.reason"),
        tried_first=h("hold.tried-first"),
        effectiveness=h("hold.effectiveness"),
        child_injury=h("hold.child-injury"),
        staff_injury=h("hold.staff-injury"),
        treatment=h("hold.treatment"),
        necessary_and_proportionate=False,
        proportionality_note=h("hold.why"),
    )
    IncidentCategory.objects.create(name=h("category.name"))


def _notices(world: HostileWorld, child: Child, staff: User, manager: User) -> None:
    """Consequences, complaints and notifications (safeguarding, issue 10)."""
    from safeguarding.services.notifications import notification_add_recipient
    from tests.safeguarding.notices_factories import ComplaintFactory, ConsequenceFactory, make_notification

    h = world.h
    ConsequenceFactory(
        child=child,
        author=staff,
        what_happened=h("consequence.what"),
        consequence=h("consequence.consequence"),
        relates_to_behaviour=h("consequence.relates"),
        child_view=h("consequence.view"),
        helped_notes=h("consequence.helped"),
    )
    ComplaintFactory(
        child=child,
        recorded_by=staff,
        complainant="parent",
        complainant_name=h("complaint.name"),
        in_their_words=h("complaint.words"),
        advocate=h("complaint.advocate"),
        action_taken=h("complaint.action"),
        outcome=h("complaint.outcome"),
    )
    notification = make_notification(
        child, by=manager, summary=h("notification.summary"), actions=h("notification.actions")
    )
    notification_add_recipient(notification=notification, kind="other", name=h("notification.recipient"))


def _health(world: HostileWorld, child: Child, staff: User, manager: User) -> None:
    """The health record and the medicines (issue 11)."""
    from tests.health.factories import (
        AppointmentFactory,
        ConditionFactory,
        DelegatedAuthorityFactory,
        HealthAssessmentFactory,
        RegistrationFactory,
    )

    h = world.h
    RegistrationFactory(child=child, recorded_by=staff, practice=h("health.practice"), address=h("health.address"))
    ConditionFactory(
        child=child, recorded_by=staff, name=h("health.allergy"), reaction_and_response=h("health.reaction")
    )
    HealthAssessmentFactory(
        child=child,
        recorded_by=manager,
        done_by=h("health.done-by"),
        outcome=h("health.outcome"),
        done_on=timezone.localdate(),
    )
    HealthAssessmentFactory(child=child, recorded_by=manager, due_on=timezone.localdate())
    AppointmentFactory(child=child, recorded_by=staff, reason=h("health.appointment"), place=h("health.place"))
    DelegatedAuthorityFactory(
        child=child, recorded_by=manager, given_by=h("health.given-by"), conditions=h("health.conditions")
    )
    _medicines(world, child, staff, manager)


def _medicines(world: HostileWorld, child: Child, staff: User, manager: User) -> None:
    from tests.health.factories import (
        DoseFactory,
        ImmunisationFactory,
        MedicationErrorFactory,
        PrescriptionFactory,
        PrnPrescriptionFactory,
    )

    h = world.h
    ImmunisationFactory(child=child, recorded_by=staff, vaccine=h("health.vaccine"))
    regular = PrescriptionFactory(
        child=child,
        created_by=manager,
        medicine=h("health.medicine"),
        instructions=h("health.instructions"),
        prescriber=h("health.prescriber"),
        times="00:00",
    )
    midnight = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time(0, 0)))
    DoseFactory(prescription=regular, due_at=midnight, given_at=midnight, note=h("health.dose-note"), prn_reason="")
    prn = PrnPrescriptionFactory(child=child, created_by=manager, prn_reason=h("health.prn-for"))
    DoseFactory(
        prescription=prn,
        recorded_by=staff,
        prn_reason=h("health.prn-reason"),
        effect="helped",
        effect_note=h("health.effect-note"),
        effect_by=staff,
    )
    MedicationErrorFactory(
        child=child, recorded_by=staff, what_happened=h("health.error"), action_taken=h("health.error-action")
    )


def _body_maps_and_missing(world: HostileWorld, child: Child, staff: User) -> None:
    """Issue 10: a body map whose every written field is hostile."""
    from tests.safeguarding.missing_factories import BodyMarkFactory

    h = world.h
    BodyMarkFactory(
        body_map__child=child,
        body_map__author=staff,
        body_map__notes=h("body-map.notes"),
        size=h("body-mark.size"),
        description=h("body-mark.description"),
        how_it_happened=h("body-mark.how"),
        seen_by=h("body-mark.seen-by"),
        recorded_by=staff,
    )
    from tests.safeguarding.missing_factories import (
        MissingEpisodeFactory,
        MissingUpdateFactory,
        ReturnInterviewFactory,
        returned,
    )

    episode = MissingEpisodeFactory(
        child=child,
        author=staff,
        last_seen_details=h("missing.last-seen"),
        exploitation_notes=h("missing.exploitation"),
        search_details=h("missing.search"),
        police_reference=h("missing.police-ref")[:60],
        police_told_at=timezone.now() - datetime.timedelta(hours=4),
        parents_note=h("missing.parents"),
    )
    MissingUpdateFactory(episode=episode, text=h("missing.update"), author=staff)
    episode.return_details = h("missing.return-details")
    returned(episode)
    episode.condition = h("missing.condition")
    episode.save()
    ReturnInterviewFactory(
        episode=episode,
        interviewer_name=h("interview.name"),
        interviewer_role=h("interview.role"),
        outcome="held",
        held_at=episode.returned_at + datetime.timedelta(hours=1, minutes=30),
        child_account=h("interview.account"),
        changes=h("interview.changes"),
        recorded_by=staff,
    )
    # Open now: a second child's episode is still going, for the dashboard's panel.
    MissingEpisodeFactory(child=child, author=staff, last_seen_details=h("missing.open"))


def _documents(world: HostileWorld, child: Child, staff: User, manager: User) -> None:
    """A memory box picture and a sensitive report, with hostile titles, descriptions and file names."""
    from tests.records.factories import add_document, memory_box_item

    h = world.h
    item = memory_box_item(child, by=staff, title=h("document.title"), description=h("document.description"))
    item.original_name = h("document.original-name")
    item.save(update_fields=["original_name"])
    add_document(child, by=manager, title=h("document.sensitive-title"), sensitive=True)


def _implementation(world: HostileWorld, staff: User, manager: User) -> None:
    from oversight.models import ImplementationAction, PracticeStatement, SelfAssessment, StatementRating

    h = world.h
    # Only the world's own statement: the seeded ones would spend the crawl's admin pages.
    PracticeStatement.objects.all().delete()
    statement = PracticeStatement.objects.create(theme="voice", text=h("statement.text"))
    done = SelfAssessment.objects.create(
        home=world.home, started_by=manager, completed_at=timezone.now(), completed_by=manager
    )
    StatementRating.objects.create(self_assessment=done, statement=statement, rating=2, evidence=h("rating.evidence"))
    ImplementationAction.objects.create(
        self_assessment=done,
        theme="voice",
        description=h("implementation-action.description"),
        owner=staff,
        due_on=timezone.localdate(),
        protected_hours=2,
    )


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
    _health(world, world.child, staff, manager)
    _team(world, manager, deputy, staff)
    _shifts(world, world.child, staff)
    _rights(world, world.child, people["administrator"])
    _incidents(world, world.child, staff)
    _notices(world, world.child, staff, manager)
    _body_maps_and_missing(world, world.child, staff)
    _documents(world, world.child, staff, manager)
    _implementation(world, staff, manager)
    return world
