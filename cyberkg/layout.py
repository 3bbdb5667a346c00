"""Where the project's data folders are.

The package holds behaviour; the facts live in the data folders at the top of
the repository (``ontology/``, ``graph/``, ``shapes/``, ``queries/``). The root
is taken from the ``CYBERKG_ROOT`` environment variable when set, otherwise it
is the folder that contains the ``cyberkg`` package.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from cyberkg.errors import InputError

PACKAGE_PARENT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Layout:
    """The data folders of one checkout."""

    root: Path

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


def default_layout() -> Layout:
    """The layout of the checkout this package runs from (or ``$CYBERKG_ROOT``)."""
    root = Path(os.environ.get("CYBERKG_ROOT", PACKAGE_PARENT))
    layout = Layout(root)
    if not layout.graph_dir.is_dir() or not layout.ontology_dir.is_dir():
        raise InputError("no ontology/ and graph/ folders here; set CYBERKG_ROOT to the cyberkg checkout", root)
    return layout


def turtle_files(folder: Path) -> list[Path]:
    """Every Turtle file under a folder, in a stable order."""
    return sorted(path for path in folder.rglob("*.ttl") if not path.name.startswith("."))
