import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from homes.dates import add_months, month_start
from shifts.language import Matcher, Phrase, matcher
from shifts.measure import month_share
from shifts.models import LanguagePhrase
from shifts.phrases import SEED_PHRASES
from tests.children.factories import KeyWorkingSessionFactory
from tests.shifts.factories import DailyLogFactory, HandoverFactory, ShiftPatternFactory

PHRASES = [
    Phrase("kicked off", "was having a hard time"),
    Phrase("attention seeking", "connection seeking"),
    Phrase("absconded", "went missing"),
    Phrase("contact", "family time"),
    Phrase("placement", "home"),
    Phrase("tantrum", "a time of big feelings"),
    Phrase("party", "gathering"),
    Phrase("refused", "did not want to"),
]


@pytest.fixture
def check() -> Matcher:
    return Matcher(PHRASES)


def found(check: Matcher, text: str) -> list[str]:
    return [f.phrase.phrase for f in check.find(text)]


# --- the matcher -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He kicked off at tea.", ["kicked off"]),
        ("He KICKED OFF at tea.", ["kicked off"]),  # any case
        ("She Kicked  off\nagain", ["kicked off"]),  # any spacing, across a line break
        ("Attention-seeking again", ["attention seeking"]),  # a hyphen for the space
        ("Two tantrums today", ["tantrum"]),  # plurals
        ("birthday parties", ["party"]),  # -y to -ies
        ("placements team", ["placement"]),
        ("She absconded at 9pm, then refused tea.", ["absconded", "refused"]),  # in order
    ],
)
def test_the_matcher_finds_phrases(check, text, expected):
    assert found(check, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "We kickedoff the game",  # not a word boundary
        "contacted school about it",  # another word, not a plural
        "the contactless card",
        "uncontactable by phone",
        "a replacement charger",  # inside a longer word
        "kick-off was at three",  # not the phrase
        "",
    ],
)
def test_the_matcher_respects_word_boundaries(check, text):
    assert found(check, text) == []


def test_no_false_alarm_inside_the_childs_quoted_words(check):
    assert found(check, "She said “I kicked off because I missed Mum” and we talked.") == []
    assert found(check, 'He said "this placement is rubbish" quietly.') == []
    # ...but the staff's own words around the quote still count.
    assert found(check, "She said “I hate it here” and kicked off.") == ["kicked off"]


def test_where_it_was_found_is_given_as_written(check):
    [hit] = check.find("Ruby Absconded from school")
    assert hit.text == "Absconded" and hit.phrase.suggestion == "went missing"
    assert (hit.start, hit.end) == (5, 14)


def test_flags_agrees_with_find(check):
    for text in ("He kicked off at tea.", "contacted school", 'He said "placement"'):
        assert check.flags(text) == bool(check.find(text))


@pytest.mark.parametrize(
    "text",
    [
        "He kicked off at tea.",
        "She Kicked  off\nagain",
        "Attention-seeking again",
        "birthday parties",
        "Two TANTRUMS today",
        "contacted school",
        'He said "placement"',
        "nothing to see",
        "party-goers",
    ],
)
def test_flags_skips_only_texts_that_cannot_match(check, text):
    """The measure's quick first test (no phrase's first word in the text) never hides a match."""
    assert check.flags(text) == bool(check.find(text))


def test_overlapping_phrases_are_reported_once_the_longest_first():
    check = Matcher([Phrase("kicked off", "was having a hard time"), Phrase("off", "x")])
    assert found(check, "He kicked off") == ["kicked off"]


def test_the_seeded_list_starts_from_the_domain_notes_and_goes_further(db):
    phrases = {phrase for phrase, _, _ in SEED_PHRASES}
    assert {"absconded", "kicked off", "attention seeking", "refused", "contact", "placement"} <= phrases
    assert len(phrases) >= 40
    assert LanguagePhrase.objects.count() == len(phrases)  # the migration loads them
    assert all(suggestion and why for _, suggestion, why in SEED_PHRASES)


def test_the_providers_list_is_data_and_a_retired_phrase_stops_matching(db):
    assert matcher().flags("He absconded")
    LanguagePhrase.objects.filter(phrase="absconded").update(active=False)
    assert not matcher().flags("He absconded")
    LanguagePhrase.objects.create(phrase="wind-up merchant", suggestion="playful")
    assert matcher().flags("a right wind-up merchant")


# --- the note as staff type: the phrases endpoint and the forms that opt in -------------------


