"""Subject access (issue 15): requests, their exports and the redaction review are for provider
administrators only; everyone else gets 404."""

from django.apps import apps
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from homes.models import User

__all__ = ["can_handle_subject_access", "subject_access_requests_for", "get_subject_access_request_for"]


def can_handle_subject_access(user: User) -> bool:
    return user.is_authenticated and user.is_active and user.is_administrator


def subject_access_requests_for(user: User) -> QuerySet:
    model = apps.get_model("records", "SubjectAccessRequest")
    if not can_handle_subject_access(user):
        return model.objects.none()
    return model.objects.all()


def get_subject_access_request_for(user: User, pk: int):
    return get_object_or_404(
        subject_access_requests_for(user).select_related("child__home", "person", "opened_by", "released_by"), pk=pk
    )
