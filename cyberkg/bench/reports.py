"""Synthetic activity updates of a given size, in the 2009 update layout, for timing the report reader.

A header, date line and project data table (title, seven outputs), then one table of activities carried out
whose rows cycle through reference cities, days of September and October 2009, kinds of activity and outputs;
each row's activity cell is several hundred bytes of <p> markup, as the seed update's rows have. Every row is
a valid row, so the reader must draft exactly as many events as rows were written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

HEADER = (
    "Synthetic Project on Cybercrime\n\nUpdate 15 September-31 October 2009 (synthetic, for the benchmark)\n\n"
    "Date: 2 November 2009\n\nPROJECT DATA\n\nProject title\tSynthetic Project on Cybercrime\n"
    + "".join(f"Output {n}\tSynthetic output {n}: a result of the synthetic project\n" for n in range(1, 8))
    + "\nACTIVITIES CARRIED OUT BETWEEN 15 SEPTEMBER AND 31 OCTOBER 2009\n\n"
    "Date\tPlace\tActivity\tOut-put\n"
)
CITIES = ("Strasbourg", "Geneva", "Vienna", "Bucharest", "Paris", "Brussels", "Luxembourg", "Asunción, Paraguay")
KINDS = ("Workshop on", "Conference on", "Meeting on", "Training of judges on", "Study visit on")
TOPICS = ("cybercrime legislation", "electronic evidence", "criminal money flows", "child protection online")
FILLER = (
    "<p>Synthetic row for the benchmark: participants from several countries discussed the implementation of "
    "the synthetic standards, the cooperation between authorities and the next steps of the synthetic plan.</p> "
    "<p>The synthetic meeting also reviewed draft laws, training materials and requests for assistance, and "
    "agreed on a calendar of follow-up activities for the synthetic project in the coming months.</p> "
    "<ul><li>synthetic item one</li><li>synthetic item two</li></ul>"
)


@dataclass(frozen=True)
class SyntheticReport:
    path: Path
    rows: int
    size_bytes: int


def generate_report(megabytes: float, path: Path) -> SyntheticReport:
    """Write an update of about ``megabytes`` MB (10^6 bytes) to ``path``; return its row count and size."""
    target = int(megabytes * 1_000_000)
    parts = [HEADER]
    size = len(HEADER.encode("utf-8"))
    rows = 0
    while size < target:
        day = 15 + rows % 17
        month = "Sep" if day <= 30 else "Oct"
        day = day if day <= 30 else day - 30
        row = (
            f"{day} {month} 09\t{CITIES[rows % len(CITIES)]}\t<p><i>{KINDS[rows % len(KINDS)]} "
            f"{TOPICS[rows % len(TOPICS)]}, synthetic activity {rows + 1}</i></p> {FILLER}\t{1 + rows % 7}\n"
        )
        parts.append(row)
        size += len(row.encode("utf-8"))
        rows += 1
    path.write_text("".join(parts), encoding="utf-8")
    return SyntheticReport(path, rows, size)
