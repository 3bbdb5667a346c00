"""``cyberkg build``: write the release and the ontology documentation, or check they are up to date."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.option(
    "-o",
    "--output",
    "release_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("dist"),
    show_default=True,
    help="Folder for the release: the graph in Turtle, N-Triples and JSON-LD, and dataset.ttl.",
)
@click.option(
    "--docs",
    "docs_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where the ontology documentation goes  [default: docs/ontology/index.html]",
)
@click.option(
    "--site",
    "site_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Also write the browsable static site here: a page for every entity with its facts and sources, "
    "its RDF, the index pages and the named queries (replaced whole on each build).",
)
@click.option(
    "--site-url",
    default=None,
    metavar="URL",
    help="Where the site will be published; writes w3id.htaccess, the redirect rules for https://w3id.org/cyberkg/.",
)
@click.option(
    "--check", is_flag=True, help="Write nothing; exit 1 if the committed documentation or a built release is stale."
)
def command(
    release_dir: Path, docs_path: Path | None, site_dir: Path | None, site_url: str | None, check: bool
) -> int | None:
    """Build the versioned release of the graph and the HTML documentation of the ontology.

    The same sources always give the same bytes. The documentation is committed; the release folder
    is a build output. With --check, the documentation must match the sources, and so must the
    release folder if it exists, and the site folder if --site is given.
    """
    from cyberkg import __version__
    from cyberkg.publish.release import check_build, default_docs_path, plan_build, write_build

    docs_path = docs_path or default_docs_path()
    outputs = plan_build(release_dir, docs_path)
    site_files = None
    if site_dir is not None:
        from cyberkg.pages.site_folder import plan_site

        documentation = next(output.data for output in outputs if output.path == docs_path)
        from cyberkg.network.page import projection_page

        site_files = plan_site(documentation, site_url, network=projection_page)
    if not check:
        write_build(outputs)
        for output in outputs:
            click.echo(f"wrote {output.path} ({len(output.data)} bytes)")
        if site_dir is not None and site_files is not None:
            from cyberkg.pages.site_folder import write_site

            write_site(site_files, site_dir)
            size = sum(len(data) for data in site_files.values())
            click.echo(f"wrote the site in {site_dir} ({len(site_files)} files, {size} bytes)")
        click.echo(f"cyberkg {__version__}: release in {release_dir}, documentation in {docs_path}")
        return None
    if site_dir is not None and site_files is not None:
        from cyberkg.pages.site_folder import stale_files

        stale_pages = stale_files(site_files, site_dir)
        for name in stale_pages[:20]:
            click.echo(f"stale: {site_dir / name}", err=True)
        if stale_pages:
            click.echo(f"{len(stale_pages)} stale files in the site; run `cyberkg build --site {site_dir}`", err=True)
            return 1
    result = check_build(outputs, release_dir)
    if result.unbuilt_release is not None:
        click.echo(f"{result.unbuilt_release}: no release built here, not checked")
    if result.stale:
        for stale in result.stale:
            click.echo(f"stale: {stale.path}: {stale.reason}", err=True)
        click.echo("run `cyberkg build` and commit the documentation", err=True)
        return 1
    click.echo(f"up to date: {', '.join(str(path) for path in result.checked)}")
    return None
