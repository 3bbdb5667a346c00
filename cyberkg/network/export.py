"""Writing a network to a file in one of the export formats, atomically.

``csv`` writes two tables beside each other: for ``-o net.csv`` they are
``net-nodes.csv`` and ``net-edges.csv`` (the name given is the stem of both).
Every file is rendered in full before anything is written, and each is written
through :func:`cyberkg.output_file.write_output` (atomically), so a failed export
leaves no half-written file; ``-``, a FIFO or a device is written into as it is.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from cyberkg.errors import InputError
from cyberkg.output_file import is_special_file, is_standard_output, write_output

if TYPE_CHECKING:  # pragma: no cover
    import networkx

FORMATS = ("graphml", "gexf", "json", "cytoscape", "dot", "csv", "png", "svg", "html")


def csv_paths(path: Path) -> tuple[Path, Path]:
    """Where the nodes and edges tables of a CSV export go."""
    stem = path.name[:-4] if path.name.lower().endswith(".csv") else path.name
    return path.with_name(f"{stem}-nodes.csv"), path.with_name(f"{stem}-edges.csv")


def render_network(graph: networkx.Graph, fmt: str, path: Path, title: str | None = None) -> dict[Path, bytes | str]:
    """The files an export writes (path -> content), without writing them."""
    from cyberkg.network import formats

    if fmt == "graphml":
        return {path: formats.to_graphml(graph)}
    if fmt == "gexf":
        return {path: formats.to_gexf(graph)}
    if fmt == "json":
        return {path: formats.to_node_link_json(graph)}
    if fmt == "cytoscape":
        return {path: formats.to_cytoscape_json(graph)}
    if fmt == "dot":
        return {path: formats.to_dot(graph)}
    if fmt == "csv":
        nodes_path, edges_path = csv_paths(path)
        nodes, edges = formats.to_csv_tables(graph)
        return {nodes_path: nodes, edges_path: edges}
    if fmt in ("png", "svg"):
        from cyberkg.network.drawing import draw_network

        return {path: draw_network(graph, fmt, title)}
    if fmt == "html":
        from cyberkg.network.page import network_page

        return {path: network_page(graph, title)}
    raise InputError(f"unknown format {fmt!r} (use one of: {', '.join(FORMATS)})")


def export_network(graph: networkx.Graph, fmt: str, path: Path, title: str | None = None) -> list[Path]:
    """Write the network to ``path`` in ``fmt``; return the files written."""
    path = Path(path)
    if fmt == "csv" and (is_standard_output(path) or is_special_file(path)):
        raise InputError("csv writes two files (nodes and edges); give a file name, not a pipe or device", path)
    if not is_standard_output(path) and not path.parent.is_dir():
        raise InputError("the folder to write into does not exist", path.parent)
    files = render_network(graph, fmt, path, title)
    for target, content in files.items():
        write_output(target, content)
    return list(files)
