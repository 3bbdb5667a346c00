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
    "--check", is_flag=True, help="Write nothing; exit 1 if the committed documentation or a built release is stale."
)
def command(release_dir: Path, docs_path: Path | None, check: bool) -> int | None:
    """Build the versioned release of the graph and the HTML documentation of the ontology.

    The same sources always give the same bytes. The documentation is committed; the release folder
    is a build output. With --check, the documentation must match the sources, and so must the
    release folder if it exists.
    """
    from cyberkg import __version__
    from cyberkg.publish.release import check_build, default_docs_path, plan_build, write_build

    docs_path = docs_path or default_docs_path()
    outputs = plan_build(release_dir, docs_path)
    if not check:
        write_build(outputs)
        for output in outputs:
            click.echo(f"wrote {output.path} ({len(output.data)} bytes)")
        click.echo(f"cyberkg {__version__}: release in {release_dir}, documentation in {docs_path}")
        return None
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
