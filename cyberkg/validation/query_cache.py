"""An rdflib graph view that parses each SPARQL text once.

pySHACL evaluates a SHACL-SPARQL constraint once per focus node, passing the
same query text each time with ``$this`` pre-bound; rdflib would parse it
again on every call, which is nearly all of the time such a constraint costs.
This view shares the store of the graph it is made from (nothing is copied)
and keeps the parsed query per text, for the life of the process (a parsed
query holds no data, so views of different graphs share them).
"""

from __future__ import annotations

from typing import Any

import rdflib
from rdflib.plugins.sparql import prepareQuery

PreparedKey = tuple[str, tuple[tuple[str, str], ...]]
_PREPARED: dict[PreparedKey, Any] = {}


class QueryCachingGraph(rdflib.Graph):
    """A view of an rdflib graph whose ``query`` reuses parsed queries."""

    def __init__(self, graph: rdflib.Graph) -> None:
        super().__init__(store=graph.store, identifier=graph.identifier, namespace_manager=graph.namespace_manager)

    def query(
        self,
        query_object: Any,
        processor: Any = "sparql",
        result: Any = "sparql",
        initNs: Any = None,
        initBindings: Any = None,  # noqa: N803 (rdflib's names)
        use_store_provided: bool = True,
        **kwargs: Any,
    ) -> Any:
        if isinstance(query_object, str):
            key = (query_object, tuple(sorted((str(k), str(v)) for k, v in (initNs or {}).items())))
            prepared = _PREPARED.get(key)
            if prepared is None:
                prepared = _PREPARED[key] = prepareQuery(query_object, initNs=initNs)
            query_object = prepared
        return super().query(query_object, processor, result, initNs, initBindings, use_store_provided, **kwargs)
