"""Adding a Turtle file to the curated graph, only when it conforms in context.

The file is validated merged with the curated graph and checked for
conflicts on single-valued properties; only when it conforms (warnings
allowed) and conflicts with nothing is it copied, byte for byte, into
``graph/`` as a new file. An existing file is never replaced or edited, so a
refused file leaves ``graph/`` as it was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from cyberkg.errors import InputError
from cyberkg.store.checkout import Checkout, default_checkout
from cyberkg.validation.conflicts import Conflict, find_conflicts, single_valued_properties
from cyberkg.validation.reference import load_curated, load_new_data, load_shapes_graph, validate_in_context
from cyberkg.validation.report import Validation

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


@dataclass
class AddOutcome:
    """What ``add`` found and did: the validation, any conflicts, and the file written (None if refused)."""

    validation: Validation
    conflicts: list[Conflict] = field(default_factory=list)
    written: Path | None = None

    @property
    def accepted(self) -> bool:
        return self.written is not None


def target_path(source: Path, name: str | None, checkout: Checkout) -> Path:
    """Where in ``graph/`` the file would go: ``NAME.ttl`` (default: the file's own name)."""
    if checkout.packaged:
        raise InputError("the data shipped inside the installed package is read-only; give --root DIR "
                         "(or set $CYBERKG_ROOT) to a working copy with ontology/, graph/, shapes/, queries/",
                         checkout.root)
    chosen = name if name is not None else Path(source).name
    if not chosen.endswith(".ttl"):
        chosen += ".ttl"
    if not NAME.match(chosen):
        raise InputError(f"cannot add as {chosen!r}: use letters, digits, '.', '_' and '-' only, "
                         "not starting with a dot or dash, with no folder")
    target = checkout.graph_dir / chosen
    if target.exists():
        raise InputError(f"{target} already exists; choose another name with --as (existing files are "
                         "never replaced)")
    return target


def add_file(source: Path, name: str | None = None, *, checkout: Checkout | None = None,
             shapes_dir: Path | None = None) -> AddOutcome:
    """Validate ``source`` in the context of the curated graph; if it conforms, write it into ``graph/``."""
    from rdflib import Literal

    from cyberkg.atomic import write_atomically

    checkout = checkout or default_checkout()
    source = Path(source)
    target = target_path(source, name, checkout)
    shapes = load_shapes_graph(shapes_dir if shapes_dir is not None else checkout.shapes_dir)
    new_data = load_new_data([source])
    if len(new_data) == 0:
        raise InputError("the file holds no triples; there is nothing to add", source)
    local = sorted({str(term) for triple in new_data for term in triple if str(term).startswith("file:")
                    and not isinstance(term, Literal)})
    if local:
        raise InputError(f"relative or file: IRIs such as <{local[0]}> would change meaning once the file "
                         "is moved into graph/; write absolute IRIs", source)
    payload = source.read_bytes()
    curated = load_curated(checkout)
    conflicts = find_conflicts(curated, new_data, single_valued_properties(curated, shapes))
    validation = validate_in_context(curated, new_data, shapes, checkout.ontology_dir)
    validation.files = (source,)
    outcome = AddOutcome(validation=validation, conflicts=conflicts)
    if conflicts or not validation.report.conforms:
        return outcome
    try:
        write_atomically(target, payload, overwrite=False)
    except FileExistsError:
        raise InputError(f"{target} appeared while validating; nothing was written", target) from None
    outcome.written = target
    return outcome
