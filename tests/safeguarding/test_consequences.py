"""Consequences: recorded by the home's care staff, read by everyone who reads the child, the
child's view (or why not yet) required, and measures forbidden by regulations 19 and 20 refused
with a message naming the rule."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from safeguarding.models import Consequence, ProhibitedMeasure, prohibited_measures_in
from safeguarding.models.consequences import CHILD_VIEW_OR_WHY_NOT
from safeguarding.services.consequences import consequence_follow_up, consequence_record
from tests.safeguarding.notices_factories import ConsequenceFactory
from tests.utils import count_queries, earlier_today


def form_data(**overrides) -> dict:
    data = {
        "happened_at": timezone.localtime(timezone.now() - datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "what_happened": "Kicked the door after the phone call with mum ended early.",
        "kind": Consequence.Kind.REPAIR,
        "consequence": "Helped fix the door hinge with Jess the next morning.",
        "relates_to_behaviour": "Repairing the door; we talked about how much the call mattered.",
        "child_view": "I was upset about mum, not the door.",
        "child_view_pending": "",
        "helped": Consequence.Helped.NOT_YET,
        "helped_notes": "",
    }
    data.update(overrides)
    return data


def fields(**overrides) -> dict:
    data = form_data(**overrides)
    data["happened_at"] = timezone.now() - datetime.timedelta(hours=2)
    return data


# --- the prohibited measures -----------------------------------------------------------------


@pytest.mark.django_db
def test_the_regulations_measures_are_seeded_as_data_with_their_rule():
    measures = {m.code: m for m in ProhibitedMeasure.objects.all()}
    assert len(measures) >= 11
    assert measures["corporal-punishment"].regulation == "Regulation 19(3)(a)"
    assert measures["food-or-drink"].regulation == "Regulation 19(3)(b)"
    assert measures["family-time"].regulation == "Regulation 19(3)(c)"
    assert measures["restraint-as-punishment"].regulation == "Regulation 20(1)"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("No dinner tonight and straight to bed.", "food-or-drink"),
        ("Family time on Saturday cancelled because of the swearing", "family-time"),
        ("He was SMACKED on the hand", "corporal-punishment"),
        ("Fined £5 from his savings", "financial-penalty"),
        ("No phone calls home this week", "family-time"),
        ("The whole group lost the trip to the cinema", "children-punishing-children"),
        ("Her pocket money stopped for a month", "financial-penalty"),
    ],
)
def test_a_consequence_describing_a_prohibited_measure_is_found(text, code):
    assert code in {m.code for m in prohibited_measures_in(text)}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "Helped fix the door hinge the next morning.",
        "Paid £2 from her pocket money towards the broken mug (reparation, agreed with her).",
        "We had dinner together afterwards and talked about it.",
        "Family time went ahead as planned; we talked about the morning on the way.",
        "Came off the games console thirty minutes early, explained calmly.",
        "She defined what felt unfair and we wrote it down together.",
    ],
)
def test_ordinary_consequences_raise_no_false_alarm(text):
    assert prohibited_measures_in(text) == []


def test_the_service_refuses_a_prohibited_measure_naming_the_rule(child, staff):
    with pytest.raises(ValidationError) as refused:
        consequence_record(child=child, author=staff, **fields(consequence="No pudding for a week."))
    message = " ".join(refused.value.message_dict["consequence"])
    assert "Regulation 19(3)(b)" in message and "Punishment by food or drink" in message
    assert Consequence.objects.count() == 0


def test_the_form_refuses_it_with_the_rule_in_the_error_summary(client_for, child, staff):
    url = reverse("consequence_add", args=[child.pk])
    response = client_for(staff).post(url, form_data(consequence="Family time with dad cancelled this weekend."))
    assert response.status_code == 200
    assert "Regulation 19(3)(c)" in response.text
    assert response.text.count("Restricting family time") >= 1
    assert "Error: " in response.text
    assert Consequence.objects.count() == 0


def test_a_measure_switched_off_by_the_provider_is_no_longer_checked(child, staff):
    ProhibitedMeasure.objects.filter(code="food-or-drink").update(active=False)
    consequence_record(child=child, author=staff, **fields(consequence="No pudding for a week."))
    assert Consequence.objects.count() == 1


# --- the child's view --------------------------------------------------------------------------


def test_the_childs_view_or_why_not_yet_is_required(child, staff):
    with pytest.raises(ValidationError) as refused:
        consequence_record(child=child, author=staff, **fields(child_view="", child_view_pending=""))
    assert refused.value.message_dict["child_view"] == [CHILD_VIEW_OR_WHY_NOT.format(child=child.preferred_name)]
    consequence_record(
        child=child, author=staff, **fields(child_view="", child_view_pending="Asleep; ask after school.")
    )
    assert Consequence.objects.count() == 1


def test_it_is_signed_by_its_author_at_the_time(child, staff):
    now = timezone.now()
    consequence = consequence_record(child=child, author=staff, now=now, **fields())
    assert (consequence.author, consequence.signed_at) == (staff, now)


def test_a_consequence_cannot_be_in_the_future(child, staff):
    with pytest.raises(ValidationError) as refused:
        consequence_record(
            child=child, author=staff, **{**fields(), "happened_at": timezone.now() + datetime.timedelta(hours=1)}
        )
    assert "happened_at" in refused.value.message_dict


# --- the follow-up -----------------------------------------------------------------------------


def test_the_follow_up_adds_the_view_and_whether_it_helped(client_for, child, staff, deputy):
    consequence = ConsequenceFactory(child=child, author=staff, child_view="", child_view_pending="Too upset")
    url = reverse("consequence_follow_up", args=[consequence.pk])
    data = {
        "revision": consequence.revision,
        "child_view": "It helped to fix it with Jess.",
        "child_view_pending": "",
        "helped": Consequence.Helped.YES,
        "helped_notes": "Calmer at bedtime since.",
    }
    response = client_for(deputy).post(url, data)
    assert response.status_code == 302
    consequence.refresh_from_db()
    assert (consequence.helped, consequence.child_view) == ("yes", "It helped to fix it with Jess.")
    assert consequence.revised_by == deputy


def test_two_follow_ups_from_the_same_page_do_not_overwrite_each_other(client_for, child, staff, deputy):
    consequence = ConsequenceFactory(child=child, author=staff)
    url = reverse("consequence_follow_up", args=[consequence.pk])
    base = {"revision": consequence.revision, "child_view": consequence.child_view, "child_view_pending": ""}
    assert client_for(staff).post(url, {**base, "helped": "yes", "helped_notes": "Settled"}).status_code == 302
    second = client_for(deputy).post(url, {**base, "helped": "no", "helped_notes": "Not really"})
    assert second.status_code == 200
    assert "What changed while you were editing" in second.text
    consequence.refresh_from_db()
    assert consequence.helped == "yes"


def test_the_follow_up_refuses_a_stale_revision_in_the_service(child, staff, deputy):
    from homes.concurrency import StaleEdit

    consequence = ConsequenceFactory(child=child, author=staff)
    opened = consequence.revision
    consequence_follow_up(consequence=consequence, user=staff, revision=opened, helped="yes")
    with pytest.raises(StaleEdit):
        consequence_follow_up(
            consequence=Consequence.objects.get(pk=consequence.pk), user=deputy, revision=opened, helped="no"
        )


# --- persona matrix ----------------------------------------------------------------------------


@pytest.mark.parametrize("person", ["staff", "manager", "deputy", "assessor", "administrator", "clinical_lead"])
def test_everyone_who_reads_the_child_reads_its_consequences(request, client_for, child, person):
    consequence = ConsequenceFactory(child=child)
    client = client_for(request.getfixturevalue(person))
    for url in (reverse("consequence_list", args=[child.pk]), reverse("consequence_detail", args=[consequence.pk])):
        response = client.get(url)
        assert response.status_code == 200
        assert "Helped tidy the lounge" in response.text


def test_the_detail_page_logs_the_read(client_for, child, manager):
    consequence = ConsequenceFactory(child=child)
    client_for(manager).get(reverse("consequence_detail", args=[consequence.pk]))
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_id=consequence.pk, actor=manager).exists()


def test_care_staff_record_one_and_it_is_signed(client_for, child, staff):
    response = client_for(staff).post(reverse("consequence_add", args=[child.pk]), form_data())
    consequence = Consequence.objects.get()
    assert response.status_code == 302 and response.url == reverse("consequence_detail", args=[consequence.pk])
    assert consequence.author == staff and consequence.child == child


def test_another_homes_member_gets_404(client_for, other_manager, child):
    consequence = ConsequenceFactory(child=child)
    client = client_for(other_manager)
    for url in (
        reverse("consequence_list", args=[child.pk]),
        reverse("consequence_add", args=[child.pk]),
        reverse("consequence_detail", args=[consequence.pk]),
        reverse("consequence_follow_up", args=[consequence.pk]),
    ):
        assert client.get(url).status_code == 404
    assert client.post(reverse("consequence_add", args=[child.pk]), form_data()).status_code == 404


@pytest.mark.parametrize("person", ["assessor", "clinical_lead", "administrator"])
def test_read_only_roles_get_403_on_writes(request, client_for, child, person):
    consequence = ConsequenceFactory(child=child)
    client = client_for(request.getfixturevalue(person))
    assert client.get(reverse("consequence_add", args=[child.pk])).status_code == 403
    assert client.post(reverse("consequence_add", args=[child.pk]), form_data()).status_code == 403
    assert client.post(reverse("consequence_follow_up", args=[consequence.pk]), {}).status_code == 403
    assert Consequence.objects.count() == 1


def test_read_pages_refuse_post(client_for, child, staff):
    consequence = ConsequenceFactory(child=child)
    client = client_for(staff)
    assert client.post(reverse("consequence_list", args=[child.pk])).status_code == 405
    assert client.post(reverse("consequence_detail", args=[consequence.pk])).status_code == 405
    assert client.put(reverse("consequence_add", args=[child.pk])).status_code == 405


def test_the_list_runs_a_constant_number_of_queries(client_for, child, manager):
    ConsequenceFactory(child=child)
    client = client_for(manager)
    url = reverse("consequence_list", args=[child.pk])
    one = count_queries(client, url)
    for _ in range(5):
        ConsequenceFactory(child=child)
    assert count_queries(client, url) == one


def test_output_is_escaped(client_for, child, manager):
    consequence = ConsequenceFactory(child=child, consequence="<script>alert(1)</script>")
    response = client_for(manager).get(reverse("consequence_detail", args=[consequence.pk]))
    assert "<script>alert(1)" not in response.text and "&lt;script&gt;" in response.text


# --- chronology and month ---------------------------------------------------------------------


def test_consequences_are_in_the_chronology_and_the_month(child):
    from children.extensions import chronology_sources, month_sections

    ConsequenceFactory(child=child, happened_at=earlier_today(hours=3), signed_at=timezone.now())
    entries = list(chronology_sources["consequence"].entries(child, None, None))
    assert entries[0].title == "Consequence: Putting things right (repair or reparation)"
    assert "I did feel better after" in entries[0].detail
    month = timezone.localdate().replace(day=1)
    data = month_sections["consequences"].context(child, month)
    assert len(data["items"]) == 1
