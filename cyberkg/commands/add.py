"""``cyberkg add``: add a Turtle file to graph/ only if it conforms in the context of the graph."""

from __future__ import annotations

from pathlib import Path

import click

from cyberkg.commands.options import engine_option, shapes_option
from cyberkg.commands.progress_bar import progress_bar


@click.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--as",
    "name",
    default=None,
    metavar="NAME",
    help="Name of the new file in graph/ (NAME.ttl); default: the file's own name.",
)
@shapes_option
@engine_option
def command(file: Path, name: str | None, shapes_dir: Path | None, engine: str) -> int:
    """Validate FILE in the context of the curated graph; if it conforms, copy it into graph/ as a new file.

    A file with violations is refused (exit code 1) and graph/ is left as it was. A file that gives a
    single-valued property of an existing resource a different value, and cites a passage of its own for
    that resource, has that value kept as a claim beside the graph's (reported as refining or conflicting
    with it); without such a passage it is refused. The bytes validated are the bytes written;
    adds run one at a time; a file whose every triple the graph already states is refused (exit code 2).
    On a terminal, a progress bar on standard error shows the stages.
    """
    from cyberkg.validation.adding import add_file
    from cyberkg.validation.report_format import compact, to_text

    with progress_bar("cyberkg add") as bar:
        outcome = add_file(file, name, shapes_dir=shapes_dir, engine=engine, progress=bar)
    for orphan in outcome.removed:
        click.echo(f"Removed {orphan}, a temporary file left by an interrupted add.")
    if outcome.accepted:
        counts = outcome.validation.report.counts()
        warnings = (
            f" with {counts['Warning']} warning{'s' if counts['Warning'] != 1 else ''}" if counts["Warning"] else ""
        )
        if counts["Warning"]:
            click.echo(to_text(outcome.validation))
        if outcome.revisions:
            click.echo("Kept as claims beside the graph's values (the graph's values stay the direct triples):")
        for revision in outcome.revisions:
            click.echo(
                f"  {compact(revision.subject)} {compact(revision.predicate)}: {compact(revision.new)} "
                f"{revision.relation.value} the graph's {', '.join(compact(v) for v in revision.existing)}"
            )
            click.echo(f"    new source: {', '.join(compact(s) for s in revision.new_sources)}")
            click.echo(f"    graph's sources: {', '.join(compact(s) for s in revision.existing_sources)}")
        click.echo(f"Added {file} as {outcome.written}{warnings}.")
        return 0
    if outcome.conflicts:
        click.echo(f"Refused {file}: it gives single-valued properties of existing resources other values.")
        for conflict in outcome.conflicts:
            click.echo(
                f"  {compact(conflict.subject)} {compact(conflict.predicate)}: the graph has "
                f"{', '.join(compact(v) for v in conflict.existing)}; the file gives "
                f"{', '.join(compact(v) for v in conflict.new)}"
            )
    if not outcome.validation.report.conforms:
        click.echo(to_text(outcome.validation))
        click.echo(f"Refused {file}: it does not conform to the shapes.")
    click.echo("Nothing was written to graph/.")
    return 1
