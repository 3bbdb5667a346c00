"""Writing the static site into a folder, whole or not at all, and the w3id redirect rules that publish it.

The site is written into a new folder beside the target and swapped in at the end, so a build that fails
leaves the previous site as it was and a removed entity leaves no page behind. A folder is replaced only
when it is empty or was made by this function (it holds the marker file), never a folder of someone's files.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from cyberkg.errors import InputError

MARKER = ".cyberkg-site"
MARKER_TEXT = b"A static site written by `cyberkg build --site`; the folder is replaced whole by the next build.\n"
REDIRECTS_FILE = "w3id.htaccess"


def _is_replaceable(folder: Path) -> bool:
    return not folder.exists() or (folder.is_dir() and (not any(folder.iterdir()) or (folder / MARKER).is_file()))


def write_site(files: Mapping[str, bytes], folder: Path) -> None:
    """Write every file of the site into ``folder`` (created or replaced whole)."""
    if folder.exists() and not folder.is_dir():
        raise InputError("this is a file, not a folder for the site", folder)
    if not _is_replaceable(folder):
        raise InputError("this folder is neither empty nor a site made by cyberkg build --site", folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{folder.name}.building-", dir=folder.parent))
    try:
        for name, data in {**files, MARKER: MARKER_TEXT}.items():
            path = building / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        old = None
        if folder.exists():
            old = folder.parent / f".{folder.name}.old-{building.name.rsplit('-', 1)[-1]}"
            folder.rename(old)
        building.rename(folder)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise


def stale_files(files: Mapping[str, bytes], folder: Path) -> list[str]:
    """The site's files that are missing from ``folder``, differ, or are there but no longer part of the site."""
    if not folder.is_dir():
        return sorted(files)
    present = {
        path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file() and path.name != MARKER
    }
    stale = {name for name, data in files.items() if name not in present or (folder / name).read_bytes() != data}
    return sorted(stale | (present - set(files)))


def redirect_rules(site_url: str) -> bytes:
    """Apache rules for w3id.org/cyberkg/.htaccess: each entity IRI to its page, or its RDF by Accept header."""
    base = site_url.rstrip("/") + "/"
    lines = [
        "# For https://github.com/perma-id/w3id.org: cyberkg/.htaccess. Written by `cyberkg build --site`.",
        "# https://w3id.org/cyberkg/id/<kind>/<slug> is sent (303) to the static site: the RDF a client asks",
        "# for in its Accept header, else the HTML page.",
        "Options +FollowSymLinks",
        "RewriteEngine on",
    ]
    for pattern, extension in (
        ("text/turtle", "ttl"),
        ("application/n-triples", "nt"),
        ("application/ld\\+json", "jsonld"),
    ):
        lines += [f"RewriteCond %{{HTTP_ACCEPT}} {pattern}", f"RewriteRule ^id/(.+)$ {base}id/$1.{extension} [R=303,L]"]
    lines += [
        f"RewriteRule ^id/(.+)$ {base}id/$1.html [R=303,L]",
        f"RewriteRule ^ontology$ {base}ontology/index.html [R=303,L]",
        f"RewriteRule ^$ {base}index.html [R=303,L]",
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def plan_site(
    ontology_html: bytes | None,
    site_url: str | None = None,
    files: list[Path] | None = None,
    checkout: Any = None,
    network: Callable[[Any], tuple[str, Sequence[str]]] | None = None,
) -> dict[str, bytes]:
    """Every file of the static site of the curated graph (or of ``files``), not yet written.

    ``network`` makes the network page and lists its nodes from the store (cyberkg.network.page.projection_page,
    passed in by the command: pages and network are separate capabilities); None: a site without it.
    """
    from cyberkg.pages.site import Site
    from cyberkg.query.library import list_queries, run
    from cyberkg.rdf.labels import store_select
    from cyberkg.store.loading import data_files, load_store

    store = load_store(files if files is not None else data_files(checkout))
    site = Site(
        store_select(store),
        list_queries(checkout),
        lambda query, params: run(store, query, params),
        ontology_html,
        network=None if network is None else network(store),
    )
    planned = site.files()
    if site_url:
        planned[REDIRECTS_FILE] = redirect_rules(site_url)
    return dict(sorted(planned.items()))
