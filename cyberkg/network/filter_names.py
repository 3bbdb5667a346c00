"""The names a filter was given, checked against the graph: a misspelt one is refused with the nearest known one.

``--topic judical-training`` would select no event and draw an empty network; here it is an
:class:`~cyberkg.errors.InputError` that names the option, the value and, when one is close, the name
the graph does have ("did you mean 'judicial-training'?").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cyberkg.errors import InputError
from cyberkg.network.filters import ID, EventFilter, short_name
from cyberkg.rdf.known_names import in_graph, nearest_in_graph, resolve_name

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph

# the filter's field, its option, what it names, and the namespace a bare name is taken in
CHECKED = (
    ("outputs", "--output", "output", ID + "output/"),
    ("instruments", "--instrument", "instrument", ID + "instrument/"),
    ("topics", "--topic", "topic", ID + "topic/"),
)


def resolve_filter_names(
    store: pyoxigraph.Store, outputs: tuple[str, ...], instruments: tuple[str, ...], topics: tuple[str, ...]
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The outputs, instruments and topics as typed (a bare or prefixed name, a label, an IRI), each the IRI the
    graph knows it by where it has one (:func:`cyberkg.rdf.known_names.resolve_name`); others as typed."""
    given = {"outputs": outputs, "instruments": instruments, "topics": topics}
    resolved: dict[str, tuple[str, ...]] = {}
    for field, option, noun, namespace in CHECKED:
        iris = []
        for value in given[field]:
            iri = resolve_name(store, value, namespace, option)
            if any(character.isspace() for character in iri):  # a label the graph does not have
                message = f"{option}: no {noun} named {value.strip()!r} in the graph"
                nearest = nearest_in_graph(store, namespace + value.strip())
                raise InputError(message + (f" (did you mean {short_name(nearest, namespace)!r}?)" if nearest else ""))
            iris.append(iri)
        resolved[field] = tuple(iris)
    return resolved["outputs"], resolved["instruments"], resolved["topics"]


def check_filter_names(store: pyoxigraph.Store, event_filter: EventFilter) -> None:
    """Raise InputError for the first output, instrument or topic of the filter that the graph does not have."""
    for field, option, noun, namespace in CHECKED:
        for iri in getattr(event_filter, field):
            if in_graph(store, iri):
                continue
            message = f"{option}: no {noun} {short_name(iri, namespace)!r} in the graph"
            nearest = nearest_in_graph(store, iri)
            if nearest is not None:
                message += f" (did you mean {short_name(nearest, namespace)!r}?)"
            raise InputError(message)
