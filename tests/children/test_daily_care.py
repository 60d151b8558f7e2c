import datetime
import re

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from children.models import Activity, records
from children.models import daily_care as models
from tests.children.factories import ActivityFactory
from tests.factories import member
from tests.utils import count_queries, today


def entry(**overrides) -> dict:
    data = {
        "kind": Activity.Kind.SOOTHING,
        "date": today().isoformat(),
        "duration_minutes": 20,
        "region": "diencephalon",
        "note": "Weighted blanket and a story before bed",
    }
    data.update(overrides)
    return data


@pytest.fixture
def url(child):
    return reverse("activity_log", args=[child.pk])


# --- persona matrix --------------------------------------------------------------------------


@pytest.mark.parametrize("person", ["staff", "deputy", "manager", "assessor", "clinical_lead", "administrator"])
def test_everyone_within_reach_reads_the_activities(request, client_for, child, url, person):
    ActivityFactory(child=child)
    response = client_for(request.getfixturevalue(person)).get(url)
    assert response.status_code == 200
    assert "Baked bread together" in response.text


@pytest.mark.parametrize("person", ["staff", "deputy", "manager"])
def test_the_homes_staff_get_the_quick_add_form(request, client_for, url, person):
    assert 'id="quick-add"' in client_for(request.getfixturevalue(person)).get(url).text


@pytest.mark.parametrize("person", ["assessor", "clinical_lead", "administrator"])
def test_read_only_roles_see_no_form_and_get_403_on_post(request, client_for, url, person):
    client = client_for(request.getfixturevalue(person))
    assert 'id="quick-add"' not in client.get(url).text
    assert client.post(url, entry()).status_code == 403
    assert not Activity.objects.exists()


def test_another_homes_member_gets_404(client_for, other_manager, url):
    assert client_for(other_manager).get(url).status_code == 404
    assert client_for(other_manager).post(url, entry()).status_code == 404
    assert not Activity.objects.exists()


def test_other_methods_are_refused(client_for, staff, url):
    assert client_for(staff).put(url).status_code == 405


# --- quick entry -----------------------------------------------------------------------------


def test_an_entry_is_saved_and_the_form_stays_open_with_type_and_date_remembered(client_for, staff, child, url):
    yesterday = (today() - datetime.timedelta(days=1)).isoformat()
    client = client_for(staff)
    response = client.post(url, entry(date=yesterday))
    activity = Activity.objects.get()
    assert (activity.child, activity.recorded_by, activity.kind, activity.region) == (
        child,
        staff,
        Activity.Kind.SOOTHING,
        "diencephalon",
    )
    assert response.status_code == 302
    assert response.url == f"{url}?kind=soothing&date={yesterday}#quick-add"
    page = client.get(response.url).text
    assert "Added: Soothing or regulating activity, 20 minutes" in page
    assert re.search(r'<input type="radio" name="kind" value="soothing"[^>]* checked>', page)
    assert f'value="{yesterday}"' in page


def test_the_form_starts_at_today(client_for, staff, url):
    assert f'value="{today().isoformat()}"' in client_for(staff).get(url).text


def test_a_mangled_remembered_date_starts_at_today(client_for, staff, url):
    assert f'value="{today().isoformat()}"' in client_for(staff).get(f"{url}?date=yesterday&kind=nonsense").text


def test_the_domain_may_be_left_open(client_for, staff, url):
    client_for(staff).post(url, entry(region="", kind=Activity.Kind.FAMILY_TIME))
    assert Activity.objects.get().region == ""


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"date": "tomorrow"}, "date", models.ACTIVITY_IN_FUTURE),
        ({"duration_minutes": 0}, "duration_minutes", records.DURATION_OUT_OF_RANGE),
        ({"duration_minutes": 13 * 60}, "duration_minutes", records.DURATION_OUT_OF_RANGE),
        ({"kind": ""}, "kind", "Choose what you did together"),
    ],
)
def test_bad_entries_are_refused_with_a_clear_message(client_for, staff, url, overrides, field, message):
    if overrides.get("date") == "tomorrow":  # worked out when the test runs
        overrides = {**overrides, "date": (today() + datetime.timedelta(days=1)).isoformat()}
    response = client_for(staff).post(url, entry(**overrides))
    assert response.status_code == 200
    assert message in response.text
    assert "Weighted blanket" in response.text  # what was typed is kept
    assert not Activity.objects.exists()


