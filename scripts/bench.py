"""Benchmark cyberkg against plain rdflib + rdflib SPARQL + pySHACL on synthetic graphs; print one table.

    .venv/bin/python scripts/bench.py --sizes 10k,100k,1M --baseline-timeout 300

This is ``cyberkg bench`` (same options, same table), kept as a script so that the
benchmark runs from a checkout without the console script on the path. Each
operation runs in a fresh Python process for each side, best of ``--repeat`` runs;
the table gives its time and peak memory, the baseline's, their ratio (baseline /
cyberkg) and whether the answers agree. A baseline cut at the time limit prints "> N s".
"""

from __future__ import annotations

import sys

from cyberkg.cli import main

if __name__ == "__main__":
    sys.exit(main(["bench", *sys.argv[1:]]))
