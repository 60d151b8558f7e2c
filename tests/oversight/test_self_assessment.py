"""A home's implementation self-assessment and plan (issue 12, item 6): rated against statements
that are data, completed only when every statement is rated, gaps turned into actions with owners,
dates and protected time tracked to done, and the next one showing the change."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from homes.extensions import tasks_for
from homes.models import Membership
from oversight.models import ImplementationAction, PracticeStatement, SelfAssessment, StatementRating
from oversight.services import self_assessment as services
from tests.factories import member
from tests.utils import count_queries, today

pytestmark = pytest.mark.django_db


def rate_all(self_assessment, user, rating):
    statements = services.statements_for(self_assessment)
    services.self_assessment_rate(
        self_assessment=self_assessment,
        user=user,
        revision=self_assessment.revision,
        ratings={s.pk: (rating, "") for s in statements},
    )
    self_assessment.refresh_from_db()


def test_the_statements_are_data_in_six_themes():
    statements = PracticeStatement.objects.filter(active=True)
    assert statements.count() >= 18
    assert set(statements.values_list("theme", flat=True)) == set(PracticeStatement.Theme.values)


def test_one_self_assessment_under_way_per_home(home, manager):
    services.self_assessment_start(home=home, user=manager)
    with pytest.raises(ValidationError, match="already has a self-assessment under way"):
        services.self_assessment_start(home=home, user=manager)


def test_completing_needs_every_statement_rated(home, manager):
    sa = services.self_assessment_start(home=home, user=manager)
    first = services.statements_for(sa)[0]
    services.self_assessment_rate(self_assessment=sa, user=manager, revision=sa.revision, ratings={first.pk: (2, "")})
    with pytest.raises(ValidationError, match="still to rate"):
        services.self_assessment_complete(self_assessment=sa, user=manager)
    sa.refresh_from_db()
    rate_all(sa, manager, 3)
    services.self_assessment_complete(self_assessment=sa, user=manager)
    assert sa.is_complete
    with pytest.raises(ValidationError, match="complete"):
        rate_all(sa, manager, 1)


def test_the_next_self_assessment_shows_the_change_by_theme(home, manager):
    first = services.self_assessment_start(home=home, user=manager)
    rate_all(first, manager, 2)
    services.self_assessment_complete(self_assessment=first, user=manager)
    SelfAssessment.objects.filter(pk=first.pk).update(started_on=today() - datetime.timedelta(days=365))
    second = services.self_assessment_start(home=home, user=manager)
    rate_all(second, manager, 3)
    scores, previous = services.theme_scores(second)
    assert previous == first
    assert {score.change for score in scores} == {1.0}


def test_an_action_needs_an_owner_at_the_home(home, manager, other_manager):
    sa = services.self_assessment_start(home=home, user=manager)
    with pytest.raises(ValidationError):
        services.implementation_action_add(
            self_assessment=sa,
            theme="training",
            description="x",
            owner=other_manager,
            due_on=today(),
            protected_hours=1,
        )


def test_the_manager_rates_completes_and_plans_through_the_pages(client, home, manager, staff):
    client.force_login(manager)
    response = client.post(reverse("self_assessment_start", args=[home.pk]))
    sa = SelfAssessment.objects.get(home=home)
    assert response.url == reverse("self_assessment_detail", args=[sa.pk])
    page = client.get(response.url).content.decode()
    statements = services.statements_for(sa)
    assert escape(statements[0].text) in page
    data = {"revision": sa.revision}
    for statement in statements:
        data[f"rating_{statement.pk}"] = "3"
        data[f"evidence_{statement.pk}"] = "Seen in the rota"
    assert client.post(reverse("self_assessment_detail", args=[sa.pk]), data).status_code == 302
    assert StatementRating.objects.filter(self_assessment=sa, rating=3).count() == len(statements)
    client.post(reverse("self_assessment_complete", args=[sa.pk]))
    sa.refresh_from_db()
    assert sa.is_complete

    action = {
        "theme": "training",
        "description": "Book the team onto PACE training",
        "owner": staff.pk,
        "due_on": (today() + datetime.timedelta(days=10)).isoformat(),
        "protected_hours": "6",
    }
    assert client.post(reverse("implementation_action_add", args=[sa.pk]), action).status_code == 302
    created = ImplementationAction.objects.get()
    assert ("Implementation plan action", home.name) in [(t.kind, t.about) for t in tasks_for(staff, today())]

    client.force_login(staff)  # the owner marks it done
    client.post(reverse("implementation_action_done", args=[created.pk]))
    created.refresh_from_db()
    assert created.done_on == timezone.localdate()


def test_a_stale_save_shows_theirs_beside_yours(client, home, manager, deputy):
    sa = services.self_assessment_start(home=home, user=manager)
    statement = services.statements_for(sa)[0]
    opened_at = sa.revision
    services.self_assessment_rate(self_assessment=sa, user=deputy, revision=opened_at, ratings={statement.pk: (4, "")})
    client.force_login(manager)
    response = client.post(
        reverse("self_assessment_detail", args=[sa.pk]), {"revision": opened_at, f"rating_{statement.pk}": "1"}
    )
    assert response.status_code == 200
    assert "while you were editing it" in response.content.decode()
    assert StatementRating.objects.get(self_assessment=sa, statement=statement).rating == 4


def test_care_staff_read_but_do_not_rate_or_start(client, home, manager, staff):
    sa = services.self_assessment_start(home=home, user=manager)
    client.force_login(staff)
    assert client.get(reverse("implementation_home", args=[home.pk])).status_code == 200
    assert client.get(reverse("self_assessment_detail", args=[sa.pk])).status_code == 200
    assert client.post(reverse("self_assessment_detail", args=[sa.pk]), {"revision": sa.revision}).status_code == 403
    assert client.post(reverse("self_assessment_start", args=[home.pk])).status_code == 403
    assert client.post(reverse("self_assessment_complete", args=[sa.pk])).status_code == 403
    assert client.get(reverse("implementation_action_add", args=[sa.pk])).status_code == 403


def test_another_homes_manager_finds_nothing(client, home, manager, other_manager):
    sa = services.self_assessment_start(home=home, user=manager)
    client.force_login(other_manager)
    assert client.get(reverse("implementation_home", args=[home.pk])).status_code == 404
    assert client.get(reverse("self_assessment_detail", args=[sa.pk])).status_code == 404
    assert client.post(reverse("self_assessment_complete", args=[sa.pk])).status_code == 404


def test_post_only_views_refuse_get(client, home, manager):
    sa = services.self_assessment_start(home=home, user=manager)
    client.force_login(manager)
    assert client.get(reverse("self_assessment_start", args=[home.pk])).status_code == 405
    assert client.get(reverse("self_assessment_complete", args=[sa.pk])).status_code == 405


def test_a_yearly_self_assessment_is_on_the_managers_list(home, manager):
    assert ("Implementation self-assessment", home.name) in [(t.kind, t.about) for t in tasks_for(manager, today())]
    sa = services.self_assessment_start(home=home, user=manager)
    assert ("Implementation self-assessment", home.name) not in [(t.kind, t.about) for t in tasks_for(manager, today())]
    rate_all(sa, manager, 3)
    services.self_assessment_complete(self_assessment=sa, user=manager)
    kinds = [(t.kind, t.due) for t in tasks_for(manager, today() + datetime.timedelta(days=360))]
    assert ("Implementation self-assessment", today() + datetime.timedelta(days=365)) in kinds


def test_the_home_page_costs_the_same_queries_however_many_actions(client, home, manager):
    sa = services.self_assessment_start(home=home, user=manager)
    client.force_login(manager)
    url = reverse("implementation_home", args=[home.pk])
    one = count_queries(client, url)
    for index in range(4):
        services.implementation_action_add(
            self_assessment=sa,
            theme="training",
            description=f"Step {index}",
            owner=member(home, Membership.Role.CARE_STAFF),
            due_on=today(),
            protected_hours=2,
        )
    assert count_queries(client, url) == one
