"""A self-contained HTML page around an SVG figure, with a table of what it shows."""

from __future__ import annotations

import html
from collections.abc import Sequence

STYLE = """body { font: 13px/1.4 system-ui, Helvetica, Arial, sans-serif; color: #222; margin: 16px; }
h1 { font-size: 17px; } figure { margin: 0 0 16px 0; } figure svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; } th, td { border-bottom: 1px solid #e3e3e3; padding: 3px 10px 3px 0;
text-align: left; vertical-align: top; } th { color: #555; font-weight: 600; }"""


def figure_page(title: str, svg: str, columns: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """An HTML page with the SVG inlined (no external file, no network) and a table below it."""
    start = svg.find("<svg")
    inline_svg = svg[start:] if start >= 0 else svg
    head = "".join(f"<th>{html.escape(column)}</th>" for column in columns)
    body = "\n".join("<tr>" + "".join(f"<td>{html.escape(str(cell))}</td>" for cell in row) + "</tr>" for row in rows)
    return f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="generator" content="cyberkg"><title>{html.escape(title)}</title>
<style>{STYLE}</style></head>
<body>
<h1>{html.escape(title)}</h1>
<figure>{inline_svg}</figure>
<table id="events"><thead><tr>{head}</tr></thead>
<tbody>
{body}
</tbody></table>
</body>
</html>
"""
