"""Write the README's list of named queries from the ``#+`` headers of queries/*.rq.

    .venv/bin/python scripts/readme_queries.py          # rewrite the list in README.md
    .venv/bin/python scripts/readme_queries.py --check  # exit 1 if the list is out of date

The list lies between the two marker comments of cyberkg.query.question_list; nothing else
in the README is touched, and the file is replaced atomically.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cyberkg.atomic import write_atomically
from cyberkg.query.library import list_queries
from cyberkg.query.question_list import question_table, with_question_table
from cyberkg.store.checkout import Checkout

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 when the list is out of date")
    parser.add_argument("--readme", type=Path, default=ROOT / "README.md")
    args = parser.parse_args(argv)
    readme = args.readme.read_text(encoding="utf-8")
    updated = with_question_table(readme, question_table(list_queries(Checkout(ROOT))))
    if updated == readme:
        print(f"{args.readme}: the list of queries is up to date")
        return 0
    if args.check:
        print(f"{args.readme}: the list of queries is out of date; run scripts/readme_queries.py")
        return 1
    write_atomically(args.readme, updated)
    print(f"{args.readme}: the list of queries rewritten")
    return 0


if __name__ == "__main__":
    sys.exit(main())
