"""Recording, adding to and countersigning incidents, and recording physical interventions.

Regulation 36: every entry is signed by its author with the time when it is saved. The home's
manager countersigns the incident; where it holds a physical intervention, countersigning is the
Regulation 35(3)(b) review, which needs the manager to have spoken with the staff involved and the
child. A countersigned incident is closed: nothing more is added to it."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from children.models import Child, RiskAssessment, Trigger
from children.services.risk_assessment import risk_assessment_start
from children.services.versioning import DraftExists
from homes.concurrency import revision_claim
from homes.extensions import IncidentReport
from homes.models import Home, User
from safeguarding.models import Incident, IncidentCategory, IncidentChild, IncidentRequest, PhysicalIntervention
from safeguarding.models.incidents import STAFF_NOT_IN_HOME

ALREADY_COUNTERSIGNED = "This incident has been countersigned and closed: nothing more can be added to it."
CHILD_ALREADY_IN_INCIDENT = "{child}'s part of this incident is already recorded."
COUNTERSIGN_OWN_RECORD = "You wrote this record: another manager or deputy countersigns it."
COUNTERSIGN_ABOUT_YOU = "This allegation is about you: another manager countersigns it."
INTERVENTION_MISSING = (
    "This incident is recorded as a physical intervention, but the hold itself is not recorded yet: "
    "record it before countersigning."
)
REVIEW_SPOKE_WITH_STAFF = (
    "Regulation 35(3)(b): speak with the staff who used the hold before you countersign, then tick to confirm."
)
REVIEW_SPOKE_WITH_CHILD = (
    "Regulation 35(3)(b): speak with the child about the hold before you countersign, then tick to confirm."
)
CHILD_VIEW_ALREADY_RECORDED = "{child}'s view was recorded by {who} while you were writing: it has not been replaced."
CHILD_VIEW_EMPTY = "Enter what {child} said about it, in their words."
NO_CATEGORY = "Choose at least one kind of incident."
NO_STAFF = "Choose the staff involved."
ALLEGATION_NEEDS_PERSON = "Choose who the allegation is about."
REQUEST_ALREADY_RECORDED = "{who} recorded the incident for this while you were writing: it has not been doubled."
# The seeded category an incident another app asks for is recorded under (safeguarding/catalogue.py).
REQUESTED_CATEGORY = "Medication error"

PART_FIELDS = (
    "what_happened",
    "led_up_to",
    "antecedents",
    "new_antecedent",
    "communicating",
    "de_escalation",
    "outcome",
    "injuries",
    "medical_attention",
    "medical_detail",
    "child_view",
    "child_view_not_yet",
    "child_view_follow_up_on",
)
INTERVENTION_FIELDS = (
    "technique",
    "started_at",
    "ended_at",
    "held_by",
    "present",
    "reason",
    "tried_first",
    "effectiveness",
    "child_injury",
    "staff_injury",
    "treatment",
    "necessary_and_proportionate",
    "proportionality_note",
)


def _staff_errors(home: Home, field: str, people) -> dict[str, list[str]]:
    ids = {person.pk for person in people}
    working = set(User.objects.working_in(home).filter(pk__in=ids).values_list("pk", flat=True))
    return {field: [STAFF_NOT_IN_HOME.format(home=home)]} if ids - working else {}


def _make_part(incident: Incident, child: Child, author: User, now: datetime.datetime, fields: dict) -> IncidentChild:
    unknown = set(fields) - set(PART_FIELDS)
    if unknown:
        raise TypeError(f"Not a field of a child's part: {sorted(unknown)}")
    antecedents = list(fields.pop("antecedents", []) or [])
    part = IncidentChild(incident=incident, child=child, author=author, signed_at=now, **fields)
    if part.child_view.strip():
        part.child_view_recorded_by, part.child_view_recorded_at = author, now
        part.child_view_not_yet, part.child_view_follow_up_on = "", None
    part.full_clean()
    if antecedents and any(trigger.assessment.child_id != child.pk for trigger in antecedents):
        raise ValidationError({"antecedents": ["Choose triggers from this child's own risk assessment."]})
    part.save()
    part.antecedents.set(antecedents)
    return part


@transaction.atomic
def incident_record(
    *,
    home: Home,
    child: Child,
    author: User,
    occurred_at: datetime.datetime,
    location: str,
    categories: list[IncidentCategory],
    staff_involved: list[User],
    witnesses: str = "",
    allegation_against: list[User] | None = None,
    now: datetime.datetime | None = None,
    requested: IncidentRequest | None = None,
    **part_fields,
) -> Incident:
    """A new incident with the first child's part, both signed by the author. `requested`: the
    incident another app asked for, which this one answers (once: a second person finishing the
    same request at the same time is refused)."""
    now = now or timezone.now()
    if requested is not None:
        requested = IncidentRequest.objects.select_for_update().get(pk=requested.pk)
        if requested.incident_id is not None:
            raise ValidationError(REQUEST_ALREADY_RECORDED.format(who=requested.incident.author))
    allegation_against = list(allegation_against or [])
    incident = Incident(
        home=home, occurred_at=occurred_at, location=location, witnesses=witnesses, author=author, signed_at=now
    )
    errors: dict[str, list[str]] = {}
    try:
        incident.full_clean()
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    if not categories:
        errors.setdefault("categories", []).append(NO_CATEGORY)
    if not staff_involved:
        errors.setdefault("staff_involved", []).append(NO_STAFF)
    errors.update(_staff_errors(home, "staff_involved", staff_involved))
    is_allegation = any(category.rule == IncidentCategory.Rule.ALLEGATION for category in categories)
    if is_allegation and not allegation_against:
        errors.setdefault("allegation_against", []).append(ALLEGATION_NEEDS_PERSON)
    errors.update(_staff_errors(home, "allegation_against", allegation_against))
    if errors:
        raise ValidationError(errors)
    incident.save()
    incident.categories.set(categories)
    incident.staff_involved.set(staff_involved)
    incident.allegation_against.set(allegation_against if is_allegation else [])
    _make_part(incident, child, author, now, dict(part_fields))
    if requested is not None:
        requested.incident = incident
        requested.save(update_fields=["incident"])
    return incident


def incident_request_open(report: IncidentReport) -> str:
    """The opener registered with homes.extensions: keep what another app reports and answer with
    the incident form, prefilled, for the person to complete and sign (Regulation 36). The same
    source asking again gets the same request."""
    requested, _ = IncidentRequest.objects.get_or_create(
        source=report.source,
        source_id=report.source_id,
        defaults={
            "child_id": report.child_id,
            "occurred_at": report.occurred_at,
            "kind": report.kind[:150],
            "summary": report.summary,
            "requested_by_id": report.recorded_by_id,
        },
    )
    return requested.form_url


def incident_request_initial(requested: IncidentRequest) -> dict:
    """The incident form's starting values for a request: its time, category and facts."""
    category = IncidentCategory.objects.filter(name=REQUESTED_CATEGORY, active=True).first()
    return {
        "occurred_at": timezone.localtime(requested.occurred_at).replace(second=0, microsecond=0),
        "categories": [category.pk] if category else [],
        "what_happened": f"{requested.kind}. {requested.summary}".strip(),
    }


