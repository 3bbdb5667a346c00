"""A release: every file ``cyberkg build`` writes, computed in memory, then written or checked.

The release directory (``dist/`` by default, not committed) holds the merged
graph in three syntaxes and its dataset description:

- ``cyberkg.ttl``, ``cyberkg.nt``, ``cyberkg.jsonld``: ontology and curated data;
- ``dataset.ttl``: VoID and DCAT description of the three files above.

The ontology documentation (``docs/ontology/index.html`` by default) is
committed, so that it can be read without building anything; ``--check``
compares it with what the sources give now, and compares the release
directory too when one has been built.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cyberkg.atomic import write_atomically
from cyberkg.store.checkout import Checkout, default_checkout

GRAPH_FILES = (
    ("cyberkg.ttl", "text/turtle", "The merged graph in Turtle"),
    ("cyberkg.nt", "application/n-triples", "The merged graph in N-Triples, one triple a line, sorted"),
    ("cyberkg.jsonld", "application/ld+json", "The merged graph in compact JSON-LD"),
)
DESCRIPTION_FILE = "dataset.ttl"
ONTOLOGY_FILE = "cyberkg.ttl"
DOCS_PATH = Path("docs") / "ontology" / "index.html"


@dataclass(frozen=True)
class Output:
    """One file of the build: where it goes, its bytes, and whether it is the documentation or the release."""

    path: Path
    data: bytes
    committed: bool


@dataclass(frozen=True)
class StaleOutput:
    """A file on disk that differs from what the sources give now, or is missing."""

    path: Path
    reason: str


@dataclass(frozen=True)
class CheckResult:
    """What ``--check`` found: the files compared, the stale ones, and the release folder if not built."""

    checked: list[Path]
    stale: list[StaleOutput]
    unbuilt_release: Path | None


def default_docs_path(checkout: Checkout | None = None) -> Path:
    """Where the committed ontology documentation lives in the checkout."""
    return (checkout or default_checkout()).root / DOCS_PATH


def plan_build(release_dir: Path, docs_path: Path, checkout: Checkout | None = None) -> list[Output]:
    """Every file of the build, computed from the sources and not yet written."""
    from cyberkg import __version__
    from cyberkg.publish.description import Distribution, describe_release, description_turtle
    from cyberkg.publish.docs import ontology_documentation
    from cyberkg.publish.serialise import to_json_ld, to_ntriples, to_turtle
    from cyberkg.query.library import list_queries
    from cyberkg.store.loading import data_files, load_graph

    checkout = checkout or default_checkout()
    graph = load_graph(data_files(checkout), literals_exact=True)
    serialisers = {"cyberkg.ttl": to_turtle, "cyberkg.nt": to_ntriples, "cyberkg.jsonld": to_json_ld}
    distributions = [
        Distribution(name, media_type, title, serialisers[name](graph)) for name, media_type, title in GRAPH_FILES
    ]
    description = describe_release(graph, __version__, distributions, list_queries(checkout))
    ontology = load_graph([checkout.ontology_dir / ONTOLOGY_FILE], literals_exact=True)
    outputs = [Output(release_dir / d.file_name, d.data, committed=False) for d in distributions]
    outputs.append(Output(release_dir / DESCRIPTION_FILE, description_turtle(description), committed=False))
    outputs.append(Output(docs_path, ontology_documentation(ontology, graph, __version__), committed=True))
    return outputs


def write_build(outputs: list[Output]) -> None:
    """Write every output atomically, creating folders as needed."""
    for output in outputs:
        output.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(output.path, output.data)


def check_build(outputs: list[Output], release_dir: Path) -> CheckResult:
    """Compare the outputs with the files on disk.

    The committed documentation must exist and match. The release directory is
    compared only if it exists: a checkout where no release was built has
    nothing stale in it.
    """
    unbuilt = None if release_dir.is_dir() else release_dir
    checked = [output for output in outputs if output.committed or unbuilt is None]
    stale = []
    for output in checked:
        if not output.path.is_file():
            stale.append(StaleOutput(output.path, "missing"))
        elif output.path.read_bytes() != output.data:
            stale.append(StaleOutput(output.path, "out of date with the sources"))
    return CheckResult([output.path for output in checked], stale, unbuilt)
