"""The one label rule (cyberkg.rdf.labels) applied to an rdflib graph: graph_label."""

from __future__ import annotations

import rdflib

from cyberkg.rdf.labels import graph_label
from cyberkg.rdf.namespaces import RDFS_LABEL

GRAPH = rdflib.Graph().parse(
    format="turtle",
    data="""
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <https://example.org/> .
ex:both rdfs:label "Zeta"@en , "Alpha"@fr , "Beta" ; skos:prefLabel "Aardvark"@en .
ex:untagged rdfs:label "Octopus"@de , "Octopus conference" .
ex:concept skos:prefLabel "child protection"@en .
ex:nothing ex:p ex:both .
""",
)
EX = rdflib.Namespace("https://example.org/")


def test_rdfs_label_before_skos_pref_label_english_before_untagged_before_other_languages():
    assert [graph_label(GRAPH, EX[name]) for name in ("both", "untagged", "concept", "nothing")] == [
        "Zeta",
        "Octopus conference",
        "child protection",
        None,
    ]


def test_the_rule_narrowed_to_rdfs_label():
    assert [graph_label(GRAPH, EX[name], (RDFS_LABEL,)) for name in ("both", "concept")] == ["Zeta", None]
