import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from homes.models import Membership
from supervision.models import WellbeingCheckIn
from supervision.services.compliance import last_months, month_starts
from supervision.services.wellbeing import monthly_aggregates
from tests.factories import member
from tests.supervision.factories import staff_member


def check_in(person, home, score, when=None, note=""):
    return WellbeingCheckIn.objects.create(
        person=person, home=home, score=score, recorded_at=when or timezone.now(), private_note=note
    )


def this_month():
    return month_starts(*last_months(1))


def test_a_month_shows_only_when_five_people_answered(home):
    people = [staff_member(home) for _ in range(5)]
    for person in people[:4]:
        check_in(person, home, 4)
        check_in(person, home, 2)  # many answers from the same four people are still four people
    [month] = monthly_aggregates(home, this_month())
    assert month.people == 4 and month.average is None and not month.shown
    check_in(people[4], home, 5)
    [month] = monthly_aggregates(home, this_month())
    assert month.people == 5 and month.shown
    assert month.average == 3.4  # (3 + 3 + 3 + 3 + 5) / 5: each person's own average counts once


def test_aggregates_are_per_home(home, other_home):
    for _ in range(5):
        check_in(staff_member(other_home), other_home, 1)
    [month] = monthly_aggregates(home, this_month())
    assert month.people == 0


def test_compliance_page_shows_the_trend_beside_compliance(client_for, home, manager):
    for _ in range(5):
        check_in(staff_member(home), home, 4)
    page = client_for(manager).get(reverse("supervision_compliance", args=[home.pk])).text
    assert "Team wellbeing" in page and "4.0" in page and "(5 people)" in page


def test_check_in_takes_one_tap(client_for, home, staff):
    url = reverse("wellbeing_checkin")
    page = client_for(staff).get(url).text
    assert page.count('name="score"') == 5
    response = client_for(staff).post(url, {"home": home.pk, "score": 4})
    assert response.status_code == 302
    checkin = WellbeingCheckIn.objects.get()
    assert (checkin.person, checkin.home, checkin.score, checkin.private_note) == (staff, home, 4, "")


def test_check_in_with_a_private_note(client_for, home, staff):
    client_for(staff).post(reverse("wellbeing_checkin"), {"home": home.pk, "score": 2, "private_note": "Tired"})
    assert WellbeingCheckIn.objects.get().private_note == "Tired"


@pytest.mark.parametrize("score", ["0", "6", ""])
def test_check_in_refuses_a_score_off_the_scale(client_for, home, staff, score):
    response = client_for(staff).post(reverse("wellbeing_checkin"), {"home": home.pk, "score": score})
    assert response.status_code == 200 and "Choose how you are" in response.text
    assert not WellbeingCheckIn.objects.exists()


def test_check_in_only_at_your_own_home(client_for, home, other_home, staff):
    response = client_for(staff).post(reverse("wellbeing_checkin"), {"home": other_home.pk, "score": 3})
    assert response.status_code == 200
    assert not WellbeingCheckIn.objects.exists()


def test_people_in_two_homes_choose_where(client_for, home, other_home):
    person = member(home, Membership.Role.ASSESSOR)
    Membership.objects.create(user=person, home=other_home, role=Membership.Role.ASSESSOR)
    page = client_for(person).get(reverse("wellbeing_checkin")).text
    assert "Where are you working today?" in page and "Rowan Lodge" in page


def test_check_in_persona_matrix(client_for, administrator, staff):
    url = reverse("wellbeing_checkin")
    assert client_for(administrator).get(url).status_code == 403  # works in no home
    assert client_for(staff).put(url).status_code == 405


def test_check_ins_in_earlier_months_count_there(home):
    last_month = timezone.now() - datetime.timedelta(days=35)
    for _ in range(5):
        check_in(staff_member(home), home, 3, when=last_month)
    months = monthly_aggregates(home, month_starts(*last_months(3)))
    assert [m.people for m in months][-1] == 0
    assert 5 in [m.people for m in months]
