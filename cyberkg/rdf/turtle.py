"""Writing Turtle: prefix declarations and subject blocks, the one way the package writes Turtle text."""

from __future__ import annotations

from collections.abc import Iterable


def subject_block(subject: str, pairs: Iterable[tuple[str, str]]) -> str:
    """One subject block: ``subject`` then ``predicate object`` pairs, one per line, ending with `` .``.

    The terms are already Turtle text (prefixed names, ``<iri>``, quoted literals). A predicate given
    twice in a row is written twice (no object lists), so the block reads one fact a line.
    """
    body = " ;\n    ".join(f"{predicate} {obj}" for predicate, obj in pairs)
    return f"{subject}\n    {body} .\n"


def banner(title: str, width: int = 77) -> str:
    """A section banner comment, as the curated files have."""
    rule = "# " + "=" * (width - 2)
    return f"{rule}\n# {title}\n{rule}\n"
