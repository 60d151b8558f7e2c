"""A child's record with one row of every kind the apps' subject-access sections list (and a
member of staff's), for the subject-access export's completeness and for disposal."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from assessments.models import AdverseExperience, DevelopmentalHistory, HistoryPeriod
from children.models import KeyWorkingAmendment
from health.models import MarPrint
from homes.models import Membership
from records.models import DocumentDownload, OwnCopy
from safeguarding.models import IncidentRequest, NotificationPdf
from tests.assessments.factories import make_assessment
from tests.children.factories import (
    ActivityFactory,
    CarePlanFactory,
    GoalFactory,
    KeyWorkingSessionFactory,
    ProvisionSessionFactory,
    RiskAssessmentFactory,
    RiskFactory,
    TriggerFactory,
    signed,
)
from tests.factories import member
from tests.health.factories import (
    AppointmentFactory,
    ConditionFactory,
    DelegatedAuthorityFactory,
    DoseFactory,
    HealthAssessmentFactory,
    ImmunisationFactory,
    MedicationErrorFactory,
    PrnPrescriptionFactory,
    RegistrationFactory,
    StockMovementFactory,
)
from tests.records.factories import memory_box_item
from tests.safeguarding.incident_factories import make_hold, make_incident
from tests.safeguarding.missing_factories import (
    BodyMarkFactory,
    MissingEpisodeFactory,
    MissingUpdateFactory,
    ReturnInterviewFactory,
    returned,
)
from tests.safeguarding.notices_factories import ComplaintFactory, ConsequenceFactory, make_notification
from tests.shifts.factories import DailyLogFactory, HandoverFlagFactory
from tests.supervision.factories import make_action, make_session, make_training
from tests.tracker.factories import LAST_MONTH, EvidencePackFactory, MeetingFactory, TrackerFactory
from tests.visits.factories import past_visit, visitor_for
from tracker.models import GoalProgress, ReportDownload, ReviewReport
from visits.models import VisitChild

PDF = b"%PDF-1.7\n% a review record\n"


def full_child_record(child, *, manager=None, assessor=None) -> dict:
    """One row of each kind about `child`; returns them by model label."""
    manager = manager or member(child.home, Membership.Role.MANAGER)
    assessor = assessor or member(child.home, Membership.Role.ASSESSOR)
    plan = CarePlanFactory(child=child, created_by=manager)
    goal = GoalFactory(plan=plan)
    signed(plan, by=manager)
    risk_assessment = RiskAssessmentFactory(child=child, created_by=manager)
    trigger = TriggerFactory(assessment=risk_assessment)
    risk = RiskFactory(assessment=risk_assessment)
    session = KeyWorkingSessionFactory(child=child)
    session.goals_worked_on.add(goal)
    amendment = KeyWorkingAmendment.objects.create(
        session=session,
        amended_by=session.author,
        reason="The time was wrong.",
        previous_values={"topic": "Monday"},
        changed_fields=["topic"],
        amended_at=timezone.now(),
    )
    activity = ActivityFactory(child=child)
    provision = ProvisionSessionFactory(arrangement__child=child)
    assessment = make_assessment(child, assessor, scores=2)
    history = DevelopmentalHistory.objects.create(child=child, summary="Early years with her nan.", updated_by=assessor)
    period = HistoryPeriod.objects.create(history=history, period=HistoryPeriod.Period.NEWBORN, notes="Settled.")
    adverse = AdverseExperience.objects.create(
        child=child, category="separation", certainty="confirmed", source="Social work chronology", recorded_by=manager
    )
    tracker = TrackerFactory(child=child)
    progress = GoalProgress.objects.create(
        tracker=tracker, thread=goal.thread, goal=goal, progress="emerging", evidence="Asleep by ten twice a week."
    )
    meeting = MeetingFactory(tracker=tracker, manager=manager, assessor=assessor, plan_revision=plan)
    report = ReviewReport(tracker=tracker, kind=ReviewReport.Kind.REVIEW_RECORD, status="ready", sha256="0" * 64)
    report.file.save("review.pdf", ContentFile(PDF), save=False)
    report.save()
    download = ReportDownload.objects.create(report=report, user=manager, sha256="0" * 64)
    pack = EvidencePackFactory.build(home=child.home, requested_by=manager, status="ready", sha256="1" * 64)
    pack.file.save("pack.zip", ContentFile(b"PK zip"), save=True)
    episode = returned(MissingEpisodeFactory(child=child))
    update = MissingUpdateFactory(episode=episode)
    interview = ReturnInterviewFactory(episode=episode, outcome="held", held_at=episode.returned_at)
    mark = BodyMarkFactory(body_map__child=child)
    prescription = PrnPrescriptionFactory(child=child)
    health = {
        "health.Registration": RegistrationFactory(child=child),
        "health.Immunisation": ImmunisationFactory(child=child),
        "health.Condition": ConditionFactory(child=child),
        "health.HealthAssessment": HealthAssessmentFactory(child=child),
        "health.Appointment": AppointmentFactory(child=child),
        "health.DelegatedAuthority": DelegatedAuthorityFactory(child=child),
        "health.Prescription": prescription,
        "health.StockMovement": StockMovementFactory(prescription=prescription),
        "health.Dose": DoseFactory(prescription=prescription),
        "health.MedicationError": MedicationErrorFactory(child=child),
        "health.MarPrint": MarPrint.objects.create(child=child, month=LAST_MONTH, queued_by=manager),
    }
    incident = make_incident(child, author=manager)
    hold = make_hold(incident, child, author=manager)
    notification = make_notification(child, by=manager)
    safeguarding = {
        # The incident itself is shared (staff involved, other children): listed, reviewed, kept.
        "safeguarding.IncidentChild": incident.parts.get(child=child),
        "safeguarding.PhysicalIntervention": hold,
        # A medication error asked for the incident, and it answered the request.
        "safeguarding.IncidentRequest": IncidentRequest.objects.create(
            child=child,
            occurred_at=incident.occurred_at,
            kind="Medication error: missed dose",
            summary="The 8 am dose was not given before school.",
            requested_by=manager,
            source="health.MedicationError",
            source_id=health["health.MedicationError"].pk,
            incident=incident,
        ),
        "safeguarding.Consequence": ConsequenceFactory(child=child),
        "safeguarding.Complaint": ComplaintFactory(child=child),
        "safeguarding.Notification": notification,
        "safeguarding.NotificationRecipient": notification.recipients.first(),
        "safeguarding.NotificationPdf": NotificationPdf.objects.create(notification=notification, queued_by=manager),
        "safeguarding.MissingEpisode": episode,
        "safeguarding.MissingUpdate": update,
        "safeguarding.ReturnInterview": interview,
        "safeguarding.BodyMap": mark.body_map,
        "safeguarding.BodyMark": mark,
    }
    shifts = {
        "shifts.DailyLog": DailyLogFactory(child=child),
        "shifts.HandoverFlag": HandoverFlagFactory(child=child),
    }
    document = memory_box_item(child, by=manager)
    document_download = DocumentDownload.objects.create(document=document, user=manager, sha256="2" * 64)
    return {
        **health,
        **safeguarding,
        **shifts,
        "records.Document": document,
        "records.DocumentDownload": document_download,
        # A Regulation 44 visit: the child met the visitor and agreed to them reading the record.
        "visits.VisitChild": VisitChild.objects.create(
            visit=past_visit(child.home, visitor_for(child.home)), child=child, consent_to_records=True
        ),
        "records.OwnCopy": OwnCopy.objects.create(child=child, kind=OwnCopy.Kind.MY_PLAN, queued_by=manager),
        "children.Child": child,
        "children.CarePlan": plan,
        "children.GoalThread": goal.thread,
        "children.Goal": goal,
        "children.RiskAssessment": risk_assessment,
        "children.Trigger": trigger,
        "children.Risk": risk,
        "children.KeyWorkingSession": session,
        "children.KeyWorkingAmendment": amendment,
        "children.Activity": activity,
        "children.ProvisionArrangement": provision.arrangement,
        "children.ProvisionSession": provision,
        "assessments.Assessment": assessment,
        "assessments.Score": assessment.scores.first(),
        "assessments.DevelopmentalHistory": history,
        "assessments.HistoryPeriod": period,
        "assessments.AdverseExperience": adverse,
        "tracker.MonthlyTracker": tracker,
        "tracker.GoalProgress": progress,
        "tracker.ReviewMeeting": meeting,
        "tracker.ReviewReport": report,
        "tracker.ReportDownload": download,
        "evidence_pack": pack,
    }


def full_staff_record(person, home, *, supervisor=None) -> dict:
    supervisor = supervisor or member(home, Membership.Role.MANAGER)
    session = make_session(home=home, supervisor=supervisor, attendees=[person])
    action = make_action(session, person)
    training = make_training(person, "Safeguarding children", timezone.localdate() - datetime.timedelta(days=30))
    group = make_session(home=home, supervisor=supervisor, attendees=[person, member(home)], kind="reflective_practice")
    return {"session": session, "action": action, "training": training, "group": group}
