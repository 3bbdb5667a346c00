"""Writing Turtle: subject blocks and section banners, the one way the package writes Turtle text.

Prefix declarations are :func:`cyberkg.rdf.namespaces.turtle_prefixes`.
"""

from __future__ import annotations

from collections.abc import Iterable


def subject_block(subject: str, pairs: Iterable[tuple[str, str]]) -> str:
    """One subject block: ``subject`` then ``predicate object`` pairs, one per line, ending with `` .``.

    The terms are already Turtle text (prefixed names, ``<iri>``, quoted literals, or an object list
    ``o1 , o2``). A predicate given twice in a row is written twice, so the block reads one fact a line.
    """
    body = " ;\n    ".join(f"{predicate} {obj}" for predicate, obj in pairs)
    return f"{subject}\n    {body} .\n"


def banner(title: str, rule: str = "=", width: int = 79) -> str:
    """A section banner comment, as the curated files have: a rule, the title (one comment line per line), a rule.

    The curated files rule their banners with ``=`` (a file's parts) or ``-`` (a part's sections).
    """
    line = "# " + rule * (width - 2)
    title_lines = "".join(f"# {text}\n" for text in title.splitlines())
    return f"{line}\n{title_lines}{line}\n"
