"""Issue 21: the timeline draws each date at its precision and its axis follows --from/--to.

Checked on the drawn figure (its patches and limits), not only on the data behind it.
"""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ElementTree

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pytest

from cyberkg.network.events import event_records
from cyberkg.network.filters import EventFilter
from cyberkg.network.timeline import Span, date_text, draw_timeline, spans, time_axis, timeline_figure

EVENT = "https://w3id.org/cyberkg/id/event/"
SVG = "{http://www.w3.org/2000/svg}"
date = datetime.date


@pytest.fixture(scope="module")
def records(store):
    return {record.iri.removeprefix(EVENT): record for record in event_records(store)}


def test_a_date_known_to_the_year_or_month_is_an_uncertain_span_not_a_duration(records):
    # Carried-out row 10: the Bogotá workshop is dated "2008"; row 13: the newsletter launch "October".
    assert spans(0, records["2008-bogota-workshop"]) == [Span(0, date(2008, 1, 1), date(2008, 12, 31), False)]
    assert spans(1, records["2009-10-strasbourg-launch"]) == [Span(1, date(2009, 10, 1), date(2009, 10, 31), False)]
    assert date_text(records["2008-bogota-workshop"]) == "2008, year only"
    assert date_text(records["2009-10-strasbourg-launch"]) == "2009-10, month only"


def test_a_span_between_two_months_is_solid_only_where_it_surely_runs(records):
    # Planned row 4: MONEYVAL's typology exercise, November 2009 to December 2010.
    assert spans(2, records["2009-11-moneyval-typology-exercise"]) == [
        Span(2, date(2009, 11, 1), date(2009, 11, 30), False),
        Span(2, date(2009, 12, 1), date(2010, 11, 30), True),
        Span(2, date(2010, 12, 1), date(2010, 12, 31), False),
    ]
    assert date_text(records["2009-11-moneyval-typology-exercise"]) == "2009-11, month only to 2010-12, month only"


def test_days_are_solid(records):
    # Carried-out row 3: ITU Telecom World, 5-9 Oct 09.
    assert spans(3, records["2009-10-05-geneva-itu-telecom-world"]) == [
        Span(3, date(2009, 10, 5), date(2009, 10, 9), True)
    ]
    assert date_text(records["2009-10-05-geneva-itu-telecom-world"]) == "2009-10-05 to 2009-10-09"


def drawn_patches(figure) -> dict[str, tuple[str, float, float, bool]]:
    """gid -> (hatch, first day, last day, filled), read off the figure's patches."""
    drawn = {}
    for patch in figure.axes[0].patches:
        first = mdates.num2date(patch.get_x()).date()
        last = mdates.num2date(patch.get_x() + patch.get_width()).date() - datetime.timedelta(days=1)
        drawn[patch.get_gid()] = (patch.get_hatch(), first, last, patch.get_fill() and patch.get_facecolor()[3] > 0)
    return drawn


def test_the_drawn_figure_hatches_what_is_uncertain_and_its_axis_follows_from_and_to(store):
    chosen = event_records(store, EventFilter(date_from="2009-09", date_to="2009-11"))
    figure = timeline_figure(chosen, date_from="2009-09", date_to="2009-11")
    try:
        low, high = figure.axes[0].get_xlim()
        assert (mdates.num2date(low).date(), mdates.num2date(high).date()) == (date(2009, 9, 1), date(2009, 12, 1))
        patches = drawn_patches(figure)
        rows = {record.iri.removeprefix(EVENT): row for row, record in enumerate(chosen)}
        approval, launch = rows["2009-09-strasbourg-approval"], rows["2009-10-strasbourg-launch"]
        luxembourg = rows["2009-09-16-luxembourg-meeting"]
        assert {
            gid: drawn for gid, drawn in patches.items() if gid.startswith((f"event-{approval}-", f"event-{launch}-"))
        } == {
            f"event-{approval}-uncertain-0": ("////", date(2009, 9, 1), date(2009, 9, 30), False),
            f"event-{launch}-uncertain-0": ("////", date(2009, 10, 1), date(2009, 10, 31), False),
        }
        assert {gid: drawn for gid, drawn in patches.items() if gid.startswith(f"event-{luxembourg}-")} == {
            f"event-{luxembourg}-certain-0": (None, date(2009, 9, 16), date(2009, 9, 16), True)
        }
        assert len(chosen) == 21
    finally:
        plt.close(figure)


def test_without_from_and_to_the_axis_covers_the_events_with_a_margin(records):
    chosen = [records["2009-09-16-luxembourg-meeting"], records["2009-10-05-geneva-itu-telecom-world"]]
    assert time_axis(chosen) == (date(2009, 9, 14), date(2009, 10, 11))
    assert time_axis(chosen, "2009-09", None) == (date(2009, 9, 1), date(2009, 10, 11))
    assert time_axis(chosen, None, "2009") == (date(2009, 9, 14), date(2010, 1, 1))


def test_the_svg_keeps_the_hatching_and_the_precision_words(store):
    chosen = event_records(store, EventFilter(date_from="2008", date_to="2008"))
    root = ElementTree.fromstring(draw_timeline(chosen, "svg", date_from="2008", date_to="2008"))
    groups = {group.get("id"): group for group in root.iter(f"{SVG}g") if group.get("id", "").startswith("event-")}
    assert sorted(groups) == ["event-0-uncertain-0", "event-1-uncertain-0", "event-2-uncertain-0"]
    for group in groups.values():
        (path,) = group.iter(f"{SVG}path")
        assert "url(#h" in (path.get("style", "") + path.get("fill", ""))
    texts = ["".join(text.itertext()) for text in root.iter(f"{SVG}text")]
    assert [text for text in texts if text.endswith(" only")] == [
        "2008, year only",
        "2008-04, month only",
        "2008-04, month only",
    ]
