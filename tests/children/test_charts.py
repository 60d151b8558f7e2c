"""The shared chart geometry, worked by hand (layout: LEFT 36, MONTH_WIDTH 40, TOP 16)."""

import datetime

from django.template.loader import render_to_string

from children.charts import OKABE_ITO, Level, monthly_bars, monthly_percent_bars, monthly_steps, nice_maximum

JAN, FEB, MAR, APR = (datetime.date(2026, month, 1) for month in (1, 2, 3, 4))
LEVELS = [Level(value, label, "#000000") for value, label in enumerate(["Low", "Some", "Mid", "More", "Top"])]


def test_bars_are_scaled_to_the_maximum_and_a_month_without_a_value_has_no_bar():
    chart = monthly_bars([(JAN, 2), (FEB, None), (MAR, 4)], maximum=4, colour="#0072B2", title="Sessions")
    # The plot is 90 high from y=16 to y=106; each month a 40-wide column from x=36.
    jan, feb, mar = chart["bars"]
    assert (jan.centre, jan.x, jan.height, jan.y, jan.label) == (56, 43, 45, 61, "2")
    assert (feb.height, feb.label, feb.value) == (0, "–", None)
    assert (mar.centre, mar.height, mar.y) == (136, 90, 16)
    assert [(line.y, line.label) for line in chart["gridlines"]] == [(106, "0"), (61, "2"), (16, "4")]
    assert (chart["width"], chart["height"]) == (36 + 3 * 40 + 6, 16 + 90 + 32)


def test_a_value_above_the_maximum_is_drawn_at_the_top_but_labelled_truly():
    (bar,) = monthly_bars([(JAN, 150)], maximum=100, unit="%", colour="#000", title="t")["bars"]
    assert (bar.height, bar.label) == (90, "150%")


def test_count_axes_start_at_four_and_end_on_an_even_number():
    assert nice_maximum([0, 1, 3]) == 4
    assert nice_maximum([5]) == 6
    assert nice_maximum([8, None]) == 8
    assert nice_maximum([4.5]) == 6


def test_steps_climb_between_months_and_a_month_without_a_review_breaks_the_line():
    chart = monthly_steps([(JAN, 2), (FEB, 3), (MAR, None), (APR, 4)], levels=LEVELS, title="Goal")
    # Five levels 18 apart (room for 12 px labels): bottom 16 + 72 = 88; labels push the plot
    # right to x=120.
    assert [(level.label, level.y) for level in chart["levels"]] == [
        ("Low", 88),
        ("Some", 70),
        ("Mid", 52),
        ("More", 34),
        ("Top", 16),
    ]
    assert [(step.x, step.y, step.level.label) for step in chart["steps"]] == [
        (140, 52, "Mid"),
        (180, 34, "More"),
        (260, 16, "Top"),
    ]
    assert chart["paths"] == ["M140,52H160V34H180", "M260,16"]


def test_the_partials_carry_a_title_naming_every_value():
    bars = monthly_bars([(JAN, 2), (FEB, None)], maximum=4, colour="#0072B2", title="Sessions")
    svg = render_to_string("children/charts/_bars.svg", {"chart": bars, "chart_id": "kw"})
    assert 'aria-labelledby="kw-title"' in svg and "Sessions: Jan 2026 2, Feb 2026 –" in svg
    steps = monthly_steps([(JAN, 0), (FEB, 4)], levels=LEVELS, title="Goal")
    svg = render_to_string("children/charts/_steps.svg", {"chart": steps, "chart_id": "g"})
    assert "Goal: Jan 2026 Low, Feb 2026 Top" in svg and svg.count("<circle") == 2


def test_percent_bars_take_their_band_colour_and_words_at_90_and_70():
    chart = monthly_percent_bars([(JAN, 90), (FEB, 89), (MAR, 70), (APR, 69)], title="Attendance")
    assert [(bar.colour, bar.words) for bar in chart["bars"]] == [
        (OKABE_ITO["bluish_green"], "on track"),
        (OKABE_ITO["orange"], "below target"),
        (OKABE_ITO["orange"], "below target"),
        (OKABE_ITO["vermillion"], "well below target"),
    ]
    assert [line.label for line in chart["gridlines"]] == ["0%", "50%", "100%"]
    (empty,) = monthly_percent_bars([(JAN, None)], title="t", notes=["no one due"])["bars"]
    assert (empty.words, empty.label, empty.height) == ("", "–", 0)
    svg = render_to_string("children/charts/_bars.svg", {"chart": chart, "chart_id": "a"})
    # Colour is never the only signal: the words are in each bar's title and the chart's.
    assert f'fill="{OKABE_ITO["vermillion"]}"' in svg and "<title>April 2026: 69% (well below target)</title>" in svg
    assert "Attendance: Jan 2026 90% on track, Feb 2026 89% below target" in svg
