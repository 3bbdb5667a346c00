"""The curated graph conforms to the shapes; the shapes themselves are well formed, named and complete."""

from __future__ import annotations

from pathlib import Path

import pytest

from cyberkg.validation.report_format import compact

ROOT = Path(__file__).resolve().parent.parent
SH = "http://www.w3.org/ns/shacl#"
SHAPES = "https://w3id.org/cyberkg/shapes#"
CKG = "https://w3id.org/cyberkg/ontology#"

# The curated graph's warnings, each deliberate: the source names no one who took part in, met,
# decided or carried out these events, so the graph names no one either (shape:EventHasAgent).
# - the April 2008 Octopus conference and its adoption of the guidelines (Octopus summary, paragraph 1);
# - the Bogota workshop of 2008 (update, carried-out row 10, named only as what Asuncion followed up);
# - the two launches at the March 2009 conference (summary, paragraphs 2 and 3), whose organiser is the
#   conference's; the graph ties them to the conference with ckg:partOf;
# - the Hanoi seminar (update, planned row 4: no organiser given);
# - the March 2010 Octopus conference (update, carried-out row 2: only its themes were discussed).
EXPECTED_WARNINGS = [
    "event:2008-04-octopus-conference",
    "event:2008-04-octopus-conference-guidelines-adoption",
    "event:2008-bogota-workshop",
    "event:2009-03-10-strasbourg-launch-2centre",
    "event:2009-03-10-strasbourg-launch-phase-2",
    "event:2009-11-18-hanoi-seminar",
    "event:2010-03-octopus-conference",
]

# Ontology classes that are SKOS concept classes of the vocabularies, not things a user adds.
VOCABULARY_CLASSES = {
    "ckg:DecisionKind",
    "ckg:EventStatus",
    "ckg:Figure",
    "ckg:InvolvementKind",
    "ckg:Rank",
    "ckg:Role",
    "ckg:TreatyActionKind",
    "ckg:ValueKind",
    "ckg:ValueQualifier",
}


@pytest.fixture(scope="module")
def shapes_graph():
    from cyberkg.validation.reference import load_shapes_graph

    return load_shapes_graph()


@pytest.fixture(scope="module")
def curated_report():
    from cyberkg.validation.reference import validate_files

    return validate_files().report


def test_curated_graph_has_no_violations(curated_report):
    assert curated_report.conforms is True
    assert curated_report.counts() == {"Violation": 0, "Warning": len(EXPECTED_WARNINGS), "Info": 0}


def test_curated_graph_warnings_are_the_deliberate_ones(curated_report):
    found = sorted((compact(r.focus_node), compact(r.source_shape), r.severity) for r in curated_report.results)
    assert found == [(node, "shape:EventHasAgent", "Warning") for node in EXPECTED_WARNINGS]


def test_shapes_conform_to_shacl_shacl():
    """pySHACL checks a shapes graph against the SHACL-SHACL meta-shapes first and raises if it fails.

    The generated ISO code lists are left out: SHACL-SHACL walks every member of their three 249-item
    lists, which takes pySHACL minutes; that file is checked against its generator instead.
    """
    import pyshacl
    import rdflib

    from cyberkg.store.loading import parse_turtle_into
    from cyberkg.validation.iso_3166_shape import SHAPE_FILE_NAME

    shapes = rdflib.Graph()
    files = [path for path in sorted((ROOT / "shapes").glob("*.ttl")) if path.name != SHAPE_FILE_NAME]
    assert len(files) == 8
    for path in files:
        parse_turtle_into(shapes, path)
    conforms, _, text = pyshacl.validate(rdflib.Graph(), shacl_graph=shapes, meta_shacl=True)
    assert conforms, text


# What a shape may say besides its constraints: targets, property shapes, severity and documentation.
NOT_CONSTRAINTS = {
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2000/01/rdf-schema#comment",
    *(SH + name for name in ("targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf", "property")),
    *(SH + name for name in ("message", "severity", "path", "name", "description", "deactivated")),
}


