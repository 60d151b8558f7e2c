"""Oversight across homes (issue 12): the provider overview is for the people who oversee every
home — administrators, clinical leads and the responsible individual; each home's implementation
self-assessment and plan are the home's own."""

from django.db.models import QuerySet

from homes.access.core import for_homes, role_in
from homes.models import Home, Membership, User


def can_see_provider_overview(user: User) -> bool:
    return user.is_authenticated and user.is_active and user.sees_all_homes


def _self_assessment_model():
    from django.apps import apps

    return apps.get_model("oversight", "SelfAssessment")


def self_assessments_for(user: User) -> QuerySet:
    """A home's implementation self-assessments and plan are the home's own: everyone who works
    there reads them, as do those who oversee every home."""
    return for_homes(user, _self_assessment_model().objects.all())


def can_run_self_assessment(user: User, home: Home) -> bool:
    """Start, rate, complete and plan: the clinical lead and the home's managers."""
    return user.is_clinical_lead or role_in(user, home) in Membership.MANAGING_ROLES


def can_complete_implementation_action(user: User, action) -> bool:
    return action.owner_id == user.pk or can_run_self_assessment(user, action.self_assessment.home)


def _quality_review_model():
    from django.apps import apps

    return apps.get_model("oversight", "QualityReview")


def quality_reviews_for(user: User) -> QuerySet:
    """A home's Regulation 45 reviews are read by everyone who works there (they hold aggregates
    and children's initials, nothing confidential) and by those who oversee every home."""
    return for_homes(user, _quality_review_model().objects.all())


def can_write_quality_review(user: User, home: Home) -> bool:
    """Draft, write, sign, send and build: the home's managers and the responsible individual,
    the provider's person accountable to Ofsted."""
    return user.is_responsible_individual or role_in(user, home) in Membership.MANAGING_ROLES