@transaction.atomic
def incident_add_child(
    *, incident: Incident, child: Child, author: User, now: datetime.datetime | None = None, **part_fields
) -> IncidentChild:
    """Another child's part of the incident, signed by its author."""
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    if incident.is_countersigned:
        raise ValidationError(ALREADY_COUNTERSIGNED)
    if incident.parts.filter(child=child).exists():
        raise ValidationError({"child": [CHILD_ALREADY_IN_INCIDENT.format(child=child.preferred_name)]})
    return _make_part(incident, child, author, now or timezone.now(), dict(part_fields))


@transaction.atomic
def incident_part_record_view(
    *, part: IncidentChild, user: User, child_view: str, now: datetime.datetime | None = None
) -> IncidentChild:
    """The child's view, asked for after the incident (the follow-up). Recorded once: a second
    person writing at the same time does not overwrite the first."""
    part = IncidentChild.objects.select_for_update().select_related("child").get(pk=part.pk)
    if not part.child_view_pending:
        who = part.child_view_recorded_by or "someone"
        raise ValidationError(CHILD_VIEW_ALREADY_RECORDED.format(child=part.child.preferred_name, who=who))
    if not child_view.strip():
        raise ValidationError({"child_view": [CHILD_VIEW_EMPTY.format(child=part.child.preferred_name)]})
    part.child_view = child_view.strip()
    part.child_view_recorded_by, part.child_view_recorded_at = user, now or timezone.now()
    part.full_clean()
    part.save()
    return part


def is_physical_intervention(incident: Incident) -> bool:
    return any(c.rule == IncidentCategory.Rule.PHYSICAL_INTERVENTION for c in incident.categories.all())


