"""The one loader: builds the store that every capability reads.

pyoxigraph is the engine for loading and querying (fast at scale); an rdflib
Graph is built only where rdflib's API is needed (pySHACL, serialisation,
notebooks). Both are loaded straight from the Turtle files, and a file that
does not parse raises :class:`~cyberkg.errors.InputError` naming file, line
and column, before anything is returned.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, cast

from cyberkg.errors import InputError
from cyberkg.progress import BYTES, Progress
from cyberkg.rdf.literals import literals_as_written
from cyberkg.rdf.namespaces import bind_prefixes
from cyberkg.store.checkout import Checkout, default_checkout, turtle_files

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph
    import rdflib

READING = "reading Turtle"  # the stage load_store reports, in bytes


class _IllTypedLiteralFilter(logging.Filter):
    """Drops rdflib's log of a literal it cannot convert (a warning with a whole traceback).

    An ill-typed literal such as ``"2009-13-45"^^xsd:date`` is data, not a fault of the program: validation
    reports it as a violation naming node, path and value (``shape:WellTypedLiteral``).
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Failed to convert Literal lexical form to value")


logging.getLogger("rdflib.term").addFilter(_IllTypedLiteralFilter())


def data_files(checkout: Checkout | None = None) -> list[Path]:
    """The ontology and curated graph files, ontology first."""
    checkout = checkout or default_checkout()
    return turtle_files(checkout.ontology_dir) + turtle_files(checkout.graph_dir)


def _check_readable(path: Path) -> None:
    """A missing file, a folder, or text that is not UTF-8 without a byte-order mark is an InputError."""
    if path.is_dir():
        raise InputError("is a folder, not a Turtle file", path)
    if not path.is_file():
        raise InputError("no such file", path)
    try:
        with path.open("rb") as handle:
            start = handle.read(4)
    except OSError as error:
        raise InputError(f"cannot read the file ({error.strerror})", path) from None
    check_encoding(start, path)


def check_encoding(start: bytes, path: Path) -> None:
    """Refuse text that starts as UTF-16/UTF-32 or with a UTF-8 byte-order mark: Turtle is UTF-8 without one."""
    if start.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(start) >= 2 and b"\0" in start[:2]):
        raise InputError("is UTF-16 (or UTF-32) text; Turtle must be UTF-8: convert it first", path)
    if start.startswith(b"\xef\xbb\xbf"):
        raise InputError("starts with a byte-order mark (BOM); save it as UTF-8 without a BOM", path)


def load_store(
    files: Iterable[Path] | None = None,
    extra: Iterable[Path] = (),
    location: Path | None = None,
    progress: Progress | None = None,
) -> pyoxigraph.Store:
    """Load the merged graph (or the given files) plus ``extra`` files into an Oxigraph store.

    With ``location`` the store is on disk (for graphs too big for memory);
    otherwise it is in memory. All files are parsed before the store is returned;
    a syntax error raises InputError with the file, line and column. ``progress`` is
    told the bytes read so far of the bytes of all files, as they are read (stage :data:`READING`).
    """
    import pyoxigraph

    paths = [*(data_files() if files is None else files), *extra]
    for path in paths:
        _check_readable(path)
    store = pyoxigraph.Store(str(location)) if location is not None else pyoxigraph.Store()
    # On disk the bulk loader is the fast path; in memory a plain load is faster and smaller
    # (1M triples: 4.1 s and 373 MB peak against 5.0 s and 597 MB with bulk_load).
    insert = store.bulk_load if location is not None else store.load
    counter = _ReadCounter(sum(path.stat().st_size for path in paths), progress) if progress else None
    for path in paths:
        try:
            if counter is None:
                insert(path=str(path), format=pyoxigraph.RdfFormat.TURTLE, base_iri=path.resolve().as_uri())
            else:
                with path.open("rb") as handle:
                    insert(
                        input=cast(BinaryIO, counter.reading(handle)),  # read() is all the parser calls
                        format=pyoxigraph.RdfFormat.TURTLE,
                        base_iri=path.resolve().as_uri(),
                    )
        except SyntaxError as error:
            raise InputError(_syntax_message(error), path, error.lineno, error.offset) from None
        except (OSError, ValueError) as error:
            raise InputError(str(error), path) from None
    return store


