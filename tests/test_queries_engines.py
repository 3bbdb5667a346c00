"""Every library query gives the same rows, in the same order, on rdflib as on Oxigraph.

The queries are plain SPARQL 1.1 meant to run unchanged on any store; rdflib is a second,
independent engine. Parameters are bound the way each engine binds them: Oxigraph substitutions
(``cyberkg.query.run``) and rdflib ``initBindings``. Each (query, parameters) pair of the
competency table is run, so every query of the library is covered.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

from cyberkg.query.library import XSD, bindings, find_query, run


def _competency_table() -> list:
    """The cases of test_queries_competency.py, loaded by path (works under any pytest import mode)."""
    path = Path(__file__).with_name("test_queries_competency.py")
    spec = importlib.util.spec_from_file_location("_competency_table", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module.COMPETENCY


COMPETENCY = _competency_table()

NUMERIC = {
    XSD + name
    for name in ("integer", "decimal", "double", "float", "int", "long", "nonNegativeInteger", "positiveInteger")
}

RUNS = sorted({(case.query, tuple(sorted(case.params.items()))) for case in COMPETENCY})


def comparable(term: Any) -> tuple[Any, ...] | None:
    """An engine-neutral form of a term: kind, value (numbers as numbers), datatype, language."""
    if term is None:
        return None
    from_rdflib = type(term).__module__.startswith("rdflib")
    kind = type(term).__name__
    if kind in ("NamedNode", "URIRef"):
        return ("uri", str(term) if from_rdflib else term.value)
    if kind in ("BlankNode", "BNode"):
        return ("bnode",)
    lexical = str(term) if from_rdflib else term.value
    language = term.language or None
    datatype = term.datatype if from_rdflib else term.datatype.value
    if language:
        datatype = None
    elif datatype is None or str(datatype) == XSD + "string":
        datatype = XSD + "string"
    datatype = None if datatype is None else str(datatype)
    value: Any = float(lexical) if datatype in NUMERIC else lexical
    return ("literal", value, datatype, language)


def rdflib_term(term: Any) -> Any:
    """The rdflib form of a pyoxigraph parameter term."""
    import rdflib

    if type(term).__name__ == "NamedNode":
        return rdflib.URIRef(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


@pytest.mark.parametrize("name,params", RUNS, ids=[f"{name}{dict(params) or ''}" for name, params in RUNS])
def test_rdflib_gives_the_same_rows_as_oxigraph(store, merged_graph, name: str, params: tuple) -> None:
    query = find_query(name)
    oxigraph = run(store, query, dict(params))
    init = {key: rdflib_term(term) for key, term in bindings(query, dict(params)).items()}
    answer = merged_graph.query(query.text, initBindings=init)
    columns = [str(variable) for variable in answer.vars]
    assert columns == oxigraph.columns
    rdflib_rows = [[comparable(row[index]) for index in range(len(columns))] for row in answer]
    oxigraph_rows = [[comparable(term) for term in row] for row in oxigraph.rows]
    assert rdflib_rows == oxigraph_rows
