"""Dates outside 1900-2100 are refused everywhere: by every form (walked here, so a form added
later is covered without editing this file), in month addresses (404) and in query strings (the
page with a message, or today). Review, next and due dates more than three years ahead are
refused."""

import datetime
import importlib
import pkgutil

import pytest
from django import forms
from django.conf import settings
from django.contrib import admin
from django.db import models
from django.test import RequestFactory
from django.urls import reverse

from children.models import Activity
from homes.dates import (
    DATE_OUT_OF_RANGE,
    REVIEW_TOO_FAR_AHEAD,
    add_months,
    validate_review_date,
    validate_within_bounds,
)
from homes.models import Membership
from tests.children.factories import CarePlanFactory
from tests.supervision.factories import make_session, staff_member
from tests.utils import today


def _import_every_module() -> None:
    """Forms live in forms modules, but also in views (filters) and services: import them all."""
    for app in settings.LOCAL_APPS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            if ".migrations" not in module.name:
                importlib.import_module(module.name)


def _all_subclasses(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub, *_all_subclasses(sub)}
    return found


def _date_fields(form_class: type[forms.BaseForm]):
    """(name, field) for each date or date-time field, the parts of a split date-time included."""
    for name, field in form_class.base_fields.items():
        if isinstance(field, forms.SplitDateTimeField):
            yield name, field.fields[0]
        elif isinstance(field, forms.DateField | forms.DateTimeField):
            yield name, field


_import_every_module()
PROJECT_FORMS = sorted(
    (cls for cls in _all_subclasses(forms.BaseForm) if cls.__module__.split(".")[0] in settings.LOCAL_APPS),
    key=lambda cls: f"{cls.__module__}.{cls.__qualname__}",
)


def test_the_walk_finds_the_forms_with_dates():
    names = {cls.__name__ for cls in PROJECT_FORMS if list(_date_fields(cls))}
    assert {"ChildForm", "ChronologyFilter", "EvidenceRequestForm", "SessionForm", "AssessmentStartForm"} <= names


@pytest.mark.parametrize("form_class", PROJECT_FORMS, ids=lambda cls: f"{cls.__module__}.{cls.__name__}")
def test_every_date_field_of_every_form_refuses_dates_outside_1900_to_2100(form_class):
    for name, field in _date_fields(form_class):
        assert validate_within_bounds in field.validators, f"{form_class.__name__}.{name} accepts any year"


def test_every_admin_form_and_inline_refuses_them(db, administrator):
    administrator.is_superuser = True
    request = RequestFactory().get("/admin/")
    request.user = administrator
    for model, model_admin in admin.site._registry.items():
        form_classes = [model_admin.get_form(request)]
        form_classes += [inline.get_formset(request).form for inline in model_admin.get_inline_instances(request)]
        for form_class in form_classes:
            for name, field in _date_fields(form_class):
                assert validate_within_bounds in field.validators, f"admin of {model.__name__}: {name}"


def test_every_model_date_field_refuses_them_too():
    """So a service's full_clean() refuses them whatever called it (a task, a command, the admin)."""
    from django.apps import apps

    dated = [
        field for model in apps.get_models() for field in model._meta.fields if isinstance(field, models.DateField)
    ]
    assert len(dated) > 40
    for field in dated:
        assert validate_within_bounds in field.validators, f"{field.model.__name__}.{field.name}"


def test_a_service_refuses_them(manager, child):
    from children.services.daily_care import activity_add

    with pytest.raises(forms.ValidationError) as refused:
        activity_add(
            child=child,
            recorded_by=manager,
            kind=Activity.Kind.ENRICHMENT,
            date=datetime.date(2, 1, 1),
            duration_minutes=30,
            note="Park",
        )
    assert DATE_OUT_OF_RANGE in str(refused.value)


@pytest.mark.parametrize("value", ["0002-01-01", "1899-12-31", "2101-01-01"])
def test_a_date_form_field_says_what_to_do(value):
    field = forms.DateField()
    with pytest.raises(forms.ValidationError) as refused:
        field.clean(value)
    assert refused.value.messages == [DATE_OUT_OF_RANGE]


def test_the_edges_are_accepted():
    assert forms.DateField().clean("1900-01-01") == datetime.date(1900, 1, 1)
    assert forms.DateTimeField().clean("2100-12-31 23:59").date() == datetime.date(2100, 12, 31)


def test_a_form_over_http_shows_the_message(client_for, manager, child):
    response = client_for(manager).post(
        reverse("activity_log", args=[child.pk]),
        {"kind": Activity.Kind.ENRICHMENT, "date": "0002-01-01", "duration_minutes": 30, "note": "Park"},
    )
    assert response.status_code == 200
    assert DATE_OUT_OF_RANGE in response.text
    assert not Activity.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("date_of_birth", "0002-01-01"), ("admission_date", "2101-01-01"), ("date_of_birth", "1899-12-31")],
)
def test_admitting_a_child_with_a_date_outside_the_bounds_answers_with_the_message(
    client_for, manager, home, field, value
):
    from children.models import Child
    from tests.children.test_child_views import admit_form

    response = client_for(manager).post(reverse("child_admit", args=[home.pk]), admit_form(**{field: value}))
    assert response.status_code == 200
    assert DATE_OUT_OF_RANGE in response.text
    assert not Child.objects.exists()


