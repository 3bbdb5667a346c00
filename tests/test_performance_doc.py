"""Issue 21: the benchmark tables live in docs/performance.md, in the columns `cyberkg bench` prints; the README links there."""

from __future__ import annotations

from pathlib import Path

from cyberkg.bench.table import HEADER, SERVED_HEADER, STORES_HEADER

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
PERFORMANCE = ROOT / "docs" / "performance.md"


def tables(text: str) -> list[list[list[str]]]:
    """Every Markdown table of the text, as rows of cells (the separator row left out)."""
    found: list[list[list[str]]] = []
    previous_was_row = False
    for line in text.splitlines():
        is_row = line.startswith("|")
        if is_row and not set(line) <= set("|- "):
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            if not previous_was_row:
                found.append([])
            found[-1].append(cells)
        previous_was_row = is_row
    return found


def test_the_benchmark_tables_are_in_docs_performance_with_the_columns_bench_prints():
    found = tables(PERFORMANCE.read_text(encoding="utf-8"))
    benchmark_tables = [table for table in found if table[0][0] in ("operation", "query") and len(table[0]) > 5]
    benchmark_tables = [table for table in benchmark_tables if tuple(table[0]) != STORES_HEADER]
    benchmark_tables += [table for table in found if tuple(table[0]) == HEADER[:4] + HEADER[-1:]]
    benchmark_tables += [table for table in found if tuple(table[0]) == STORES_HEADER]
    assert (
        [tuple(table[0]) for table in benchmark_tables]
        == [
            HEADER,  # 10k and 100k
            HEADER,  # 1M
            HEADER,  # adding a large file
            SERVED_HEADER,  # the served endpoint under load
            HEADER,  # the whole bench in one command, 10k to 10M
            HEADER[:4] + HEADER[-1:],  # the report reader
            STORES_HEADER,  # the stores part of that one command
            STORES_HEADER,  # shared stores at 1M: Oxigraph server against Virtuoso
            STORES_HEADER,  # shared stores at 10M
        ]
    )
    assert [{len(row) for row in table} for table in benchmark_tables] == [
        {8},
        {8},
        {8},
        {9},
        {8},
        {5},
        {6},
        {6},
        {6},
    ]


def test_the_readme_holds_no_benchmark_table_and_links_to_docs_performance():
    readme = README.read_text(encoding="utf-8")
    headers = [tuple(table[0]) for table in tables(readme)]
    assert [header for header in headers if header in (HEADER, SERVED_HEADER, HEADER[:4] + HEADER[-1:])] == []
    assert readme.count("](docs/performance.md)") == 2
    assert PERFORMANCE.is_file()
