"""The fast validation engine (SHACL compiled to SPARQL on Oxigraph) against the reference engine (pySHACL).

Every shape fixture under tests/ runs through both engines, which must give the
same results: focus node, path, value, constraint component, source shape,
severity and message. Blank nodes are compared as "_:" (their labels differ
between stores).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cyberkg.validation import sparql_engine
from cyberkg.validation.reference import load_shapes_graph, merged, validate_graph
from cyberkg.validation.report import ValidationReport

TESTS = Path(__file__).resolve().parent
PARITY = TESTS / "engine_parity"
EX = "https://example.org/parity#"
XSD = "http://www.w3.org/2001/XMLSchema#"
# The fixtures of the shapes (issue 5): data to validate in the context of the curated graph.
SHAPE_FIXTURES = sorted((TESTS / "shapes").rglob("*.ttl"))


def comparable(report: ValidationReport) -> set[tuple]:
    def plain(text: str | None) -> str | None:
        return None if text is None else re.sub(r"_:\w+", "_:", text)

    return {
        (
            plain(r.focus_node),
            plain(r.path),
            plain(r.value),
            r.constraint_component,
            plain(r.source_shape),
            r.severity,
            r.message,
        )
        for r in report.results
    }


def fast_report(files: list[Path], shape_files: list[Path]) -> ValidationReport:
    from cyberkg.store.loading import load_store

    return sparql_engine.validate_store(load_store(files), sparql_engine.compile_shapes(shape_files))


@pytest.fixture(scope="module")
def parity_reports() -> tuple[ValidationReport, ValidationReport]:
    from cyberkg.store.loading import load_graph

    data, shapes = PARITY / "data.ttl", PARITY / "shapes.ttl"
    reference = validate_graph(load_graph([data]), load_graph([shapes]))
    return fast_report([data], [shapes]), reference


def test_every_constraint_kind_gives_the_same_results(parity_reports):
    fast, reference = parity_reports
    assert comparable(fast) == comparable(reference)
    # The fixture breaks every kind of constraint the fast engine compiles.
    assert {r.constraint_component for r in fast.results} == {
        "ClassConstraintComponent",
        "DatatypeConstraintComponent",
        "NodeKindConstraintComponent",
        "InConstraintComponent",
        "PatternConstraintComponent",
        "MinLengthConstraintComponent",
        "MaxLengthConstraintComponent",
        "MinInclusiveConstraintComponent",
        "MaxInclusiveConstraintComponent",
        "MinExclusiveConstraintComponent",
        "MaxExclusiveConstraintComponent",
        "LanguageInConstraintComponent",
        "OrConstraintComponent",
        "AndConstraintComponent",
        "NotConstraintComponent",
        "XoneConstraintComponent",
        "MinCountConstraintComponent",
        "MaxCountConstraintComponent",
        "UniqueLangConstraintComponent",
        "HasValueConstraintComponent",
        "LessThanConstraintComponent",
        "LessThanOrEqualsConstraintComponent",
        "EqualsConstraintComponent",
        "DisjointConstraintComponent",
        "SPARQLConstraintComponent",
    }


def test_ill_formed_dates_are_caught_by_both_engines(parity_reports):
    # pyrudof missed "2020-13-45"^^xsd:date where pySHACL caught it; the fast engine must not.
    for report in parity_reports:
        days = {
            r.value
            for r in report.results
            if r.path == f"<{EX}day>" and r.constraint_component == "DatatypeConstraintComponent"
        }
        assert days == {f'"2020-13-45"^^<{XSD}date>', f'"2021-02-30"^^<{XSD}date>'}
        either = {r.value for r in report.results if r.constraint_component == "OrConstraintComponent"}
        # rdflib, and so pySHACL, takes "20x"^^xsd:gYear as well formed; the fast engine agrees with it.
        assert either == {f'"2020-13-01"^^<{XSD}date>', '"2020-05"'}


def test_sparql_constraint_messages_are_filled_in(parity_reports):
    fast, _ = parity_reports
    messages = {r.message for r in fast.results if r.constraint_component == "SPARQLConstraintComponent"}
    assert messages == {f"{EX}bad starts at 2020-02-01, after its end"}


@pytest.fixture(scope="module")
def curated_and_shapes():
    from cyberkg.store.loading import load_graph

    return load_graph(), load_shapes_graph()


@pytest.mark.parametrize("fixture", SHAPE_FIXTURES, ids=lambda p: str(p.relative_to(TESTS)))
def test_shape_fixture_gives_the_same_results(fixture, curated_and_shapes):
    from cyberkg.store.checkout import default_checkout
    from cyberkg.store.loading import data_files, load_graph
    from cyberkg.validation.reference import shape_files

    curated, shapes = curated_and_shapes
    reference = validate_graph(merged(curated, load_graph([fixture])), shapes)
    fast = fast_report([*data_files(), fixture], shape_files(default_checkout().shapes_dir))
    assert comparable(fast) == comparable(reference)


def test_every_shape_fixture_is_compared():
    """The parity tests above run over every fixture of tests/shapes: the constraint fixtures and the later facts."""
    assert [path.relative_to(TESTS / "shapes").parts[0] for path in SHAPE_FIXTURES] == ["constraints"] * len(
        list((TESTS / "shapes" / "constraints").glob("*.ttl"))
    ) + ["later"] * 2


def test_the_curated_graph_gives_the_same_results(curated_and_shapes):
    from cyberkg.store.checkout import default_checkout
    from cyberkg.store.loading import data_files
    from cyberkg.validation.reference import shape_files

    curated, shapes = curated_and_shapes
    fast = fast_report(data_files(), shape_files(default_checkout().shapes_dir))
    assert comparable(fast) == comparable(validate_graph(curated, shapes))


def test_a_generated_graph_gives_the_same_results_and_exactly_the_seeded_violations(tmp_path, curated_and_shapes):
    from cyberkg.bench.synthetic import generate
    from cyberkg.store.checkout import default_checkout
    from cyberkg.store.loading import data_files, load_graph
    from cyberkg.validation.reference import shape_files

    graph = generate(6_000, tmp_path / "synthetic.ttl")
    curated, shapes = curated_and_shapes
    reference = validate_graph(merged(curated, load_graph([graph.path])), shapes)
    fast = fast_report([*data_files(), graph.path], shape_files(default_checkout().shapes_dir))
    assert comparable(fast) == comparable(reference)
    violating = {r.focus_node for r in fast.results if r.severity == "Violation"}
    assert violating == {f"<{iri}>" for iri in graph.violating_nodes()}


def test_sh_node_is_left_to_pyshacl(tmp_path):
    shapes = tmp_path / "node.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix ex: <https://example.org/> .\n"
        "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:node ex:T .\nex:T a sh:NodeShape ; sh:class ex:D .\n",
        encoding="utf-8",
    )
    with pytest.raises(sparql_engine.UnsupportedShapeError, match="sh:node"):
        sparql_engine.compile_shapes([shapes])


def test_data_with_derived_integer_types_is_refused(tmp_path):
    # Oxigraph stores "5"^^xsd:positiveInteger as "5"^^xsd:integer, so a datatype check would differ.
    data = tmp_path / "counts.ttl"
    data.write_text(
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        '<https://example.org/a> <https://example.org/n> "5"^^xsd:positiveInteger .\n',
        encoding="utf-8",
    )
    plain = tmp_path / "plain.ttl"
    plain.write_text(
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        "<https://example.org/a> <https://example.org/n> 5 ; <https://example.org/r> "
        "xsd:positiveInteger .\n",
        encoding="utf-8",
    )
    sparql_engine.check_data_fidelity([plain])
    with pytest.raises(sparql_engine.UnsupportedShapeError, match="positiveInteger"):
        sparql_engine.check_data_fidelity([plain, data])


@pytest.mark.parametrize(
    ("files", "counts"),
    [
        ([], {"Violation": 0, "Warning": 7, "Info": 0}),
        (sorted((TESTS / "shapes" / "later").glob("*.ttl"))[:1], {"Violation": 0, "Warning": 0, "Info": 0}),
        (sorted((TESTS / "shapes" / "constraints").glob("*.ttl"))[:1], {"Violation": 37, "Warning": 2, "Info": 0}),
    ],
    ids=["curated", "later", "constraints"],
)
def test_both_engines_print_the_same_report(files, counts):
    from cyberkg.validation.engines import validate_with
    from cyberkg.validation.report_format import render_report

    reference = validate_with("pyshacl", files)
    fast = validate_with("fast", files)
    assert fast.report == reference.report
    assert fast.report.counts() == counts
    for fmt in ("text", "json"):
        assert render_report(fast, fmt) == render_report(reference, fmt)


def test_cyberkg_validate_engine_option_prints_the_same_report_and_exit_code(capsys):
    from cyberkg.cli import main

    fixture = str(TESTS / "shapes" / "constraints" / "event-dates.ttl")
    outputs = []
    for engine in ("pyshacl", "fast"):
        code = main(["validate", "--engine", engine, fixture])
        outputs.append((code, capsys.readouterr().out))
    assert outputs[0][0] == 1
    assert outputs[1] == outputs[0]


VOCABULARY_FIXTURES = sorted((TESTS / "vocabulary").glob("*.ttl"))


@pytest.mark.parametrize("fixture", VOCABULARY_FIXTURES, ids=lambda p: p.name)
def test_vocabulary_fixture_gives_the_same_whole_report(fixture):
    # Issue 15: the closed-vocabulary and literal checks join both engines' reports, with the shapes' results.
    from cyberkg.validation.engines import validate_with

    fast, reference = (validate_with(engine, [fixture]).report for engine in ("fast", "pyshacl"))
    assert comparable(fast) == comparable(reference)
    assert fast.results != ()


def test_vocabulary_checks_agree_on_the_parity_data():
    # The same checks over an rdflib graph and an Oxigraph store, on data full of odd literals.
    from cyberkg.rdf.namespaces import SHAPES
    from cyberkg.store.checkout import default_checkout
    from cyberkg.store.loading import load_graph, load_store
    from cyberkg.validation.vocabulary import check_graph, check_store

    data, ontology = PARITY / "data.ttl", default_checkout().ontology_dir
    from_graph = ValidationReport.of(check_graph(load_graph([data]), ontology))
    from_store = ValidationReport.of(check_store(load_store([data]), ontology))
    assert comparable(from_graph) == comparable(from_store)
    assert {r.value for r in from_store.results if r.source_shape == f"<{SHAPES}WellTypedLiteral>"} == {
        f'"2020-13-45"^^<{XSD}date>',
        f'"2021-02-30"^^<{XSD}date>',
        f'"2020-13-01"^^<{XSD}date>',
        f'"20x"^^<{XSD}gYear>',
        f'"1,5"^^<{XSD}decimal>',
        f'"abc"^^<{XSD}integer>',
    }
