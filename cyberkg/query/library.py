"""The named query library and running SPARQL on the embedded store.

A library query is a plain ``.rq`` file under ``queries/`` whose leading
comment lines starting with ``#+`` hold a YAML header (after CLARIAH/grlc)::

    #+ title: Meetings that promoted accession
    #+ summary: Which meetings promoted accession to an instrument, and for which country?
    #+ tags: [accession, countries]
    #+ params:
    #+   instrument: {type: iri, description: the instrument}
    #+ defaults:
    #+   instrument: https://w3id.org/cyberkg/id/instrument/ets-185
    #+ sources: Table of activities carried out, row 11

Parameters are SPARQL variables of the same name. They are bound as RDF terms
(Oxigraph ``substitutions``), never pasted into the query text.
"""

from __future__ import annotations

import gc
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from cyberkg.errors import QueryError
from cyberkg.rdf.dates import DATATYPES, date_precision, date_problem
from cyberkg.store.checkout import Checkout, default_checkout

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph

PARAM_TYPES = ("iri", "string", "date", "integer", "literal")
XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass(frozen=True)
class Parameter:
    """One parameter of a library query."""

    name: str
    type: str = "iri"
    description: str = ""
    default: str | None = None


@dataclass(frozen=True)
class LibraryQuery:
    """A query file with its header."""

    name: str
    path: Path
    text: str
    title: str
    summary: str
    tags: tuple[str, ...] = ()
    parameters: tuple[Parameter, ...] = ()
    sources: str = ""

    def parameter(self, name: str) -> Parameter:
        for parameter in self.parameters:
            if parameter.name == name:
                return parameter
        known = ", ".join(p.name for p in self.parameters) or "none"
        raise QueryError(f"query {self.name} has no parameter {name!r} (it takes: {known})")


@dataclass
class QueryResult:
    """Rows of a SELECT (or ASK) query: column names and one tuple of RDF terms per row."""

    columns: list[str]
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    boolean: bool | None = None

    def as_dicts(self) -> list[dict[str, Any]]:
        """Rows as dictionaries of plain Python strings (None where unbound)."""
        return [
            {column: (None if term is None else term.value) for column, term in zip(self.columns, row, strict=True)}
            for row in self.rows
        ]

    def as_values(self) -> list[dict[str, Any]]:
        """Rows as dictionaries of Python values: numbers and booleans converted, other terms as strings."""
        return [{column: to_python(term) for column, term in zip(self.columns, row, strict=True)} for row in self.rows]

    def to_dataframe(self) -> Any:
        """A pandas DataFrame of the rows (numbers as numbers, other terms as strings); needs pandas."""
        try:
            import pandas
        except ImportError:
            raise QueryError("a DataFrame needs pandas: pip install 'cyberkg[notebook]'") from None
        return pandas.DataFrame(self.as_values(), columns=self.columns)


Row = TypeVar("Row")


