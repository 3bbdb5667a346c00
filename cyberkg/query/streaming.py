"""Running a query in a child process, its rows received as they come (``cyberkg query``).

The query runs in a worker process (:mod:`cyberkg.bounded`) that a time limit and
Ctrl-C stop at once; its rows come back in batches while it still runs, so CSV
TSV, JSON lines, JSON and table output can be written as they come instead of built whole in memory.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from cyberkg.bounded import stream_bounded
from cyberkg.errors import TimeLimitError
from cyberkg.query.library import LibraryQuery, QueryResult, bindings, evaluate, query_errors
from cyberkg.store.warm import WarmStore

if TYPE_CHECKING:  # pragma: no cover
    import pyoxigraph

DEFAULT_QUERY_TIMEOUT = 60.0
DEFAULT_MEMORY_LIMIT = 2048 * 1024 * 1024  # bytes the query's worker may grow by
MEGABYTE = 1024 * 1024
TRIPLE_COLUMNS = ["subject", "predicate", "object"]


@dataclass
class StreamedResult:
    """The head of a result (its columns, or the boolean of an ASK) and an iterator over its rows."""

    columns: list[str]
    rows: Iterator[tuple[Any, ...]]
    boolean: bool | None = None

    def page(self, offset: int = 0, limit: int | None = None) -> StreamedResult:
        """The rows from ``offset`` on, at most ``limit`` of them; the query's worker is stopped once they are read."""
        if not offset and limit is None:
            return self
        return StreamedResult(self.columns, _paged(self.rows, offset, limit), self.boolean)

    def collect(self) -> QueryResult:
        """The whole result in memory (the command line streams every format; an ASK has no rows)."""
        return QueryResult(columns=self.columns, rows=list(self.rows), boolean=self.boolean)


def _from_warm_server(items: Iterator[Any], where: str) -> Iterator[Any]:
    """The items, a time limit reached on the server said with the query's name, as the embedded store says it."""
    try:
        yield from items
    except TimeLimitError as error:
        raise TimeLimitError(f"the query {where} {str(error).removeprefix('the query ')}") from None


def _paged(rows: Iterator[tuple[Any, ...]], offset: int, limit: int | None) -> Iterator[tuple[Any, ...]]:
    try:
        yield from itertools.islice(rows, offset, None if limit is None else offset + limit)
    finally:
        close = getattr(rows, "close", None)
        if close is not None:
            close()


def stream_query(
    store: pyoxigraph.Store,
    query: LibraryQuery,
    params: Mapping[str, str] | None = None,
    *,
    timeout: float | None = DEFAULT_QUERY_TIMEOUT,
    memory_limit: int | None = DEFAULT_MEMORY_LIMIT,
    allow_service: bool = False,
) -> StreamedResult:
    """Run a library query in a worker process stopped after ``timeout`` seconds (0 or None: no limit).

    The worker may grow by ``memory_limit`` bytes (0 or None: no limit) while it evaluates.
    """
    terms = bindings(query, params or {})
    return stream_text(
        store,
        query.text,
        terms,
        str(query.path),
        timeout=timeout,
        memory_limit=memory_limit,
        allow_service=allow_service,
    )


def stream_text(
    store: pyoxigraph.Store,
    text: str,
    terms: Mapping[str, Any] | None = None,
    where: str = "query",
    *,
    timeout: float | None = DEFAULT_QUERY_TIMEOUT,
    memory_limit: int | None = DEFAULT_MEMORY_LIMIT,
    allow_service: bool = False,
) -> StreamedResult:
    """Run SPARQL text in a worker process (on a warm server, in the server's own); see :func:`stream_query`."""
    if not allow_service:
        from cyberkg.query.service import refuse_service

        refuse_service(text, where)  # before a process is started for it

    def produce(store: pyoxigraph.Store) -> Iterator[Any]:
        import pyoxigraph

        answer = evaluate(store, text, terms, where, allow_service=allow_service)
        with query_errors(where):
            if isinstance(answer, bool | pyoxigraph.QueryBoolean):
                yield ("boolean", bool(answer))
            elif isinstance(answer, pyoxigraph.QuerySolutions):
                yield ("columns", [variable.value for variable in answer.variables])
                yield from map(tuple, answer)
            else:
                yield ("columns", TRIPLE_COLUMNS)
                yield from ((triple.subject, triple.predicate, triple.object) for triple in answer)

    if isinstance(store, WarmStore):
        # The warm server runs the query in a worker of its own, stopped by the same limits: none is needed here.
        items = _from_warm_server(produce(cast("pyoxigraph.Store", store.within(timeout or 0, memory_limit))), where)
    else:
        items = stream_bounded(lambda: produce(store), timeout, f"the query {where}", memory_limit=memory_limit)
    kind, head = next(items)
    if kind == "boolean":
        close = getattr(items, "close", None)  # a generator: stop its worker at once
        if close is not None:
            close()
        return StreamedResult(columns=[], rows=iter(()), boolean=head)
    return StreamedResult(columns=head, rows=items)
