"""The one Turtle writer (cyberkg.rdf.turtle): subject blocks and section banners, as the curated files write them."""

from __future__ import annotations

import rdflib

from cyberkg.rdf.namespaces import turtle_prefixes
from cyberkg.rdf.turtle import banner, subject_block


def test_a_subject_block_is_one_fact_a_line_ending_with_a_full_stop():
    block = subject_block(
        "event:e1", [("a", "ckg:Meeting , ckg:Event"), ("rdfs:label", '"A"@en'), ("rdfs:label", '"B"')]
    )
    assert block == 'event:e1\n    a ckg:Meeting , ckg:Event ;\n    rdfs:label "A"@en ;\n    rdfs:label "B" .\n'
    graph = rdflib.Graph().parse(data=turtle_prefixes("ckg", "event", "rdfs") + block, format="turtle")
    assert len(graph) == 4


def test_banners_are_79_characters_wide_ruled_with_equals_signs_or_dashes():
    assert banner("Events") == f"# {'=' * 77}\n# Events\n# {'=' * 77}\n"
    assert banner("Two\nlines", rule="-") == f"# {'-' * 77}\n# Two\n# lines\n# {'-' * 77}\n"