def test_an_entry_before_admission_is_refused(client_for, staff, child, url):
    before = (child.admission_date - datetime.timedelta(days=1)).isoformat()
    response = client_for(staff).post(url, entry(date=before))
    assert "before Siobhán came to live at the home" in response.text
    assert not Activity.objects.exists()


def test_an_entry_after_the_child_left_is_refused(client_for, staff, child, url):
    child.discharge_date = today() - datetime.timedelta(days=2)
    child.discharge_destination = "Foster care"
    child.save()
    response = client_for(staff).post(url, entry(date=today().isoformat()))
    assert "after Siobhán left the home" in response.text
    assert not Activity.objects.exists()


def test_entries_are_in_the_change_history(client_for, staff, url):
    client_for(staff).post(url, entry())
    entry_log = LogEntry.objects.get_for_object(Activity.objects.get()).get()
    assert entry_log.actor == staff


def test_the_page_runs_the_same_queries_for_one_entry_or_many(client_for, staff, child, url):
    client = client_for(staff)
    ActivityFactory(child=child)
    one = count_queries(client, url)
    ActivityFactory.create_batch(25, child=child)
    assert count_queries(client, url) == one


# --- taking back an entry made in error (archive, never delete) ------------------------------


def _archive(client, activity):
    return client.post(reverse("activity_archive", args=[activity.pk]))


def test_a_care_worker_takes_back_their_own_entry_the_same_day(client_for, staff, child, url):
    activity = ActivityFactory(child=child, recorded_by=staff, note="Wrong child!")
    client = client_for(staff)
    assert reverse("activity_archive", args=[activity.pk]) in client.get(url).text
    response = _archive(client, activity)
    assert response.url == url
    activity.refresh_from_db()
    assert activity.archived  # kept, not deleted
    assert "Wrong child!" not in client.get(url).text
    change = LogEntry.objects.get_for_object(activity).filter(action=LogEntry.Action.UPDATE).get()
    assert (change.actor, change.changes_dict["archived"]) == (staff, ["False", "True"])


def test_after_a_day_only_a_manager_takes_an_entry_back(client_for, staff, manager, child, url):
    activity = ActivityFactory(child=child, recorded_by=staff)
    Activity.objects.filter(pk=activity.pk).update(recorded_at=timezone.now() - datetime.timedelta(hours=25))
    assert reverse("activity_archive", args=[activity.pk]) not in client_for(staff).get(url).text
    assert _archive(client_for(staff), activity).status_code == 403
    assert _archive(client_for(manager), activity).status_code == 302
    activity.refresh_from_db()
    assert activity.archived


@pytest.mark.parametrize("person", ["staff", "assessor", "clinical_lead"])
def test_others_cannot_take_back_someone_elses_entry(request, client_for, home, child, person):
    activity = ActivityFactory(child=child, recorded_by=member(home))
    assert _archive(client_for(request.getfixturevalue(person)), activity).status_code == 403
    activity.refresh_from_db()
    assert not activity.archived


def test_another_homes_member_cannot_take_back_an_entry(client_for, other_manager, child):
    activity = ActivityFactory(child=child)
    assert _archive(client_for(other_manager), activity).status_code == 404


def test_taking_back_is_post_only(client_for, manager, child):
    activity = ActivityFactory(child=child)
    assert client_for(manager).get(reverse("activity_archive", args=[activity.pk])).status_code == 405
