"""SPARQL text as tokens: enough to find keywords outside strings, IRIs and comments.

Not a parser: each token knows its kind and how deep in braces and parentheses it
sits, which is what binding parameters on a remote endpoint
(:mod:`cyberkg.endpoint.binding`) and finding SERVICE clauses
(:mod:`cyberkg.query.service`) need.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(
    r"""
      (?P<comment>\#[^\n]*)
    | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
                 |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<variable>[?$][^\s{}()<>"',;.!=*/+|^&\[\]#]+)
    | (?P<language>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
    | (?P<name>[A-Za-z_][\w.-]*(?::[^\s{}()<>"',;!=*/+|^&\[\]#]*)?|:[^\s{}()<>"',;!=*/+|^&\[\]#]*)
    | (?P<open>\{) | (?P<close>\}) | (?P<lparen>\() | (?P<rparen>\))
    | (?P<space>\s+)
    | (?P<other>.)
    """,
    re.X | re.S,
)


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int
    end: int
    depth: int  # brace depth before this token
    parens: int  # parenthesis depth before this token


def tokens(text: str) -> list[Token]:
    """The query's tokens with their brace and parenthesis depth; comments and spaces dropped."""
    result = []
    depth = parens = 0
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        if kind in ("comment", "space"):
            continue
        result.append(Token(kind, match.group(), match.start(), match.end(), depth, parens))
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth = max(depth - 1, 0)
        elif kind == "lparen":
            parens += 1
        elif kind == "rparen":
            parens = max(parens - 1, 0)
    return result


def keyword(token: Token) -> str | None:
    """The token as an upper-case keyword, or None if it is not a bare word (a prefixed name, a string...)."""
    return token.text.upper() if token.kind == "name" and ":" not in token.text else None
