"""Body maps (issue 10, item 3): marks stored as coordinates on the outline, drawn on the
server, recorded from the child's page with a tap, the keyboard or the plain list."""

import datetime
import re
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from children.services.chronology import chronology_page
from safeguarding import body
from safeguarding.models import BodyMap, BodyMark
from safeguarding.services import body_maps as services
from tests.safeguarding.missing_factories import BodyMapFactory, BodyMarkFactory, MissingEpisodeFactory, returned
from tests.utils import count_queries


def form_data(**overrides) -> dict:
    data = {
        "seen_at": timezone.localtime(timezone.now() - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "context": "noticed",
        "region": "front:left_forearm",
        "kind": "bruise",
        "size": "3 cm by 2 cm",
        "description": "Purple, not raised.",
        "how_it_happened": "Siobhán said she banged it on the door.",
        "seen_by": "Jess Taylor",
        "notes": "Told the manager.",
    }
    data.update(overrides)
    return data


@pytest.fixture
def body_map(child):
    return BodyMarkFactory(body_map__child=child, body_map__notes="Seen at <b>bath</b> time").body_map


# --- where a mark is ----------------------------------------------------------------------


def test_a_point_names_the_region_it_falls_in():
    assert body.area_at("front", 24, 80).code == "right_forearm"  # the viewer's left on the front
    assert body.area_at("back", 24, 80).code == "left_forearm"  # the viewer's left on the back
    assert body.area_at("front", 50, 10).code == "head"
    assert body.area_at("back", 50, 50).label == "Upper back"


def test_a_point_just_off_the_outline_names_the_nearest_region():
    assert body.area_at("front", 1, 100).code == "right_hand"


def test_a_region_chosen_from_the_list_places_the_mark_at_its_centre():
    side, x, y, region = services.mark_position(side=None, x=None, y=None, region="back:left_thigh")
    area = body.area_named("back", "left_thigh")
    assert (side, region) == ("back", "left_thigh")
    assert area.contains(float(x), float(y))
    assert (x, y) == area.centre


def test_a_point_wins_over_the_list_and_is_kept_exactly():
    position = services.mark_position(side="front", x=Decimal("52.5"), y=Decimal("40.5"), region="front:head")
    assert position == ("front", Decimal("52.5"), Decimal("40.5"), "chest")


@pytest.mark.parametrize(
    "position",
    [
        {"side": None, "x": None, "y": None, "region": ""},
        {"side": "front", "x": Decimal("101"), "y": Decimal("10"), "region": ""},
        {"side": "front", "x": Decimal("10"), "y": Decimal("-1"), "region": ""},
        {"side": "inside", "x": Decimal("10"), "y": Decimal("10"), "region": ""},
        {"side": None, "x": None, "y": None, "region": "front:tail"},
    ],
)
def test_no_position_or_one_off_the_outline_is_refused(position):
    with pytest.raises(ValidationError) as error:
        services.mark_position(**position)
    assert services.NO_POSITION in error.value.message_dict["region"]


def test_the_database_refuses_a_mark_off_the_outline(body_map):
    from django.db import IntegrityError, transaction

    mark = body_map.marks.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        BodyMark.objects.filter(pk=mark.pk).update(y=Decimal("250"))


# --- recording ----------------------------------------------------------------------------


def test_staff_record_a_body_map_from_the_list_of_body_parts(client_for, child, staff):
    response = client_for(staff).post(reverse("body_map_add", args=[child.pk]), form_data())
    body_map = BodyMap.objects.get()
    assert response.status_code == 302 and response.url == reverse("body_map_detail", args=[body_map.pk])
    assert (body_map.author, body_map.child, body_map.context) == (staff, child, "noticed")
    mark = body_map.marks.get()
    assert (mark.side, mark.region, mark.kind, mark.recorded_by) == ("front", "left_forearm", "bruise", staff)
    assert (mark.x, mark.y) == body.area_named("front", "left_forearm").centre
    assert mark.how_it_happened == "Siobhán said she banged it on the door."


def test_a_tap_on_the_outline_stores_its_coordinates(client_for, child, staff):
    data = form_data(region="", side="back", x="61.3", y="121.7")
    assert client_for(staff).post(reverse("body_map_add", args=[child.pk]), data).status_code == 302
    mark = BodyMark.objects.get()
    assert (mark.side, mark.x, mark.y, mark.region) == ("back", Decimal("61.3"), Decimal("121.7"), "right_thigh")
    assert mark.region_label == "Right thigh (back)"


def test_a_mark_with_no_place_is_refused_with_a_clear_message(client_for, child, staff):
    response = client_for(staff).post(reverse("body_map_add", args=[child.pk]), form_data(region=""))
    assert response.status_code == 200
    assert "Show where the mark is: tap the outline, or choose the part of the body" in response.text
    assert not BodyMap.objects.exists()


def test_marks_cannot_be_recorded_in_the_future_or_before_the_child_came(client_for, child, staff):
    client = client_for(staff)
    future = timezone.localtime(timezone.now() + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    assert client.post(reverse("body_map_add", args=[child.pk]), form_data(seen_at=future)).status_code == 200
    before = datetime.datetime.combine(child.admission_date - datetime.timedelta(days=2), datetime.time(10))
    response = client.post(
        reverse("body_map_add", args=[child.pk]), form_data(seen_at=before.strftime("%Y-%m-%dT%H:%M"))
    )
    assert response.status_code == 200 and "before Siobhán came to live at the home" in response.text
    assert not BodyMap.objects.exists()


def test_another_mark_is_added_and_signed_by_whoever_adds_it(client_for, body_map, deputy):
    data = {k: v for k, v in form_data(region="front:head", kind="scratch").items() if k not in ("seen_at", "context")}
    response = client_for(deputy).post(reverse("body_mark_add", args=[body_map.pk]), data)
    assert response.status_code == 302
    added = body_map.marks.order_by("pk").last()
    assert (added.kind, added.region, added.recorded_by) == ("scratch", "head", deputy)
    assert body_map.marks.count() == 2


def test_a_body_map_on_return_from_missing_links_the_episode(client_for, child, staff):
    episode = returned(MissingEpisodeFactory(child=child))
    url = reverse("body_map_add", args=[child.pk]) + f"?missing={episode.pk}"
    page = client_for(staff).get(url)
    assert "return from being missing" in page.text, page.text[page.text.find("<h1") :][:600]
    response = client_for(staff).post(url, form_data(context="missing_return", missing=episode.pk))
    assert response.status_code == 302
    body_map = BodyMap.objects.get()
    assert body_map.missing_episode == episode and body_map.context == "missing_return"


def test_another_childs_missing_episode_cannot_be_linked(client_for, child, staff, home):
    from tests.factories import ChildFactory

    theirs = MissingEpisodeFactory(child=ChildFactory(home=home))
    url = reverse("body_map_add", args=[child.pk]) + f"?missing={theirs.pk}"
    assert client_for(staff).get(url).status_code == 404
    assert client_for(staff).post(url, form_data(missing=theirs.pk)).status_code == 404
    assert client_for(staff).get(reverse("body_map_add", args=[child.pk]) + "?missing=abc").status_code == 404


# --- drawn ---------------------------------------------------------------------------------


def test_the_page_draws_each_mark_at_its_coordinates_with_words(client_for, body_map, staff):
    page = client_for(staff).get(reverse("body_map_detail", args=[body_map.pk])).text
    assert re.search(r'<circle cx="24(\.0)?" cy="80(\.0)?"', page)
    assert "Mark 1: bruise on the right forearm" in page
    assert "Front of the body: mark 1: bruise on the right forearm" in page
    assert "Back of the body: no marks" in page
    assert "Seen at &lt;b&gt;bath&lt;/b&gt; time" in page  # escaped
    assert "Yellowing bruise, not raised." in page
    assert "<b>bath</b>" not in page


def test_the_form_offers_a_focusable_outline_and_the_plain_list(client_for, child, staff):
    page = client_for(staff).get(reverse("body_map_add", args=[child.pk])).text
    assert page.count('role="application" tabindex="0"') == 2
    assert 'name="region"' in page and "Front: Left forearm" in page
    assert 'type="hidden" name="x"' in page and "js/body-map.js" in page
    assert "<script>" not in page


def test_the_list_draws_every_map_in_a_constant_number_of_queries(client_for, child, staff):
    url = reverse("body_map_list", args=[child.pk])
    BodyMarkFactory(body_map__child=child)
    client = client_for(staff)
    one = count_queries(client, url)
    for _ in range(3):
        BodyMarkFactory.create_batch(2, body_map=BodyMapFactory(child=child))
    assert count_queries(client, url) == one
    assert client.get(url).text.count('class="body-map-mark"') == 7


def test_body_maps_are_in_the_chronology(body_map):
    entries = chronology_page(body_map.child, kinds=["body_map"]).entries
    assert [entry.title for entry in entries] == ["Body map: 1 mark (noticed during everyday care)"]
    assert entries[0].url == reverse("body_map_detail", args=[body_map.pk])


# --- who may ------------------------------------------------------------------------------


@pytest.mark.parametrize("person", ["staff", "manager", "deputy", "assessor", "administrator", "clinical_lead"])
def test_everyone_within_reach_reads_and_the_read_is_logged(request, client_for, child, body_map, person):
    client = client_for(request.getfixturevalue(person))
    for url in (reverse("body_map_list", args=[child.pk]), reverse("body_map_detail", args=[body_map.pk])):
        assert client.get(url).status_code == 200
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_id=body_map.pk).exists()


def test_another_homes_member_gets_404_everywhere(client_for, other_manager, child, body_map):
    client = client_for(other_manager)
    for url in (
        reverse("body_map_list", args=[child.pk]),
        reverse("body_map_add", args=[child.pk]),
        reverse("body_map_detail", args=[body_map.pk]),
        reverse("body_mark_add", args=[body_map.pk]),
    ):
        assert client.get(url).status_code == 404
        assert client.post(url, form_data()).status_code in (404, 405)
    assert BodyMark.objects.count() == 1


@pytest.mark.parametrize("person", ["assessor", "clinical_lead", "administrator"])
def test_read_only_roles_get_403_on_writes(request, client_for, child, body_map, person):
    client = client_for(request.getfixturevalue(person))
    assert client.get(reverse("body_map_add", args=[child.pk])).status_code == 403
    assert client.post(reverse("body_map_add", args=[child.pk]), form_data()).status_code == 403
    assert client.post(reverse("body_mark_add", args=[body_map.pk]), form_data()).status_code == 403
    assert BodyMark.objects.count() == 1


def test_read_views_refuse_post_and_forms_refuse_put(client_for, staff, child, body_map):
    client = client_for(staff)
    assert client.post(reverse("body_map_list", args=[child.pk])).status_code == 405
    assert client.post(reverse("body_map_detail", args=[body_map.pk])).status_code == 405
    assert client.put(reverse("body_map_add", args=[child.pk])).status_code == 405
    assert client.put(reverse("body_mark_add", args=[body_map.pk])).status_code == 405


def test_the_chronology_pages_through_body_maps_by_keyset(child):
    from children.services.chronology import Position

    seen = timezone.now() - datetime.timedelta(days=1)
    maps = [BodyMarkFactory(body_map__child=child, body_map__seen_at=seen).body_map for _ in range(3)]
    first = chronology_page(child, kinds=["body_map"], per_page=2)
    last = first.entries[-1]
    rest = chronology_page(
        child, kinds=["body_map"], per_page=2, after=Position(when=last.when, kind=last.kind, key=last.key)
    )
    shown = [entry.url for entry in first.entries + rest.entries]
    assert shown == [reverse("body_map_detail", args=[m.pk]) for m in reversed(maps)]
