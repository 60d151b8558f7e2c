"""Nobody hard-deletes anything from the admin: the walk covers every model registered with the
admin site, so an admin added later is covered without editing this file. A person who leaves is
deactivated instead, and keeps their records."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.test import RequestFactory
from django.urls import reverse

from homes.models import User
from homes.services import CANNOT_DEACTIVATE_YOURSELF
from tests.factories import UserFactory

# Configuration-only models that may be deleted from the admin. Keep this tiny, and say why.
DELETABLE = {
    # Django's permission groups: configuration, no record hangs off them (Hearth's roles are
    # Memberships, which are edited inline on the home).
    "auth.Group",
    # For the lead at merge: the second-factor devices (django-otp) and login attempts
    # (django-axes) admins are read-only/no-delete per the auth slice; add their labels here
    # only if it is decided they are configuration, e.g. "otp_totp.TOTPDevice".
}

REGISTERED = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)
GUARDED = [(model, model_admin) for model, model_admin in REGISTERED if model._meta.label not in DELETABLE]


def test_the_walk_finds_the_records():
    labels = {model._meta.label for model, _ in GUARDED}
    assert {"homes.User", "homes.Home", "children.Child", "auditlog.LogEntry", "assessments.Instrument"} <= labels


@pytest.fixture(params=["superuser", "administrator"])
def admin_user(request, db) -> User:
    if request.param == "superuser":
        return UserFactory(is_staff=True, is_superuser=True)
    # An administrator granted every permission there is: the admin must refuse all the same.
    person = UserFactory(provider_role=User.ProviderRole.ADMINISTRATOR, is_staff=True)
    person.user_permissions.set(Permission.objects.all())
    return User.objects.get(pk=person.pk)  # a fresh object: permissions are cached


def _some_object_id(model) -> str:
    """Any stored row of the model (the `home` and `child` fixtures make people, a home, a child and
    log entries; migrations load an instrument and courses); "0" names none, which the delete
    view must refuse before looking it up."""
    first = model._default_manager.order_by("pk").first()
    return str(first.pk) if first else "0"


@pytest.mark.parametrize(("model", "model_admin"), GUARDED, ids=[m._meta.label for m, _ in GUARDED])
def test_nothing_registered_can_be_deleted(client_for, admin_user, home, child, model, model_admin):
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    object_id = _some_object_id(model)
    obj = model._default_manager.filter(pk=object_id).first()
    assert not model_admin.has_delete_permission(request)
    assert not model_admin.has_delete_permission(request, obj)
    assert "delete_selected" not in model_admin.get_actions(request)
    for inline in model_admin.get_inline_instances(request, obj):
        if inline.model._meta.label not in {"homes.Membership"}:  # roles are configuration
            deletable = inline.can_delete and inline.has_delete_permission(request, obj)
            assert not deletable, f"{inline.model._meta.label} rows can be deleted inline"

    client = client_for(admin_user)
    opts = model._meta
    delete_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_delete", args=[object_id])
    count = model._default_manager.count()
    assert client.get(delete_url).status_code == 403
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    client.post(changelist, {"action": "delete_selected", "_selected_action": [object_id], "post": "yes"})
    assert model._default_manager.count() == count


def test_a_person_who_leaves_is_deactivated_and_keeps_their_records(client_for, admin_user, staff, child):
    assert child.key_worker == staff
    response = client_for(admin_user).post(
        reverse("admin:homes_user_changelist"), {"action": "deactivate", "_selected_action": [staff.pk]}
    )
    assert response.status_code == 302
    staff.refresh_from_db()
    child.refresh_from_db()
    assert not staff.is_active
    assert child.key_worker == staff


def test_an_administrator_cannot_deactivate_themselves(client_for, admin_user):
    response = client_for(admin_user).post(
        reverse("admin:homes_user_changelist"),
        {"action": "deactivate", "_selected_action": [admin_user.pk]},
        follow=True,
    )
    assert CANNOT_DEACTIVATE_YOURSELF in response.text
    admin_user.refresh_from_db()
    assert admin_user.is_active


def test_a_person_with_records_cannot_be_deleted_even_outside_the_admin(staff, child):
    """PROTECT, not CASCADE: deleting a person in a shell would otherwise take their records."""
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        staff.delete()
    with pytest.raises(ProtectedError):
        child.home.delete()
