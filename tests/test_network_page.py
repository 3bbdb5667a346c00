"""The network's HTML page, opened from disk in headless Chromium with the network off.

Chromium is Debian's (packages chromium and chromium-driver, installed here with
apt-get when /usr/bin/chromium is missing), run with a fresh profile, every host
name unresolvable and every proxy unreachable, and stopped by process id.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import tempfile
from functools import partial
from pathlib import Path

import pytest

from cyberkg.network.export import export_network
from cyberkg.network.projections import build_network

# These tests pin the direct links an organisation has to an event (participations, meetings, decisions),
# hand-checked against the sources; the links on by default beside them (project activities, parts of
# events, bodies folded into their organisation) are pinned in tests/test_network_agent_links.py.
direct_network = partial(build_network, project_activities=False, event_parts=False, fold_bodies=False)

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--proxy-server=127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
)


def ensure_chromium() -> None:
    if not CHROMIUM.exists():
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-q"], check=True, env=env, capture_output=True)
        subprocess.run(
            ["apt-get", "install", "-y", "-q", "-o", "DPkg::Lock::Timeout=600", "chromium", "chromium-driver"],
            check=True,
            env=env,
            capture_output=True,
        )


def run_chromium(*arguments: str, timeout: float = 90) -> str:
    """Run headless Chromium with a fresh profile; return its standard output. Stopped by pid on timeout."""
    ensure_chromium()
    profile = tempfile.mkdtemp(prefix="cyberkg-network-chromium-")
    process = subprocess.Popen(
        [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.kill(process.pid, 9)
        process.wait()
        raise
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return output


@pytest.fixture(scope="module")
def page(store, tmp_path_factory):
    graph = direct_network(store, "organisation-event")
    path = tmp_path_factory.mktemp("page") / "organisation-event.html"
    export_network(graph, "html", path)
    return graph, path


def test_the_page_is_one_file_with_nothing_to_fetch(page):
    _, path = page
    text = path.read_text(encoding="utf-8")
    assert re.findall(r"<script[^>]*\bsrc=|<link\b|<img\b|<iframe\b|@import|url\(", text) == []


def test_the_nodes_render_in_chromium(page):
    graph, path = page
    dom = run_chromium("--dump-dom", path.as_uri())
    assert len(re.findall(r'<circle class="node"', dom)) == graph.number_of_nodes()
    assert len(re.findall(r'<line class="edge"', dom)) == graph.number_of_edges()
    assert re.search(r'data-rendered-nodes="(\d+)"', dom).group(1) == str(graph.number_of_nodes())
    assert re.findall(r'<input[^>]*data-kind="([^"]+)"', dom) == ["event", "organisation"]
    labels = [html.unescape(label) for label in re.findall(r'<text class="label[^"]*"[^>]*>([^<]*)</text>', dom)]
    assert sorted(labels) == sorted(str(data["short_label"]) for _, data in graph.nodes(data=True))


def test_the_page_shows_something_on_screen(page, tmp_path):
    import matplotlib.image

    _, path = page
    shot = tmp_path / "shot.png"
    run_chromium("--window-size=1200,900", "--hide-scrollbars", f"--screenshot={shot}", path.as_uri())
    pixels = matplotlib.image.imread(shot)
    rgb = (pixels[..., :3] * 255).astype(int)
    coloured = (abs(rgb[..., 0] - rgb[..., 2]) > 60).sum()  # the orange and blue of events and organisations
    assert pixels.shape[:2] == (900, 1200)
    assert coloured > 500


def test_no_console_errors_and_no_requests_but_the_file(page):
    from browser import open_page

    _, path = page
    report = open_page(path.as_uri())
    assert report.loaded
    assert report.console_errors == []
    assert report.failed_requests == []
    assert [url for url in report.requests if url != path.as_uri()] == []


def test_a_script_error_would_be_caught(page, tmp_path):
    from browser import open_page

    _, path = page
    broken = tmp_path / "broken.html"
    broken.write_text(
        path.read_text(encoding="utf-8").replace('"use strict";', '"use strict"; null.x;', 1), encoding="utf-8"
    )
    report = open_page(broken.as_uri())
    assert len(report.console_errors) == 1
    assert "Cannot read properties of null" in report.console_errors[0]


def test_a_large_network_is_shown_by_its_best_connected_nodes(monkeypatch, page):
    import cyberkg.network.page as page_module

    graph, _ = page
    monkeypatch.setattr(page_module, "MAX_PAGE_NODES", 3)
    data = page_module.page_data(graph, "t")
    council = "https://w3id.org/cyberkg/id/organisation/council-of-europe"
    weighted = dict(graph.degree(weight="weight"))
    expected = sorted(graph.nodes, key=lambda node: (-weighted[node], node))[:3]
    assert sorted(node["id"] for node in data["nodes"]) == sorted(expected)
    assert expected[0] == council
    assert data["summary"].startswith("The 3 nodes of highest weighted degree of 42 (35 edges in all)")


VISIBLE_LABEL_OVERLAPS = """(function () {
  var boxes = Array.from(document.querySelectorAll('#labels text')).filter(function (label) {
    return getComputedStyle(label).display !== 'none';
  }).map(function (label) { return [label.textContent, label.getBoundingClientRect()]; });
  var pairs = [];
  boxes.forEach(function (a, i) { boxes.slice(i + 1).forEach(function (b) {
    if (a[1].left < b[1].right && b[1].left < a[1].right && a[1].top < b[1].bottom && b[1].top < a[1].bottom)
      pairs.push([a[0], b[0]]);
  }); });
  return [boxes.length, pairs];
})()"""

ZOOM_IN = """(function () {
  var svg = document.getElementById('network'), box = svg.getBoundingClientRect();
  for (var i = 0; i < 6; i++) svg.dispatchEvent(new WheelEvent('wheel', {deltaY: -300, clientX: box.x + box.width / 2,
    clientY: box.y + box.height / 2, bubbles: true, cancelable: true}));
  return new Promise(function (done) { requestAnimationFrame(function () { requestAnimationFrame(function () {
    done(Number(document.body.dataset.labelsShown)); }); }); });
})()"""


def test_the_labels_shown_on_the_page_never_overlap(tmp_path, store):
    # Issue 21: the page's labels lay over each other in the main cluster.
    from browser import open_page

    from cyberkg.network.page import network_page

    graph = build_network(store, "organisation-event")
    path = tmp_path / "page.html"
    path.write_text(network_page(graph), encoding="utf-8")
    report = open_page(
        path.as_uri(),
        evaluate=(VISIBLE_LABEL_OVERLAPS, "Number(document.body.dataset.labelsShown)", ZOOM_IN, VISIBLE_LABEL_OVERLAPS),
    )
    assert report.console_errors == []
    (shown, overlaps), counted, _, (_, overlaps_zoomed) = report.values
    assert (overlaps, overlaps_zoomed) == ([], [])
    assert shown == counted and shown >= 15