def pages(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    """The rows in lists of ``size`` (the last one shorter), each taken from ``rows`` only when it is asked for."""
    rows = iter(rows)
    while page := list(itertools.islice(rows, size)):
        yield page


_INTEGER_TYPES = {
    XSD + name
    for name in (
        "integer",
        "int",
        "long",
        "short",
        "nonNegativeInteger",
        "positiveInteger",
        "negativeInteger",
        "nonPositiveInteger",
    )
}
_FLOAT_TYPES = {XSD + name for name in ("decimal", "double", "float")}


def to_python(term: Any) -> Any:
    """The Python value of an RDF term: int, float or bool for numeric and boolean literals, else its text."""
    if term is None:
        return None
    datatype = getattr(getattr(term, "datatype", None), "value", None)
    try:
        if datatype in _INTEGER_TYPES:
            return int(term.value)
        if datatype in _FLOAT_TYPES:
            return float(term.value)
    except ValueError:
        return term.value
    if datatype == XSD + "boolean":
        return term.value in ("true", "1")
    return term.value


def parse_header(text: str, path: Path) -> dict[str, Any]:
    """Read the ``#+`` YAML header at the top of a query file."""
    import yaml

    lines = []
    for line in text.splitlines():
        if line.startswith("#+"):
            lines.append(line[3:] if line.startswith("#+ ") else line[2:])
        elif line.strip() and not line.startswith("#"):
            break
    try:
        header = yaml.safe_load("\n".join(lines)) or {}
    except yaml.YAMLError as error:
        reason = " ".join(str(error).split())
        raise QueryError(f"{path}: the #+ header is not valid YAML ({reason})") from None
    if not isinstance(header, dict):
        raise QueryError(f"{path}: the #+ header must be a mapping of keys to values")
    return header


def _defaults(value: Any, path: Path) -> dict[str, Any]:
    """The header's defaults: a mapping, or (grlc style) a list of one-key mappings."""
    if not value:
        return {}
    if isinstance(value, list) and all(isinstance(item, dict) for item in value):
        return {key: default for item in value for key, default in item.items()}
    if isinstance(value, dict):
        return value
    raise QueryError(f"{path}: the #+ header's defaults must be a mapping of parameter names to values")


def read_query(path: Path) -> LibraryQuery:
    """Read one .rq file and its header."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise QueryError(f"{path}: no such query file") from None
    except UnicodeDecodeError:
        raise QueryError(f"{path}: not UTF-8 text") from None
    header = parse_header(text, path)
    defaults = _defaults(header.get("defaults"), path)
    params = []
    specs = header.get("params") or {}
    if not isinstance(specs, dict):
        raise QueryError(
            f"{path}: the #+ header's params must be a mapping of parameter names to {{type, description}}, not a list"
        )
    for name, spec in specs.items():
        spec = spec or {}
        if not isinstance(spec, dict):
            raise QueryError(f"{path}: parameter {name} must be a mapping such as {{type: iri}}")
        kind = spec.get("type", "iri")
        if kind not in PARAM_TYPES:
            raise QueryError(f"{path}: parameter {name} has unknown type {kind!r} (use one of {PARAM_TYPES})")
        default = defaults.get(name)
        params.append(
            Parameter(name, kind, str(spec.get("description", "")), None if default is None else str(default))
        )
    tags = header.get("tags") or []
    if not isinstance(tags, list):
        tags = [tags]
    return LibraryQuery(
        name=path.stem,
        path=path,
        text=text,
        title=str(header.get("title", path.stem)),
        summary=str(header.get("summary", "")),
        tags=tuple(str(tag) for tag in tags),
        parameters=tuple(params),
        sources=str(header.get("sources", "")),
    )


def list_queries(checkout: Checkout | None = None) -> list[LibraryQuery]:
    """Every query of the library, by name."""
    checkout = checkout or default_checkout()
    return [read_query(path) for path in sorted(checkout.queries_dir.glob("*.rq"))]


def find_query(name_or_path: str, checkout: Checkout | None = None) -> LibraryQuery:
    """A library query by name, or any .rq file by path."""
    candidate = Path(name_or_path)
    if name_or_path.endswith(".rq") or candidate.is_file():
        if not candidate.is_file():
            raise QueryError(f"{name_or_path}: no such query file")
        return read_query(candidate)
    checkout = checkout or default_checkout()
    path = checkout.queries_dir / f"{name_or_path}.rq"
    if path.is_file():
        return read_query(path)
    known = ", ".join(q.name for q in list_queries(checkout))
    raise QueryError(f"unknown query {name_or_path!r}; known queries: {known}")


def to_term(parameter: Parameter, value: str) -> pyoxigraph.NamedNode | pyoxigraph.Literal:
    """Turn a parameter value given as text into the RDF term it stands for."""
    import pyoxigraph

    if parameter.type == "iri":
        try:
            return pyoxigraph.NamedNode(value)
        except ValueError:
            raise QueryError(f"parameter {parameter.name}: {value!r} is not an absolute IRI") from None
    if parameter.type == "date":
        problem = date_problem(value)
        if problem:
            raise QueryError(f"parameter {parameter.name}: {problem}")
        datatype = DATATYPES[date_precision(value)]
        return pyoxigraph.Literal(value, datatype=pyoxigraph.NamedNode(XSD + datatype))
    if parameter.type == "integer":
        if not re.fullmatch(r"[+-]?\d+", value):
            raise QueryError(f"parameter {parameter.name}: {value!r} is not an integer")
        return pyoxigraph.Literal(value, datatype=pyoxigraph.NamedNode(XSD + "integer"))
    return pyoxigraph.Literal(value)


def bindings(query: LibraryQuery, params: Mapping[str, str]) -> dict[str, Any]:
    """The RDF terms to bind for a run: given values over defaults; unknown names are refused."""
    for name in params:
        query.parameter(name)
    terms: dict[str, Any] = {}
    for parameter in query.parameters:
        value = params.get(parameter.name, parameter.default)
        if value is not None and value != "":
            terms[parameter.name] = to_term(parameter, value)
    return terms


def parameter_namespace(parameter: Parameter) -> str | None:
    """Where a bare name given for an IRI parameter is looked for: the namespace of its default when that is an
    instance, else the kind of instance the parameter is named after (``instrument``), else None (every kind)."""
    from cyberkg.rdf.known_names import kind_prefixes, namespace_of
    from cyberkg.rdf.namespaces import ID

    if parameter.default and parameter.default.startswith(ID):
        return namespace_of(parameter.default)
    candidate = ID + parameter.name + "/"
    return candidate if candidate in kind_prefixes().values() else None


def resolve_params(store: pyoxigraph.Store, query: LibraryQuery, params: Mapping[str, str]) -> dict[str, str]:
    """The parameters with every IRI parameter given as a short form turned into its IRI, each checked against the
    store: a full IRI, a prefixed name (``instrument:ets-185``), a bare name (``ets-185``) or a label
    (:func:`cyberkg.rdf.known_names.resolve_name`). A name the graph does not have is a QueryError with the
    nearest one it has; other values pass as given.
    """
    from cyberkg.rdf.known_names import nearest_in_graph, resolve_name

    resolved: dict[str, str] = {}
    for name, value in params.items():
        parameter = query.parameter(name)
        if parameter.type == "iri" and value.strip():
            namespace = parameter_namespace(parameter)
            iri = resolve_name(store, value, namespace, f"parameter {name}")
            if "://" not in iri:
                if namespace is not None and re.fullmatch(r"[^\s<>\"{}|\\^`:/]+", iri):
                    iri = namespace + iri  # reported below with the nearest name, as a misspelt IRI is
                else:
                    message = f"parameter {name}: nothing in the graph is named {value.strip()!r}"
                    nearest = nearest_in_graph(store, (namespace or "") + value.strip()) if namespace else None
                    raise QueryError(message + (f" (did you mean <{nearest}>?)" if nearest else ""))
            value = iri
        resolved[name] = value
    check_iris_in_graph(store, query, resolved)
    return resolved


def check_iris_in_graph(store: pyoxigraph.Store, query: LibraryQuery, params: Mapping[str, str]) -> None:
    """Refuse a given IRI parameter that names nothing in the store, with the nearest IRI it does have.

    A misspelt IRI would otherwise bind a term that matches nothing and give 0 rows in silence.
    Only the values given are checked, not the defaults of the query header.
    """
    from cyberkg.rdf.known_names import in_graph, nearest_in_graph

    terms = bindings(query, params)
    for name in params:
        term = terms.get(name)
        if query.parameter(name).type != "iri" or term is None or in_graph(store, term.value):
            continue
        message = f"parameter {name}: <{term.value}> is not in the graph"
        nearest = nearest_in_graph(store, term.value)
        if nearest is not None:
            message += f" (did you mean <{nearest}>?)"
        raise QueryError(message)


def run(
    store: pyoxigraph.Store,
    query: LibraryQuery,
    params: Mapping[str, str] | None = None,
    *,
    allow_service: bool = False,
) -> QueryResult:
    """Run a query on an Oxigraph store with its parameters bound as RDF terms.

    A query with a SERVICE clause is refused unless ``allow_service`` (see :mod:`cyberkg.query.service`).
    """
    terms = bindings(query, params or {})
    return select(store, query.text, terms, where=str(query.path), allow_service=allow_service)


def iter_dicts(
    store: pyoxigraph.Store,
    query: LibraryQuery,
    params: Mapping[str, str] | None = None,
    *,
    allow_service: bool = False,
) -> Iterator[dict[str, str | None]]:
    """The rows of a query as :meth:`QueryResult.as_dicts` gives them, one at a time as Oxigraph produces them.

    The query is checked and started at once (a QueryError here for a bad parameter or text); its rows
    are read only as the iterator is, so the first comes before the last is computed (an ``ORDER BY``
    still sorts them all first). A CONSTRUCT gives ``subject``, ``predicate``, ``object``; an ASK, which
    has no rows, is refused.
    """
    import pyoxigraph

    where = str(query.path)
    answer = evaluate(store, query.text, bindings(query, params or {}), where, allow_service=allow_service)
    if isinstance(answer, bool | pyoxigraph.QueryBoolean):
        raise QueryError(f"{where}: an ASK query answers yes or no and has no rows to iterate; use run_query")
    if isinstance(answer, pyoxigraph.QuerySolutions):
        columns = [variable.value for variable in answer.variables]
        return _dicts(columns, map(tuple, answer), where)
    triples = ((triple.subject, triple.predicate, triple.object) for triple in answer)
    return _dicts(["subject", "predicate", "object"], triples, where)


def _dicts(columns: list[str], rows: Iterator[tuple[Any, ...]], where: str) -> Iterator[dict[str, str | None]]:
    with query_errors(where):
        for row in rows:
            yield {column: (None if term is None else term.value) for column, term in zip(columns, row, strict=True)}


def select(
    store: pyoxigraph.Store,
    text: str,
    terms: Mapping[str, Any] | None = None,
    where: str = "query",
    *,
    allow_service: bool = False,
) -> QueryResult:
    """Run SPARQL text on an Oxigraph store, binding ``terms`` (variable name -> RDF term) by substitution.

    Oxigraph substitutes only variables that the SELECT clause projects, so a parameter must be
    projected; a query that does not is refused with a QueryError, as is one that does not parse
    (the message names line and column), and one with a SERVICE clause unless ``allow_service``.
    """
    with query_errors(where):
        return _read_answer(evaluate(store, text, terms, where, allow_service=allow_service))


def evaluate(
    store: pyoxigraph.Store,
    text: str,
    terms: Mapping[str, Any] | None = None,
    where: str = "query",
    *,
    allow_service: bool = False,
) -> Any:
    """The lazy answer of Oxigraph (solutions, triples or a boolean); read it inside :func:`query_errors`."""
    import pyoxigraph

    from cyberkg.query.service import refuse_service

    if not allow_service:
        refuse_service(text, where)
    substitutions = {pyoxigraph.Variable(name): term for name, term in (terms or {}).items()}
    with query_errors(where):
        return store.query(text, substitutions=substitutions)


@contextmanager
def query_errors(where: str) -> Iterator[None]:
    """Oxigraph's errors as one-line QueryErrors; Oxigraph evaluates lazily, so they also come while rows are read."""
    try:
        yield
    except SyntaxError as error:
        raise QueryError(f"{where}: {_locate_syntax_error(error)}") from None
    except (RuntimeError, ValueError, OSError) as error:
        raise QueryError(f"{where}: {_explain_failure(error)}") from None


def _read_answer(answer: Any) -> QueryResult:
    import pyoxigraph

    if isinstance(answer, bool | pyoxigraph.QueryBoolean):
        return QueryResult(columns=[], rows=[], boolean=bool(answer))
    if isinstance(answer, pyoxigraph.QuerySolutions):
        columns = [variable.value for variable in answer.variables]
        # A solution iterates over its values in the order of answer.variables (None where unbound);
        # this is several times faster than looking each column up by name (and map a little
        # faster than a comprehension: 1.46 s against 1.51 s for 71k rows of eight columns).
        with _no_cyclic_gc():
            rows = list(map(tuple, answer))
        return QueryResult(columns=columns, rows=rows)
    triples = list(answer)
    return QueryResult(
        columns=["subject", "predicate", "object"], rows=[(t.subject, t.predicate, t.object) for t in triples]
    )


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a large result is built.

    Rows are tuples of RDF terms and hold no reference cycles, yet building half a million of
    them sets off collections that walk every live object: 10 to 15% of the time of a query
    returning 20k-70k rows at 1M triples. Reference counting still frees everything at once.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_NOT_PROJECTED = re.compile(r"does not contains? variable \?(\w+) in its SELECT projection")


def _explain_failure(error: Exception) -> str:
    """Phrase an evaluation error; a parameter missing from the SELECT clause gets a hint."""
    message = str(error)
    match = _NOT_PROJECTED.search(message)
    if match:
        return (
            f"parameter {match.group(1)} must be listed in the SELECT clause "
            f"(parameters are bound by substitution of projected variables)"
        )
    return message


_OX_POSITION = re.compile(r"error at (\d+):(\d+): (.*)", re.S)


def _locate_syntax_error(error: SyntaxError) -> str:
    """Phrase an Oxigraph SPARQL syntax error as one line: 'line L, column C: message'."""
    message = str(error)
    match = _OX_POSITION.search(message)
    if match:
        return f"line {match.group(1)}, column {match.group(2)}: {_one_line(match.group(3))}"
    return _one_line(message)


def _one_line(message: str, limit: int = 200) -> str:
    """A message on one line, cut after ``limit`` characters (Oxigraph lists every token it expected)."""
    text = " ".join(message.split())
    return text if len(text) <= limit else text[:limit].rstrip() + " ..."
