"""Benchmark cyberkg against plain rdflib + rdflib SPARQL + pySHACL on synthetic graphs; print one table.

    .venv/bin/python scripts/bench.py --sizes 10k,100k,1M --baseline-timeout 300

(``cyberkg bench`` takes the same options.)

Each operation runs in a fresh Python process for each side; the table gives
its time and peak memory, the baseline's, their ratio (baseline / cyberkg) and
whether the answers agree. A baseline cut at the time limit prints "> N s".
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from cyberkg.bench import run_benchmark
from cyberkg.bench_table import cells, disagreeing, markdown
from cyberkg.synthetic import parse_size


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
    print(markdown(rows, args.baseline_timeout))
    return 1 if disagreeing(rows) else 0


if __name__ == "__main__":
    sys.exit(main())