def test_every_shape_has_a_readable_iri_and_a_message_exactly_when_it_reports_results_of_its_own(shapes_graph):
    """A node shape whose constraints all sit in its property shapes never reports a result itself (each
    property shape reports its own, with its own message), so it has no sh:message: dead text."""
    from rdflib import RDF, URIRef

    shapes = set(shapes_graph.subjects(RDF.type, URIRef(SH + "NodeShape"))) | set(
        shapes_graph.subjects(RDF.type, URIRef(SH + "PropertyShape"))
    )
    assert len(shapes) > 100
    unnamed = sorted(str(s) for s in shapes if not str(s).startswith(SHAPES))
    assert unnamed == []
    reporting = {s for s in shapes if {str(p) for p in shapes_graph.predicates(s, None)} - NOT_CONSTRAINTS}
    assert len(shapes - reporting) == 36
    with_english_message = {
        s
        for s in shapes
        if [m for m in shapes_graph.objects(s, URIRef(SH + "message")) if getattr(m, "language", None) == "en"]
    }
    assert sorted(compact(s.n3()) for s in reporting - with_english_message) == []
    assert (
        sorted(compact(s.n3()) for s in shapes & set(shapes_graph.subjects(URIRef(SH + "message"), None)) - reporting)
        == []
    )
    constraints = set(shapes_graph.objects(None, URIRef(SH + "sparql")))
    assert len(constraints) == 20
    assert sorted(str(c) for c in constraints if shapes_graph.value(c, URIRef(SH + "message")) is None) == []


def test_every_property_shape_is_used_or_targets_by_itself(shapes_graph):
    from rdflib import RDF, URIRef

    property_shapes = set(shapes_graph.subjects(RDF.type, URIRef(SH + "PropertyShape")))
    used = set(shapes_graph.objects(None, URIRef(SH + "property")))
    targeting = {s for s in property_shapes if shapes_graph.value(s, URIRef(SH + "targetClass")) is not None}
    assert sorted(compact(s.n3()) for s in property_shapes - used - targeting) == []


def test_every_class_a_user_can_add_has_a_shape(shapes_graph):
    """Every ontology class is targeted by a shape, itself or through a superclass (vocabularies aside)."""
    from rdflib import OWL, RDF, RDFS, URIRef

    from cyberkg.store.loading import load_graph

    ontology = load_graph(sorted((ROOT / "ontology").glob("*.ttl")))
    classes = {c for c in ontology.subjects(RDF.type, OWL.Class) if str(c).startswith(CKG)}
    targeted = set(shapes_graph.objects(None, URIRef(SH + "targetClass")))
    covered = {c for c in classes if targeted & set(ontology.transitive_objects(c, RDFS.subClassOf))}
    assert sorted(compact(c.n3()) for c in classes - covered) == sorted(VOCABULARY_CLASSES)


def test_iso_shape_codes_are_the_reference_countries(shapes_graph):
    """The sh:in list of alpha-2 codes is exactly the codes of graph/reference/countries.ttl."""
    from rdflib import URIRef
    from rdflib.collection import Collection

    from cyberkg.store.loading import load_graph

    codes = Collection(shapes_graph, shapes_graph.value(URIRef(SHAPES + "CountryAlpha2"), URIRef(SH + "in")))
    countries = load_graph([ROOT / "graph" / "reference" / "countries.ttl"])
    reference = {str(code) for code in countries.objects(None, URIRef(CKG + "alpha2"))}
    assert len(reference) == 249
    assert sorted(str(code) for code in codes) == sorted(reference)


def test_iso_shape_file_is_what_the_generator_writes():
    from importlib.metadata import version

    from cyberkg.validation.iso_3166_shape import SHAPE_FILE_NAME, shape_turtle

    text = (ROOT / "shapes" / SHAPE_FILE_NAME).read_text(encoding="utf-8")
    recorded = text.split("from pycountry ", 1)[1].split(":", 1)[0]
    if recorded != version("pycountry"):
        pytest.skip(
            f"shapes/{SHAPE_FILE_NAME} was generated with pycountry {recorded}, installed is "
            f"{version('pycountry')}: regenerate with python -m cyberkg.validation.iso_3166_shape"
        )
    assert text == shape_turtle()