def test_the_phrases_endpoint_gives_the_active_phrases_and_their_patterns(client_for, staff):
    response = client_for(staff).get(reverse("language_phrases"))
    assert response.status_code == 200
    phrases = {p["phrase"]: p for p in response.json()["phrases"]}
    assert phrases["absconded"]["suggestion"] == "went missing"
    assert phrases["absconded"]["pattern"]
    assert "private" in response["Cache-Control"]


def test_the_endpoint_needs_a_login_and_a_get(client, client_for, staff):
    assert client.get(reverse("language_phrases")).status_code == 302
    assert client_for(staff).post(reverse("language_phrases")).status_code == 405


def test_the_forms_of_logs_key_working_and_handovers_opt_in_and_the_childs_words_opt_out(client_for, child, staff):
    ShiftPatternFactory(home=child.home)
    for url in (reverse("daily_log_add", args=[child.pk]), reverse("key_working_add", args=[child.pk])):
        page = client_for(staff).get(url).text
        assert "data-language-check>" in page or "data-language-check " in page
        assert 'data-language-check="off"' in page
        assert 'name="hearth-language-phrases"' in page and "language-check.js" in page
    handover = HandoverFactory(home=child.home, started_by=staff)
    assert "data-language-check" in client_for(staff).get(reverse("handover_detail", args=[handover.pk])).text


def test_the_guide_lists_the_phrases(client_for, staff):
    page = client_for(staff).get(reverse("language_guide")).text
    assert "absconded" in page and "went missing" in page


# --- the monthly measure ---------------------------------------------------------------------


def test_the_share_counts_entries_with_a_flagged_phrase_and_never_the_childs_words(home, child, staff):
    early = ShiftPatternFactory(home=home)
    first = add_months(month_start(timezone.localdate()), -1)  # last month: whole, whatever today is
    days = [first + datetime.timedelta(days=n) for n in range(3)]
    DailyLogFactory(child=child, shift=early, shift_date=days[0], mood="Kicked off after school.")
    DailyLogFactory(child=child, shift=early, shift_date=days[1], mood="Calm all day.", child_words="I kicked off!")
    DailyLogFactory(child=child, shift=early, shift_date=days[2], mood='Said "this placement is rubbish".')
    when = timezone.make_aware(datetime.datetime.combine(days[2], datetime.time(16, 0)))
    KeyWorkingSessionFactory(child=child, notes="Talked about contact with Dad", happened_at=when)
    DailyLogFactory(child=child, shift=early, shift_date=add_months(first, 1), mood="Absconded: next month's.")
    share = month_share(home, first)
    assert (share.entries, share.flagged, share.percent) == (4, 2, 50)


def test_six_months_are_read_in_one_query_per_source_each_entry_in_its_month(home, child, staff):
    """Issue 14: the home's page read each source once a month (36 of its 70 queries)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from homes.extensions import written_records
    from shifts.measure import recent_shares

    early = ShiftPatternFactory(home=home)
    this_month = month_start(timezone.localdate())
    for back, day in ((0, 0), (2, 0), (2, 1), (5, 0)):
        shift_date = add_months(this_month, -back) + datetime.timedelta(days=day)
        DailyLogFactory(child=child, shift=early, shift_date=shift_date, mood="Kicked off.")
    when = timezone.make_aware(datetime.datetime.combine(add_months(this_month, -2), datetime.time(0, 30)))
    KeyWorkingSessionFactory(child=child, notes="Calm.", happened_at=when)  # 00:30 in London, that month
    DailyLogFactory(child=child, shift=early, shift_date=add_months(this_month, -6), mood="Too early to count.")
    with CaptureQueriesContext(connection) as queries:
        shares = recent_shares(home, timezone.localdate())
    assert len(queries) == len(written_records) + 1  # and the phrases to look for
    assert [share.month for share in shares] == [add_months(this_month, n) for n in range(-5, 1)]
    assert [(share.entries, share.flagged) for share in shares] == [(1, 1), (0, 0), (0, 0), (3, 2), (0, 0), (1, 1)]


def test_the_home_page_shows_the_share_and_how_it_moves(client_for, home, child, manager):
    early = ShiftPatternFactory(home=home)
    DailyLogFactory(
        child=child, shift=early, shift_date=timezone.localdate() - datetime.timedelta(days=1), mood="He absconded"
    )
    page = client_for(manager).get(reverse("home_detail", args=[home.pk])).text
    assert "Language that cares" in page
    assert "with a phrase the language check flags" in page
    assert "<svg" in page


def test_the_home_page_says_nothing_without_entries(client_for, home, manager):
    assert "Language that cares" not in client_for(manager).get(reverse("home_detail", args=[home.pk])).text
