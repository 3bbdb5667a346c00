"""Adding a Turtle file to the curated graph, only when it conforms in context.

The file's bytes are read once; those bytes are parsed, validated merged with
the curated graph (with the engine ``validate`` would choose) and checked for
conflicts on single-valued properties, and only those bytes are written into
``graph/`` as a new file, so a file replaced while ``add`` runs is never
copied. An existing file is never replaced or edited, so a refused file leaves
``graph/`` as it was.

Adds are serialised by a lock on the ``graph/`` folder itself (``flock``, no
lock file is left behind), taken before validating: a second add waits and is
validated against the first. Under the lock, temporary files left in
``graph/`` by an add that was killed while writing are removed. A file whose
every triple the graph already states (blank nodes matched by structure) is
refused as already in the graph. An empty file is an error, as in ``validate``.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from cyberkg.errors import InputError
from cyberkg.progress import Progress
from cyberkg.store.checkout import Checkout, default_checkout
from cyberkg.validation.conflicts import Conflict, find_conflicts, single_valued_properties
from cyberkg.validation.recording import Revision
from cyberkg.validation.report import Validation

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
# File names are at most 255 bytes; write_atomically adds a dot and a random suffix to the name.
MAX_NAME = 200
# What write_atomically leaves behind when killed between creating its temporary file and renaming it.
ORPHAN = re.compile(r"^\..+\.ttl\.[A-Za-z0-9_]{8}\.tmp$")
# The stages an add reports before those of the validation (cyberkg.validation.engines.validate_with).
CHECKING_FILE = "checking the file"
LOOKING_FOR_CONFLICTS = "looking for re-adds and conflicts"


@dataclass
class AddOutcome:
    """What ``add`` found and did: the validation, any conflicts, and the file written (None if refused)."""

    validation: Validation
    conflicts: list[Conflict] = field(default_factory=list)
    revisions: list[Revision] = field(default_factory=list)
    written: Path | None = None
    removed: list[Path] = field(default_factory=list)

    @property
    def accepted(self) -> bool:
        return self.written is not None


def target_path(source: Path, name: str | None, checkout: Checkout) -> Path:
    """Where in ``graph/`` the file would go: ``NAME.ttl`` (default: the file's own name)."""
    if checkout.packaged:
        raise InputError(
            "the data shipped inside the installed package is read-only; give --root DIR "
            "(or set $CYBERKG_ROOT) to a working copy with ontology/, graph/, shapes/, queries/",
            checkout.root,
        )
    chosen = name if name is not None else Path(source).name
    if not chosen.endswith(".ttl"):
        chosen += ".ttl"
    if len(chosen.encode("utf-8")) > MAX_NAME:
        raise InputError(
            f"cannot add as a name of {len(chosen)} characters: names of files in graph/ "
            f"are at most {MAX_NAME} characters long; choose a shorter one with --as"
        )
    if not NAME.match(chosen):
        raise InputError(
            f"cannot add as {chosen!r}: use letters, digits, '.', '_' and '-' only, "
            "not starting with a dot or dash, with no folder"
        )
    target = checkout.graph_dir / chosen
    _refuse_existing(target)
    return target


def _refuse_existing(target: Path) -> None:
    if target.exists():
        raise InputError(f"{target} already exists; choose another name with --as (existing files are never replaced)")


def read_source(source: Path) -> bytes:
    """The file's bytes, read once; a folder, a missing file or text that is not plain UTF-8 is an error."""
    from cyberkg.store.loading import check_encoding

    if source.is_dir():
        raise InputError("is a folder, not a Turtle file", source)
    try:
        payload = source.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", source) from None
    except OSError as error:
        raise InputError(f"cannot read the file ({error.strerror})", source) from None
    check_encoding(payload[:4], source)
    return payload


def check_payload(payload: bytes, source: Path) -> int:
    """Parse the bytes as ``source``'s Turtle: syntax errors, no triples or relative IRIs are errors.

    Returns the number of triples.
    """
    import pyoxigraph

    from cyberkg.validation.engines import EMPTY

    count = 0
    local: set[str] = set()
    try:
        for triple in pyoxigraph.parse(payload, format=pyoxigraph.RdfFormat.TURTLE, base_iri=source.resolve().as_uri()):
            count += 1
            for term in (triple.subject, triple.predicate, triple.object):
                if isinstance(term, pyoxigraph.NamedNode) and term.value.startswith("file:"):
                    local.add(term.value)
    except SyntaxError as error:
        message = str(error.msg if error.msg else error)
        if message.startswith("Parser error at") and ": " in message:
            message = message.split(": ", 1)[1]
        raise InputError(message, source, error.lineno, error.offset) from None
    except UnicodeDecodeError as error:
        raise InputError(f"not UTF-8 text ({error.reason})", source) from None
    if count == 0:
        raise InputError(EMPTY, source)
    if local:
        raise InputError(
            f"relative or file: IRIs such as <{sorted(local)[0]}> would change meaning once the "
            "file is moved into graph/; write absolute IRIs",
            source,
        )
    return count


@contextmanager
def graph_lock(graph_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock on the ``graph/`` folder (blocking until other adds are done)."""
    import fcntl

    descriptor = os.open(graph_dir, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def remove_orphans(graph_dir: Path) -> list[Path]:
    """Remove the temporary files an interrupted write left in ``graph/``; call only under the lock."""
    removed = []
    for path in sorted(graph_dir.iterdir()):
        if ORPHAN.match(path.name) and path.is_file():
            path.unlink()
            removed.append(path)
    return removed


@contextmanager
def snapshot(payload: bytes, source: Path) -> Iterator[Path]:
    """The bytes in a private temporary file of the same name, which the loaders read instead of ``source``."""
    with tempfile.TemporaryDirectory(prefix="cyberkg-add-") as folder:
        copy = Path(folder) / source.name
        copy.write_bytes(payload)
        try:
            yield copy
        except InputError as error:
            if error.path != copy:
                raise
            raise InputError(error.detail, source, error.line, error.column) from None


def add_file(
    source: Path,
    name: str | None = None,
    *,
    checkout: Checkout | None = None,
    shapes_dir: Path | None = None,
    engine: str = "auto",
    progress: Progress | None = None,
) -> AddOutcome:
    """Validate ``source`` in the context of the curated graph; if it conforms, write it into ``graph/``.

    ``progress`` is told :data:`CHECKING_FILE`, the bytes of the graph read for the conflict checks (on
    Oxigraph), :data:`LOOKING_FOR_CONFLICTS`, then the stages of the validation.
    """
    from cyberkg.atomic import write_atomically

    checkout = checkout or default_checkout()
    source = Path(source)
    target = target_path(source, name, checkout)
    if progress is not None:
        progress(0, 0, CHECKING_FILE)
    payload = read_source(source)
    triples_in_file = check_payload(payload, source)
    with graph_lock(checkout.graph_dir):
        removed = remove_orphans(checkout.graph_dir)
        _refuse_existing(target)
        with snapshot(payload, source) as copy:
            outcome = _check(copy, checkout, shapes_dir, engine, source, triples_in_file, progress)
        if outcome.conflicts:
            # A different value from a new source is kept as a claim beside the graph's, not refused.
            with snapshot(payload, source) as copy:
                rewritten, revisions, left = _as_claims(copy, checkout, outcome.conflicts, source)
            if revisions and not left:
                payload = rewritten
                with snapshot(payload, source) as copy:
                    outcome = _check(
                        copy, checkout, shapes_dir, engine, source, check_payload(payload, source), progress
                    )
                outcome.revisions = revisions
        outcome.removed = removed
        if outcome.conflicts or not outcome.validation.report.conforms:
            return outcome
        try:
            write_atomically(target, payload, overwrite=False)
        except FileExistsError:
            raise InputError(f"{target} appeared while validating; nothing was written", target) from None
    outcome.written = target
    return outcome


def _as_claims(
    copy: Path, checkout: Checkout, conflicts: list[Conflict], source: Path
) -> tuple[bytes, list[Revision], list[Conflict]]:
    """The file's bytes with its clashing values rewritten as claims (Turtle), the revisions, and what is left."""
    from cyberkg.store.loading import data_files, load_store
    from cyberkg.validation.recording import as_turtle, record_as_claims

    triples, revisions, left = record_as_claims(load_store(data_files(checkout)), load_store([copy]), conflicts)
    header = (
        f"# Written by cyberkg add from {source.name}: values that differ from the graph's are kept as\n"
        "# claims beside them, each with this file's passages (docs/model.md).\n"
    )
    return as_turtle(triples, header), revisions, left


def _check(
    copy: Path,
    checkout: Checkout,
    shapes_dir: Path | None,
    engine: str,
    source: Path,
    triples_in_file: int,
    progress: Progress | None = None,
) -> AddOutcome:
    """Refuse a re-add, find conflicts, and validate the snapshot in context.

    The re-add and conflict checks run over Oxigraph stores when the fast engine is chosen (``fast``, or
    ``auto`` above :data:`~cyberkg.validation.engines.FAST_ABOVE_TRIPLES` triples), so that a large file is
    never read into an rdflib graph; otherwise over rdflib graphs, as pySHACL needs them anyway.
    """
    from cyberkg.validation.engines import validate_with

    shapes_folder = shapes_dir if shapes_dir is not None else checkout.shapes_dir
    if engine == "pyshacl":
        if progress is not None:
            progress(0, 0, LOOKING_FOR_CONFLICTS)
        conflicts = _checks_in_graphs(copy, checkout, shapes_folder, source)
    else:
        conflicts = _checks_in_stores(copy, checkout, shapes_folder, engine, source, triples_in_file, progress)
    validation = validate_with(engine, [copy], checkout=checkout, shapes_dir=shapes_dir, progress=progress)
    validation.files = (source,)
    return AddOutcome(validation=validation, conflicts=conflicts)


def _refuse_re_add(present: int, total: int, source: Path) -> None:
    if present == total:
        raise InputError(f"already in the graph: {present} of {total} triples present; nothing was written", source)


def _checks_in_graphs(copy: Path, checkout: Checkout, shapes_folder: Path, source: Path) -> list[Conflict]:
    """The re-add and conflict checks over rdflib graphs (the pySHACL path)."""
    from cyberkg.validation.already_present import count_present
    from cyberkg.validation.reference import load_curated, load_new_data, load_shapes_graph

    new_data = load_new_data([copy])
    curated = load_curated(checkout)
    _refuse_re_add(count_present(curated, new_data), len(new_data), source)
    shapes = load_shapes_graph(shapes_folder)
    return find_conflicts(curated, new_data, single_valued_properties(curated, shapes))


def _checks_in_stores(
    copy: Path,
    checkout: Checkout,
    shapes_folder: Path,
    engine: str,
    source: Path,
    triples_in_file: int,
    progress: Progress | None = None,
) -> list[Conflict]:
    """The re-add and conflict checks over Oxigraph stores, the file's triples read as they are parsed.

    With ``auto``, a graph and file of at most FAST_ABOVE_TRIPLES triples together go to pySHACL, and
    are checked over rdflib graphs as before.
    """
    import pyoxigraph

    from cyberkg.store.loading import data_files, load_store
    from cyberkg.validation.already_present import count_present_in_store
    from cyberkg.validation.conflicts import find_conflicts_in_store, single_valued_properties_in_store
    from cyberkg.validation.engines import FAST_ABOVE_TRIPLES
    from cyberkg.validation.reference import shape_files

    curated = load_store(data_files(checkout), progress=progress)
    if progress is not None:
        progress(0, 0, LOOKING_FOR_CONFLICTS)
    if engine == "auto" and len(curated) + triples_in_file <= FAST_ABOVE_TRIPLES:
        return _checks_in_graphs(copy, checkout, shapes_folder, source)

    def triples() -> Iterator[pyoxigraph.Triple]:
        return pyoxigraph.parse(path=str(copy), format=pyoxigraph.RdfFormat.TURTLE, base_iri=copy.resolve().as_uri())

    present, total = count_present_in_store(curated, triples())
    _refuse_re_add(present, total, source)
    shapes = load_store(shape_files(shapes_folder))
    return find_conflicts_in_store(curated, triples(), single_valued_properties_in_store(curated, shapes))
