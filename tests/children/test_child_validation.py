import datetime

import pytest
from django.core.exceptions import ValidationError

from children.ages import age_in_years
from children.models import child as child_models
from tests.factories import ChildFactory, UserFactory, member
from tests.utils import today


def errors_of(child) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        child.full_clean()
    return caught.value.message_dict


@pytest.mark.parametrize(
    ("born", "on", "expected"),
    [
        (datetime.date(2010, 3, 15), datetime.date(2024, 3, 15), 14),  # on the birthday
        (datetime.date(2010, 3, 15), datetime.date(2024, 3, 14), 13),  # the day before
        (datetime.date(2008, 2, 29), datetime.date(2025, 2, 28), 16),  # leap-day birthday
        (datetime.date(2008, 2, 29), datetime.date(2025, 3, 1), 17),
    ],
)
def test_age_in_years(born, on, expected):
    assert age_in_years(born, on) == expected


def test_a_valid_child_passes(home, staff):
    ChildFactory.build(home=home, key_worker=staff).full_clean()


def test_born_after_admission_is_refused(home, staff):
    child = ChildFactory.build(
        home=home, key_worker=staff, admission_date=today(), date_of_birth=today() + datetime.timedelta(days=1)
    )
    assert errors_of(child)["date_of_birth"] == [child_models.DOB_AFTER_ADMISSION]


def test_over_25_at_admission_is_refused(home, staff):
    admitted = today() - datetime.timedelta(days=10)
    born = admitted.replace(year=admitted.year - 26)
    child = ChildFactory.build(home=home, key_worker=staff, admission_date=admitted, date_of_birth=born)
    assert errors_of(child)["date_of_birth"] == [child_models.DOB_TOO_OLD]


def test_exactly_25_at_admission_is_allowed(home, staff):
    admitted = datetime.date(2026, 6, 1)
    ChildFactory.build(
        home=home, key_worker=staff, admission_date=admitted, date_of_birth=datetime.date(2001, 6, 2)
    ).full_clean()


def test_admission_in_the_future_is_refused(home, staff):
    child = ChildFactory.build(home=home, key_worker=staff, admission_date=today() + datetime.timedelta(days=1))
    assert child_models.ADMISSION_IN_FUTURE in errors_of(child)["admission_date"]


def test_discharge_before_admission_is_refused(home, staff):
    child = ChildFactory.build(
        home=home,
        key_worker=staff,
        admission_date=today() - datetime.timedelta(days=5),
        discharge_date=today() - datetime.timedelta(days=6),
        discharge_destination="Foster care",
    )
    assert errors_of(child)["discharge_date"] == [child_models.DISCHARGE_BEFORE_ADMISSION]


def test_discharge_needs_a_destination(home, staff):
    child = ChildFactory.build(home=home, key_worker=staff, discharge_date=today(), discharge_destination=" ")
    assert child_models.DISCHARGE_NEEDS_DESTINATION in errors_of(child)["discharge_destination"]


def test_discharge_in_the_future_is_refused(home, staff):
    child = ChildFactory.build(
        home=home, key_worker=staff, discharge_date=today() + datetime.timedelta(days=2), discharge_destination="x"
    )
    assert errors_of(child)["discharge_date"] == [child_models.DISCHARGE_IN_FUTURE]


def test_key_worker_must_work_in_the_childs_home(home, other_home):
    child = ChildFactory.build(home=home, key_worker=member(other_home))
    assert errors_of(child)["key_worker"] == [child_models.KEY_WORKER_NOT_IN_HOME]


def test_assessor_must_be_an_assessor(home, staff):
    child = ChildFactory.build(home=home, key_worker=staff, assessor=UserFactory())
    assert errors_of(child)["assessor"] == [child_models.ASSESSOR_NOT_ASSESSOR]


def test_clinical_lead_can_be_assigned_as_assessor(home, staff, clinical_lead):
    ChildFactory.build(home=home, key_worker=staff, assessor=clinical_lead).full_clean()


@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_discharge_before_admission_too(home, staff):
    from django.db import IntegrityError

    child = ChildFactory(home=home, key_worker=staff)
    child.discharge_date = child.admission_date - datetime.timedelta(days=1)
    with pytest.raises(IntegrityError):
        child.save()