@transaction.atomic
def intervention_record(
    *, incident: Incident, child: Child, author: User, now: datetime.datetime | None = None, **fields
) -> PhysicalIntervention:
    """The Regulation 35(3)(a) record of a hold, signed by its author; the time it is made is the
    one the 24-hour clock checks."""
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    if incident.is_countersigned:
        raise ValidationError(ALREADY_COUNTERSIGNED)
    unknown = set(fields) - set(INTERVENTION_FIELDS)
    if unknown:
        raise TypeError(f"Not a field of a physical intervention: {sorted(unknown)}")
    held_by = list(fields.pop("held_by", []) or [])
    present = list(fields.pop("present", []) or [])
    intervention = PhysicalIntervention(
        incident=incident, child=child, author=author, recorded_at=now or timezone.now(), **fields
    )
    errors: dict[str, list[str]] = {}
    try:
        intervention.full_clean()
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    if not held_by:
        errors.setdefault("held_by", []).append("Choose who held.")
    errors.update(_staff_errors(incident.home, "held_by", held_by))
    if errors:
        raise ValidationError(errors)
    intervention.save()
    intervention.held_by.set(held_by)
    intervention.present.set(present)
    if not is_physical_intervention(incident):
        pi = IncidentCategory.objects.filter(rule=IncidentCategory.Rule.PHYSICAL_INTERVENTION).first()
        if pi is not None:
            incident.categories.add(pi)
    return intervention


@transaction.atomic
def incident_countersign(
    *,
    incident: Incident,
    manager: User,
    manager_comments: str = "",
    spoke_with_staff: bool = False,
    spoke_with_child: bool = False,
    now: datetime.datetime | None = None,
) -> Incident:
    """The manager's review and countersignature, which closes the incident."""
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    if incident.is_countersigned:
        raise ValidationError(ALREADY_COUNTERSIGNED)
    if incident.author_id == manager.pk:
        raise ValidationError(COUNTERSIGN_OWN_RECORD)
    if incident.allegation_against.filter(pk=manager.pk).exists():
        raise ValidationError(COUNTERSIGN_ABOUT_YOU)
    has_hold = incident.interventions.exists()
    if is_physical_intervention(incident) and not has_hold:
        raise ValidationError(INTERVENTION_MISSING)
    if has_hold:
        errors = {}
        if not spoke_with_staff:
            errors["spoke_with_staff"] = [REVIEW_SPOKE_WITH_STAFF]
        if not spoke_with_child:
            errors["spoke_with_child"] = [REVIEW_SPOKE_WITH_CHILD]
        if errors:
            raise ValidationError(errors)
    incident.countersigned_by, incident.countersigned_at = manager, now or timezone.now()
    incident.manager_comments = manager_comments.strip()
    incident.spoke_with_staff, incident.spoke_with_child = bool(spoke_with_staff), bool(spoke_with_child)
    incident.full_clean()
    incident.save()
    return incident


NO_NEW_ANTECEDENT = "This part of the incident names no new trigger to add to the risk assessment."
PROPOSED_LIKELY_RESPONSE = "Noticed before the incident on {when}: describe {child}'s likely response."


@transaction.atomic
def incident_part_propose_trigger(*, part: IncidentChild, user: User) -> RiskAssessment:
    """Put the incident's new antecedent into a draft of the child's risk assessment, as a trigger
    "we wonder" about: a new draft revising the active one, or the draft already open. The draft's
    revision moves on, so anyone editing it is shown the new trigger beside their changes instead of
    saving over it. Nothing happens twice: a draft already naming the trigger is returned as it is."""
    what = part.new_antecedent.strip()
    if not what:
        raise ValidationError(NO_NEW_ANTECEDENT)
    try:
        draft = risk_assessment_start(child=part.child, user=user)
    except DraftExists as exists:
        draft = exists.draft
    if draft.triggers.filter(what__iexact=what).exists():
        return draft
    revision_claim(draft, revision=None, user=user)
    when = timezone.localtime(part.incident.occurred_at)
    trigger = Trigger(
        assessment=draft,
        what=what[:200],
        likely_response=PROPOSED_LIKELY_RESPONSE.format(when=f"{when:%-d %B %Y}", child=part.child.preferred_name),
        certainty=Trigger.Certainty.WONDER,
    )
    trigger.full_clean()
    trigger.save()
    return draft
