"""Where the data folders are: the checkout (``ontology/``, ``graph/``, ``shapes/``, ``queries/``).

The package holds behaviour; the facts live in the data folders. Which copy of them is used:

1. ``--root DIR`` on the command line, or the ``CYBERKG_ROOT`` environment variable: a working copy
   (a clone of the repository, or any folder with those four folders), where ``cyberkg add`` writes;
2. otherwise the repository the package runs from, when it is run from a clone (``pip install -e``);
3. otherwise the copy of the data folders shipped inside the installed wheel (read-only).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from cyberkg.errors import InputError

ROOT_VARIABLE = "CYBERKG_ROOT"
PACKAGE_DIR = Path(__file__).resolve().parent.parent
SOURCE_ROOT = PACKAGE_DIR.parent
PACKAGED_ROOT = PACKAGE_DIR / "data"
DATA_FOLDERS = ("ontology", "graph", "shapes", "queries")


@dataclass(frozen=True)
class Checkout:
    """The data folders of one copy of the project's data."""

    root: Path
    packaged: bool = False

    @property
    def ontology_dir(self) -> Path:
        return self.root / "ontology"

    @property
    def graph_dir(self) -> Path:
        return self.root / "graph"

    @property
    def shapes_dir(self) -> Path:
        return self.root / "shapes"

    @property
    def queries_dir(self) -> Path:
        return self.root / "queries"

    def holds_data(self) -> bool:
        return self.graph_dir.is_dir() and self.ontology_dir.is_dir()


def default_checkout() -> Checkout:
    """The checkout chosen as the module docstring says; an error if a named root holds no data."""
    named = os.environ.get(ROOT_VARIABLE)
    if named:
        checkout = Checkout(Path(named))
        if not checkout.holds_data():
            raise InputError(f"no ontology/ and graph/ folders here (from --root or ${ROOT_VARIABLE})", checkout.root)
        return checkout
    source = Checkout(SOURCE_ROOT)
    if source.holds_data():
        return source
    packaged = Checkout(PACKAGED_ROOT, packaged=True)
    if packaged.holds_data():
        return packaged
    raise InputError(
        f"no ontology/ and graph/ folders found; give --root DIR (or set ${ROOT_VARIABLE}) to a cyberkg checkout",
        SOURCE_ROOT,
    )


def turtle_files(folder: Path) -> list[Path]:
    """Every Turtle file under a folder, in a stable order."""
    return sorted(path for path in folder.rglob("*.ttl") if not path.name.startswith("."))
