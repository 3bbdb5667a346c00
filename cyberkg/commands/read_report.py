"""``cyberkg read-report``: turn a Council of Europe activity update into draft Turtle."""

from __future__ import annotations

from pathlib import Path

import click

NEEDS_REVIEW = 1


@click.command("read-report")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
    help="Write the draft here (atomically; a FIFO or device is written into) instead of to standard output.",
)
@click.option(
    "--diff",
    "show_diff",
    is_flag=True,
    help="Compare the draft with the curated graph: rows that are new, and dates, place, outputs, "
    "status or kind that differ.",
)
@click.option(
    "--layout",
    "layout",
    type=click.Choice(
        ["auto", "update-2009", "news-items", "treaty-actions", "treaty-chart", "cybercrime-update", "programme"]
    ),
    default="auto",
    show_default=True,
    help="The layout to read: the 2009 update table, news items (title line, then a [City, date] "
    "dateline), a treaty-action list (news items whose titles read 'X ratified Y (date, place)'), "
    "the Treaty Office's chart of signatures and ratifications (one row per State), or the quarterly "
    "Cybercrime@CoE Update (highlights and dates to save), or a conference page with its programme "
    "(dated meetings, agenda days with timed sessions); auto detects it.",
)
@click.option(
    "--review",
    "review_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Also write a review file (Markdown, atomically): what was drafted from which lines, how each name "
    "was resolved, what was only noted and why; for a researcher to check before `cyberkg add`.",
)
def command(file: Path, output: Path | None, show_diff: bool, layout: str, review_path: Path | None) -> int | None:
    """Read the report or page FILE (text, HTML or PDF, told by its content) into draft Turtle.

    Six layouts: the 2009 update table, news items, treaty-action lists, the Treaty Office chart, the
    quarterly Cybercrime@CoE Update and a conference programme (see --layout). Names are resolved to the
    graph's nodes (exactly, else fuzzily, recorded). Every item becomes an event, a treaty action or a
    note; what cannot be read (a date, a place, the outputs) is kept as written, noted on the event
    (skos:editorialNote) and reported on standard error with its line.

    The last line is the count check "N items seen = E drafted + R noted".

    Exit codes: 0 draft written, nothing to review; 1 draft written, some rows need review or some items
    are only noted;
    2 the file is not a usable activity update (nothing written).
    """
    from cyberkg.output_file import write_output
    from cyberkg.reader.reading import read_report

    reading = read_report(file, layout=None if layout == "auto" else layout)
    if output is not None:
        write_output(output, reading.turtle)
    else:
        click.echo(reading.turtle, nl=False)
    if review_path is not None:
        from cyberkg.atomic import write_atomically
        from cyberkg.reader.review import review_text

        write_atomically(review_path, review_text(reading, str(file)))
    for problem in reading.problems:
        click.echo(problem.render(file), err=True)
    if show_diff:
        from cyberkg.reader.diff import compare_with_curated, diff_report_lines
        from cyberkg.store.loading import load_store

        for line in diff_report_lines(compare_with_curated(reading.draft, load_store())):
            click.echo(line, err=output is None)
    draft = reading.draft
    held = sum(1 for event in draft.events if event.status == "Held")
    review = sum(1 for problem in reading.problems if problem.needs_review)
    where = f"wrote {output}" if output is not None else "draft on standard output"
    if review_path is not None:
        where = f"{where}; review in {review_path}"
    how = "detected" if reading.detected else "chosen"
    if reading.source_format != "text":
        how = f"{how}, from {reading.source_format.upper()}"
    what = {
        "update-2009": "activity rows",
        "treaty-chart": "events",
        "cybercrime-update": "events",
        "programme": "events",
    }.get(reading.layout, "events from news items")
    if draft.treaty_actions:
        what = f"{what} and {len(draft.treaty_actions)} treaty action(s)"
    click.echo(
        f"layout {reading.layout} ({how}): read {len(draft.events)} {what} ({held} carried out, "
        f"{len(draft.events) - held} planned); {review} problem(s) to review; {where}",
        err=True,
    )
    click.echo(reading.count_check, err=True)
    return NEEDS_REVIEW if reading.needs_review else None
