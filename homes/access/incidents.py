"""Incidents and physical intervention (issue 10, item 10).

Care staff, deputies and managers of the home record incidents; its managers countersign them;
assessors and clinical leads read them. Each child's part of an incident is a record of that child:
people who read the child (their assessor, say) read their part, and only the home's members (and
provider-wide roles) read the whole incident with every child's part.

An allegation against a member of staff is visible only to the home's managers, the responsible
individual and the provider's administrators, and never to the person it is about, whatever else they are."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from children.models import Child
from homes.access.core import children_for, home_ids_of, homes_with_role, role_in
from homes.models import Home, Membership, User
from safeguarding.models import Incident, IncidentCategory, IncidentChild


def _is_allegation(incident_ref: str = "pk") -> Exists:
    return Exists(
        Incident.categories.through.objects.filter(
            incident_id=OuterRef(incident_ref), incidentcategory__rule=IncidentCategory.Rule.ALLEGATION
        )
    )


def _allegations_allowed(user: User, home_field: str) -> Q:
    """Which allegation records the person may read (before leaving out those about them)."""
    if user.is_administrator or user.is_responsible_individual:
        # Not Q(): an empty Q drops out of `a | Q()`, which would leave administrators none.
        return Q(pk__isnull=False)
    return Q(**{f"{home_field}__in": home_ids_of(user, Membership.MANAGING_ROLES)})


def incidents_for(user: User) -> QuerySet[Incident]:
    """Whole incidents (every child's part): the home's members and provider-wide roles."""
    if not user.is_authenticated or not user.is_active:
        return Incident.objects.none()
    incidents = Incident.objects.all()
    if not user.sees_all_homes:
        incidents = incidents.filter(home_id__in=home_ids_of(user))
    allowed = Q(restricted=False) | _allegations_allowed(user, "home_id")
    return incidents.annotate(restricted=_is_allegation()).filter(allowed).exclude(allegation_against=user)


def get_incident_for(user: User, pk: int) -> Incident:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(incidents_for(user).select_related("home", "author", "countersigned_by"), pk=pk)


def incident_parts_for(user: User) -> QuerySet[IncidentChild]:
    """Children's parts of incidents, for everyone who reads the child (their record shows it)."""
    if not user.is_authenticated or not user.is_active:
        return IncidentChild.objects.none()
    parts = IncidentChild.objects.filter(child__in=children_for(user))
    allowed = Q(restricted=False) | _allegations_allowed(user, "incident__home_id")
    parts = parts.annotate(restricted=_is_allegation("incident_id")).filter(allowed)
    return parts.exclude(incident__allegation_against=user)


def get_incident_part_for(user: User, pk: int) -> IncidentChild:
    from django.shortcuts import get_object_or_404

    parts = incident_parts_for(user).select_related("incident__home", "child__home", "author")
    return get_object_or_404(parts, pk=pk)


def can_record_incident(user: User, home: Home) -> bool:
    """Care staff, deputies and managers of the home (the people who were there)."""
    return role_in(user, home) in Membership.KEY_WORKER_ROLES


def can_record_incident_for(user: User, child: Child) -> bool:
    return can_record_incident(user, child.home)


def can_countersign_incident(user: User, incident: Incident) -> bool:
    """The home's managers and deputies (the registered person or someone they authorise)."""
    return role_in(user, incident.home) in Membership.MANAGING_ROLES


def homes_countersigning_incidents(user: User) -> QuerySet[Home]:
    """The homes where can_countersign_incident holds, in one query (dashboard, tasks)."""
    if not user.is_authenticated or not user.is_active:
        return Home.objects.none()
    return homes_with_role(user, Membership.MANAGING_ROLES)
