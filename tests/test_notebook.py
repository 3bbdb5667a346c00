"""Issue 21: notebooks/explore.ipynb runs top to bottom (nbclient) and shows what the library gives.

Each code cell carries a tag; what it prints is checked against the same library calls made here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory):
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    folder = tmp_path_factory.mktemp("notebook")
    nbclient.NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}}
    ).execute()
    return {cell.metadata["tags"][0]: cell for cell in notebook.cells if cell.cell_type == "code"}


def printed(cell) -> list[str]:
    return [line for output in cell.outputs if output.get("name") == "stdout" for line in output.text.splitlines()]


def images(cell) -> int:
    return sum("image/png" in output.get("data", {}) for output in cell.outputs)


def test_the_committed_notebook_is_valid_and_holds_no_outputs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    assert [cell.metadata.get("tags") for cell in notebook.cells if cell.cell_type == "code"] == [
        ["load"],
        ["query"],
        ["network"],
        ["timeline"],
    ]
    assert [cell.outputs for cell in notebook.cells if cell.cell_type == "code"] == [[], [], [], []]


def test_no_cell_fails(executed):
    assert [name for name, cell in executed.items() if any(o.output_type == "error" for o in cell.outputs)] == []


def test_it_loads_the_graph(executed, merged_graph):
    assert printed(executed["load"]) == [f"{len(merged_graph)} triples"]


def test_it_runs_a_named_query_into_pandas(executed):
    import cyberkg

    frame = cyberkg.run_query("events-per-country").to_dataframe()
    assert printed(executed["query"]) == [str(frame.shape)]
    (table,) = [output for output in executed["query"].outputs if output.output_type == "execute_result"]
    assert sorted(table.data) == ["text/html", "text/plain"]


def test_it_draws_the_organisation_network(executed, store):
    from cyberkg.network.projections import build_network

    network = build_network(store, "organisation-organisation")
    assert printed(executed["network"]) == [
        f"{network.number_of_nodes()} organisations, {network.number_of_edges()} links"
    ]
    assert images(executed["network"]) == 1


def test_it_plots_a_timeline_at_the_precision_of_the_sources(executed):
    import cyberkg

    rows = cyberkg.run_query("events-timeline", date_from="2009-09", date_to="2009-11").as_dicts()
    by_day = sum(len(row["start"]) == 10 for row in rows)
    assert printed(executed["timeline"]) == [f"{len(rows)} events from 2009-09 to 2009-11, {by_day} dated to the day"]
    assert images(executed["timeline"]) == 1