def test_a_date_and_time_outside_the_bounds_answers_with_the_message(client_for, staff, child):
    from children.models import KeyWorkingSession
    from tests.children.test_key_working_views import form_data

    response = client_for(staff).post(
        reverse("key_working_add", args=[child.pk]), form_data(staff, happened_at="0002-01-01T10:00")
    )
    assert response.status_code == 200
    assert DATE_OUT_OF_RANGE in response.text
    assert not KeyWorkingSession.objects.exists()


# --- addresses and query strings ------------------------------------------------------------


MONTH_URLS = ["home_month", "home_month_open", "home_month_progress", "home_month_build_packs"]


@pytest.mark.parametrize("name", MONTH_URLS)
@pytest.mark.parametrize("month", ["0002-01", "0999-12", "1899-12", "2101-01"])
def test_a_month_outside_the_bounds_is_not_found(client_for, manager, home, name, month):
    url = reverse(name, args=[home.pk, "2020-01"]).replace("2020-01", month)
    client = client_for(manager)
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


@pytest.mark.parametrize("month", ["1900-01", "2100-12"])
def test_a_month_at_the_bounds_is_found(client_for, manager, home, month):
    assert client_for(manager).get(reverse("home_month", args=[home.pk, month])).status_code == 200


@pytest.mark.parametrize("value", ["0002-01-01", "2101-01-01"])
def test_the_chronology_filter_answers_with_a_message(client_for, manager, child, value):
    response = client_for(manager).get(reverse("child_chronology", args=[child.pk]), {"start": value})
    assert response.status_code == 200
    assert DATE_OUT_OF_RANGE in response.text


def test_a_remembered_date_outside_the_bounds_starts_from_today(client_for, manager, child):
    response = client_for(manager).get(reverse("activity_log", args=[child.pk]), {"date": "0002-01-01"})
    assert response.status_code == 200
    assert f'value="{today():%Y-%m-%d}"' in response.text


# --- review dates ---------------------------------------------------------------------------


def _years_ahead(years: int, days: int = 0) -> datetime.date:
    return add_months(today(), 12 * years) + datetime.timedelta(days=days)


def test_a_review_date_three_years_ahead_is_accepted_a_day_more_is_not():
    validate_review_date(_years_ahead(3))
    with pytest.raises(forms.ValidationError) as refused:
        validate_review_date(_years_ahead(3, days=1))
    assert refused.value.messages == [REVIEW_TOO_FAR_AHEAD]


def test_every_review_next_or_due_date_of_every_model_carries_the_rule():
    """A guard for new models: a date named review/next/due is planned ahead, and gets the rule."""
    from django.apps import apps

    planned = [
        field
        for model in apps.get_models()
        if model._meta.app_label in settings.LOCAL_APPS
        for field in model._meta.fields
        if isinstance(field, models.DateField) and any(word in field.name for word in ("review", "next", "due"))
    ]
    assert {f"{f.model.__name__}.{f.name}" for f in planned} >= {
        "CarePlan.review_date",
        "RiskAssessment.review_date",
        "SupervisionSession.next_on",
        "SupervisionAction.due_on",
    }
    for field in planned:
        assert validate_review_date in field.validators, f"{field.model.__name__}.{field.name}"


def test_a_care_plan_review_date_too_far_ahead_is_refused(client_for, manager, child):
    from tests.children.test_care_plan_views import plan_form

    plan = CarePlanFactory(child=child)
    response = client_for(manager).post(
        reverse("care_plan_edit", args=[plan.pk]), plan_form(plan, review_date=_years_ahead(4).isoformat())
    )
    assert response.status_code == 200
    assert REVIEW_TOO_FAR_AHEAD in response.text
    plan.refresh_from_db()
    assert plan.review_date != _years_ahead(4)


def test_a_next_supervision_too_far_ahead_is_refused(client_for, home):
    from supervision.models import SupervisionSession
    from tests.supervision.test_session_views import session_form

    supervisor = staff_member(home, Membership.Role.DEPUTY_MANAGER)
    supervisee = staff_member(home)
    response = client_for(supervisor).post(
        reverse("supervision_record", args=[home.pk]),
        session_form([supervisee], next_on=_years_ahead(3, days=1).isoformat()),
    )
    assert response.status_code == 200
    assert REVIEW_TOO_FAR_AHEAD in response.text
    assert not SupervisionSession.objects.exists()


def test_an_action_due_too_far_ahead_is_refused(client_for, home):
    from supervision.models import SupervisionAction

    supervisor = staff_member(home, Membership.Role.DEPUTY_MANAGER)
    supervisee = staff_member(home)
    session = make_session(home=home, supervisor=supervisor, attendees=[supervisee])
    response = client_for(supervisor).post(
        reverse("supervision_action_add", args=[session.pk]),
        {"description": "Read PACE notes", "owner": supervisee.pk, "due_on": _years_ahead(5).isoformat()},
        follow=True,
    )
    assert REVIEW_TOO_FAR_AHEAD in response.text
    assert not SupervisionAction.objects.exists()