class _ReadCounter:
    """Counts the bytes the parser reads from each file and reports the running total."""

    def __init__(self, total: int, report: Progress) -> None:
        self.total = total
        self.done = 0
        self.report = report

    def reading(self, handle: BinaryIO) -> _CountedReader:
        return _CountedReader(handle, self)

    def add(self, count: int) -> None:
        self.done += count
        self.report(self.done, self.total, READING, BYTES)


class _CountedReader:
    """A binary file whose reads are counted (the parser calls ``read`` in small chunks)."""

    def __init__(self, handle: BinaryIO, counter: _ReadCounter) -> None:
        self.handle = handle
        self.counter = counter

    def read(self, size: int = -1) -> bytes:
        chunk = self.handle.read(size)
        if chunk:  # the read that finds the end adds nothing to tell
            self.counter.add(len(chunk))
        return chunk


def _syntax_message(error: SyntaxError) -> str:
    message = str(error.msg if error.msg else error)
    # Oxigraph prefixes "Parser error at line L column C:"; keep only what follows.
    if message.startswith("Parser error at") and ": " in message:
        message = message.split(": ", 1)[1]
    return message


def load_graph(
    files: Iterable[Path] | None = None, extra: Iterable[Path] = (), *, literals_exact: bool = False
) -> rdflib.Graph:
    """Load the merged graph (or the given files) plus ``extra`` files into one rdflib Graph.

    With ``literals_exact`` every literal keeps its lexical form as written (rdflib's normalisation is off,
    see :mod:`cyberkg.rdf.literals`): what is written for others, the release, reads its graph so.
    """
    import rdflib

    paths = [*(data_files() if files is None else files), *extra]
    graph = rdflib.Graph()
    with literals_as_written() if literals_exact else nullcontext():
        for path in paths:
            parse_turtle_into(graph, path)
    bind_prefixes(graph)
    return graph


def parse_turtle_into(graph: rdflib.Graph, path: Path) -> None:
    """Parse one Turtle file into an rdflib graph, mapping syntax errors to InputError."""
    _check_readable(path)
    # Parse with Oxigraph first: it reports line and column precisely, and rdflib does not.
    import pyoxigraph

    try:
        with path.open("rb") as handle:
            for _ in pyoxigraph.parse(handle, format=pyoxigraph.RdfFormat.TURTLE, base_iri=path.resolve().as_uri()):
                pass
    except SyntaxError as error:
        raise InputError(_syntax_message(error), path, error.lineno, error.offset) from None
    except UnicodeDecodeError as error:
        raise InputError(f"not UTF-8 text ({error.reason})", path) from None
    except RecursionError:
        raise InputError(TOO_DEEP, path) from None
    try:
        graph.parse(path, format="turtle")
    except RecursionError:
        raise InputError(TOO_DEEP, path) from None
    except Exception as error:  # noqa: BLE001 - Oxigraph read the file, so rdflib failing means RDF 1.2 syntax
        line = re.search(r"at line (\d+)", str(error))
        raise InputError(
            "RDF 1.2 syntax (VERSION, directional language tags such as @en--ltr, triple terms) "
            "is not supported: write it as RDF 1.1 Turtle",
            path,
            int(line.group(1)) if line else None,
        ) from None


def holds_triples(path: Path) -> bool:
    """Whether a Turtle file states at least one triple (reads only as far as the first one)."""
    import pyoxigraph

    _check_readable(path)
    try:
        with path.open("rb") as handle:
            return (
                next(
                    iter(
                        pyoxigraph.parse(handle, format=pyoxigraph.RdfFormat.TURTLE, base_iri=path.resolve().as_uri())
                    ),
                    None,
                )
                is not None
            )
    except SyntaxError as error:
        raise InputError(_syntax_message(error), path, error.lineno, error.offset) from None


TOO_DEEP = (
    "blank nodes or collections are nested too deeply to read; flatten them "
    "(give nested nodes their own IRIs or subject blocks)"
)
