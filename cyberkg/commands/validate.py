"""``cyberkg validate``: check the curated graph, or new files in its context, against the shapes."""

from __future__ import annotations

from pathlib import Path

import click

REPORT_FORMATS = ("text", "turtle", "json")


@click.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(REPORT_FORMATS), default="text", show_default=True,
              help="text for people; turtle (W3C SHACL report) or json for programs.")
@click.option("--shapes", "shapes_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder of SHACL shape files to use instead of the project's shapes/.")
@click.option("--engine", type=click.Choice(("auto", "pyshacl", "fast")), default="auto", show_default=True,
              help="pyshacl (the reference), fast (shapes as SPARQL on Oxigraph), or auto (fast above 50k "
                   "triples).")
def command(files: tuple[Path, ...], fmt: str, shapes_dir: Path | None, engine: str) -> int:
    """Validate the curated graph, or FILE... merged with it (reporting only what involves the new data).

    Exit code 0 when the data conforms (warnings allowed), 1 on violations, 2 on unusable input.
    """
    from cyberkg.validation.engines import validate_with
    from cyberkg.validation.report_format import render_report

    validation = validate_with(engine, files, shapes_dir=shapes_dir)
    click.echo(render_report(validation, fmt), nl=fmt != "turtle")
    return 0 if validation.report.conforms else 1
