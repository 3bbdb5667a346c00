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
    type=click.Choice(["auto", "update-2009", "news-items", "treaty-actions"]),
    default="auto",
    show_default=True,
    help="The layout to read: the 2009 update table, news items (title line, then a [City, date] "
    "dateline), or a treaty-action list (news items whose titles read 'X ratified Y (date, place)'); "
    "auto detects it.",
)
def command(file: Path, output: Path | None, show_diff: bool, layout: str) -> int | None:
    """Read the activity update FILE (the layout of the Global Project on Cybercrime updates) into Turtle.

    Every activity row (or news item) becomes an event or a review note; what cannot be read (a date,
    a place, the outputs) is kept as written, noted on the event (skos:editorialNote) and reported on
    standard error with its line.

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
    how = "detected" if reading.detected else "chosen"
    what = "activity rows" if reading.layout == "update-2009" else "events from news items"
    if draft.treaty_actions:
        what = f"{what} and {len(draft.treaty_actions)} treaty action(s)"
    click.echo(
        f"layout {reading.layout} ({how}): read {len(draft.events)} {what} ({held} carried out, "
        f"{len(draft.events) - held} planned); {review} problem(s) to review; {where}",
        err=True,
    )
    click.echo(reading.count_check, err=True)
    return NEEDS_REVIEW if reading.needs_review else None
