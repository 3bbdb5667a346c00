"""Benchmark cyberkg against plain rdflib + rdflib SPARQL + pySHACL on synthetic graphs; print one table.

    .venv/bin/python scripts/bench.py --sizes 10k,100k,1M --baseline-timeout 300

Each operation runs in a fresh Python process for each side; the table gives
its time and peak memory, the baseline's, their ratio (baseline / cyberkg) and
whether the answers agree. A baseline cut at the time limit prints "> N s".
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from cyberkg.bench import Measure, Row, run_benchmark
from cyberkg.synthetic import parse_size

HEADER = ("operation", "size", "cyberkg", "peak MB", "baseline", "peak MB", "ratio", "answers agree")


def seconds(measure: Measure | None, limit: float | None) -> str:
    if measure is None:
        return "-"
    if measure.timed_out:
        return f"> {limit:g} s" if limit else "cut"
    if measure.error:
        return "error"
    return f"{measure.seconds:.3f} s" if measure.seconds is not None else "-"


def megabytes(measure: Measure | None) -> str:
    if measure is None or measure.peak_mb is None:
        return "-"
    return f"{measure.peak_mb:.0f}"


def cells(row: Row, limit: float | None) -> list[str]:
    ratio = row.ratio
    cut = row.baseline is not None and row.baseline.timed_out
    if ratio is None and cut and row.cyberkg.seconds and limit:
        ratio_text = f"> {limit / row.cyberkg.seconds:.0f}x"
    else:
        ratio_text = f"{ratio:.1f}x" if ratio is not None else "-"
    agree = "; ".join([row.agree, *row.notes]) if row.notes else row.agree
    return [row.operation, row.size, seconds(row.cyberkg, None), megabytes(row.cyberkg),
            seconds(row.baseline, limit), megabytes(row.baseline), ratio_text, agree]


def markdown(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10k,100k", help="graph sizes in triples, e.g. 10k,100k,1M")
    parser.add_argument("--baseline-timeout", type=float, default=None,
                        help="cut each baseline operation after this many seconds")
    parser.add_argument("--no-baseline", action="store_true", help="measure cyberkg only")
    parser.add_argument("--no-pyrudof", action="store_true", help="skip the pyrudof candidate engine")
    parser.add_argument("--workdir", type=Path, default=None, help="where the synthetic graphs are written")
    args = parser.parse_args(argv)
    sizes = [parse_size(text) for text in args.sizes.split(",") if text.strip()]
    with tempfile.TemporaryDirectory(prefix="cyberkg-bench-") as scratch:
        workdir = args.workdir or Path(scratch)
        workdir.mkdir(parents=True, exist_ok=True)
        rows = run_benchmark(
            sizes, workdir, baseline_timeout=args.baseline_timeout, baseline=not args.no_baseline,
            pyrudof=not args.no_pyrudof,
            progress=lambda row: print("  " + " | ".join(cells(row, args.baseline_timeout)), file=sys.stderr))
    print(markdown([cells(row, args.baseline_timeout) for row in rows]))
    disagreeing = [row for row in rows if row.agree.startswith("NO") or row.agree.startswith("error")]
    return 1 if disagreeing else 0


if __name__ == "__main__":
    sys.exit(main())
