"""The key-working pages print the child's name in help texts, which crispy renders unescaped:
a hostile preferred name must come out as text on the add, correct and amend pages."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from children.forms.key_working import KeyWorkingForm
from tests.children.factories import CarePlanFactory, GoalFactory, KeyWorkingSessionFactory, signed
from tests.factories import ChildFactory

PAYLOAD = '"><img src=x onerror=alert(1)>'


@pytest.fixture
def hostile_child(home, staff):
    child = ChildFactory(home=home, preferred_name=PAYLOAD, key_worker=staff)
    plan = CarePlanFactory(child=child)
    GoalFactory(plan=plan, title=f"goal {PAYLOAD}", status="working")
    signed(plan)
    return child


def test_help_texts_and_labels_escape_the_childs_name(hostile_child):
    form = KeyWorkingForm(instance=KeyWorkingSessionFactory.build(child=hostile_child))
    for field in ("child_voice", "goals_worked_on"):
        assert PAYLOAD not in str(form.fields[field].help_text)
        assert escape(PAYLOAD) in str(form.fields[field].help_text)
    assert escape(PAYLOAD) in str(form.fields["child_voice"].label)
    (label,) = [str(label) for _, label in form.fields["goals_worked_on"].choices]
    assert PAYLOAD not in label and escape(PAYLOAD) in label


@pytest.mark.parametrize("page", ["key_working_add", "key_working_edit", "key_working_amend"])
def test_key_working_pages_show_a_hostile_name_as_text(client_for, hostile_child, staff, manager, page):
    if page == "key_working_add":
        url, person = reverse(page, args=[hostile_child.pk]), staff
    else:
        # Corrections are the author's, within a day; amendments come after that.
        happened = timezone.now() - datetime.timedelta(hours=1 if page == "key_working_edit" else 72)
        session = KeyWorkingSessionFactory(
            child=hostile_child, staff_member=staff, author=staff, happened_at=happened, signed_at=happened
        )
        url, person = reverse(page, args=[session.pk]), staff
    response = client_for(person).get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert PAYLOAD not in content
    assert escape(PAYLOAD) in content
