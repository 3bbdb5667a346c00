"""The events on a time axis (PNG, SVG or an HTML page), coloured by status or by output.

Dates are drawn at the precision the source gives them, never stretched into a duration:

- the days an event certainly covers (from its start to its end when both are known to the day) are a
  solid bar;
- a date known only to the month or the year is a hatched, faded span over the whole month or year,
  meaning "some time in it": an event of "2009-09" is a hatched September, not a month-long event. An
  event from "2009-11" to "2010-12" is hatched over November 2009 and December 2010, and solid between;
- each row ends with its date as the source gives it, with the precision said ("2009-09, month only").

A tick marks where each event may start, so that events of a day stay visible on a long axis. The
axis runs from ``date_from`` to ``date_to`` when they are given (the ``--from``/``--to`` of the
command), else over the events with a little margin. Coloured by output, an event that serves several
outputs is a bar of stacked stripes, one per output.
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cyberkg.errors import InputError
from cyberkg.network.events import EventRecord, first_day_of, last_day_of
from cyberkg.network.figure_output import figure_output
from cyberkg.network.palette import OTHER_COLOUR, SERIES_COLOURS, STATUS_COLOURS
from cyberkg.rdf.dates import date_precision

if TYPE_CHECKING:  # pragma: no cover
    import matplotlib.figure

COLOUR_BY = ("status", "output")
FORMATS = ("png", "svg", "html")
LABEL_LENGTH = 70
NO_OUTPUT = "no output stated"
UNCERTAIN_HATCH = "////"
DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Span:
    """One drawn stretch of an event's row: ``first``..``last`` (both included), certain or not."""

    row: int
    first: datetime.date
    last: datetime.date
    certain: bool


def spans(row: int, record: EventRecord) -> list[Span]:
    """The stretches of one event: uncertain months or years hatched, the days it surely covers solid."""
    start_known_to_day = date_precision(record.start) == "day"
    end_known_to_day = date_precision(record.end) == "day"
    surely_from = record.first_day if start_known_to_day else last_day_of(record.start) + DAY
    surely_to = record.last_day if end_known_to_day else first_day_of(record.end) - DAY
    drawn: list[Span] = []
    if not start_known_to_day:
        drawn.append(Span(row, record.first_day, last_day_of(record.start), False))
    if surely_from <= surely_to:
        drawn.append(Span(row, surely_from, surely_to, True))
    if not end_known_to_day and (record.end != record.start or start_known_to_day):
        drawn.append(Span(row, first_day_of(record.end), record.last_day, False))
    return drawn


def date_text(record: EventRecord) -> str:
    """The event's date as given, with its precision when it is coarser than a day."""

    def one(value: str) -> str:
        precision = date_precision(value)
        return value if precision == "day" else f"{value}, {precision} only"

    return one(record.start) if record.start == record.end else f"{one(record.start)} to {one(record.end)}"


def time_axis(
    records: Sequence[EventRecord], date_from: str | None = None, date_to: str | None = None
) -> tuple[datetime.date, datetime.date]:
    """The first and last day the axis shows: the range asked for, else the events' with a margin."""
    first = min(record.first_day for record in records)
    last = max(record.last_day for record in records)
    margin = datetime.timedelta(days=max(2, (last - first).days // 40))
    return (
        first_day_of(date_from) if date_from else first - margin,
        last_day_of(date_to) + DAY if date_to else last + margin,
    )


def _row_label(record: EventRecord) -> str:
    label = record.label if len(record.label) <= LABEL_LENGTH else record.label[: LABEL_LENGTH - 1] + "…"
    return f"{label} ({record.place})" if record.place else label


def colour_keys(records: Sequence[EventRecord], colour_by: str) -> list[str]:
    """The legend entries, in order."""
    if colour_by == "status":
        return sorted({record.status or "status not stated" for record in records})
    keys: list[str] = []
    for record in records:
        for output in record.outputs or (NO_OUTPUT,):
            if output not in keys:
                keys.append(output)
    return sorted(keys, key=lambda key: (key == NO_OUTPUT, len(key), key))


def draw_timeline(
    records: Sequence[EventRecord],
    fmt: str,
    colour_by: str = "status",
    title: str = "Events",
    date_from: str | None = None,
    date_to: str | None = None,
) -> bytes | str:
    """The timeline as PNG bytes, SVG text or an HTML page; the axis spans ``date_from``..``date_to`` if given."""
    if fmt not in FORMATS:
        raise InputError(f"unknown timeline format {fmt!r} (use one of: {', '.join(FORMATS)})")
    if fmt == "html":
        from cyberkg.network.figure_page import figure_page

        svg = str(draw_timeline(records, "svg", colour_by, title, date_from, date_to))
        rows = [
            (
                date_text(record),
                record.label,
                record.place,
                record.status,
                ", ".join(record.outputs),
                record.source_rows,
            )
            for record in records
        ]
        return figure_page(title, svg, ("date", "event", "place", "status", "outputs", "source rows"), rows)
    import matplotlib.pyplot as plt

    figure = timeline_figure(records, colour_by, title, date_from, date_to)
    try:
        with _rc():
            return figure_output(figure, fmt)
    finally:
        plt.close(figure)


def _rc() -> contextlib.AbstractContextManager[None]:
    import matplotlib

    return matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "cyberkg"})


def timeline_figure(
    records: Sequence[EventRecord],
    colour_by: str = "status",
    title: str = "Events",
    date_from: str | None = None,
    date_to: str | None = None,
) -> matplotlib.figure.Figure:
    """The matplotlib figure of the timeline (the caller closes it). Each span's patch has the gid
    ``event-N-certain`` or ``event-N-uncertain`` (N: the row)."""
    if colour_by not in COLOUR_BY:
        raise InputError(f"cannot colour by {colour_by!r} (use one of: {', '.join(COLOUR_BY)})")
    if not records:
        raise InputError("no dated event matches the filters: nothing to draw")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch, Rectangle

    keys = colour_keys(records, colour_by)
    palette = STATUS_COLOURS if colour_by == "status" else {}
    colours = {
        key: palette.get(key, SERIES_COLOURS[index % len(SERIES_COLOURS)] if key != NO_OUTPUT else OTHER_COLOUR)
        for index, key in enumerate(keys)
    }
    axis_first, axis_last = time_axis(records, date_from, date_to)
    height = 1.9 + 0.34 * len(records)
    with _rc():
        figure, axes = plt.subplots(figsize=(15, height))
        for row, record in enumerate(records):
            bands = (
                [record.status or "status not stated"]
                if colour_by == "status"
                else list(record.outputs or (NO_OUTPUT,))
            )
            band_height = 0.7 / len(bands)
            for span in spans(row, record):
                start = mdates.date2num(span.first)
                width = mdates.date2num(span.last + DAY) - start
                for index, band in enumerate(bands):
                    patch = Rectangle(
                        (start, row - 0.35 + index * band_height),
                        width,
                        band_height,
                        facecolor=colours[band] if span.certain else "none",
                        edgecolor=colours[band] if not span.certain else "white",
                        hatch=UNCERTAIN_HATCH if not span.certain else None,
                        alpha=1.0 if span.certain else 0.55,
                        linewidth=0.3 if span.certain else 0.8,
                    )
                    patch.set_gid(f"event-{row}-{'certain' if span.certain else 'uncertain'}-{index}")
                    axes.add_patch(patch)
            shown_last = min(record.last_day + DAY, axis_last)
            axes.annotate(
                date_text(record),
                (mdates.date2num(shown_last), row),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=7,
                color="#444444",
                annotation_clip=False,
            )
        # a bar of a day or two is a hairline on an axis of years: mark where each event may start too
        axes.scatter(
            [mdates.date2num(record.first_day) for record in records],
            range(len(records)),
            marker="|",
            s=60,
            color="#333333",
            linewidths=1,
            zorder=3,
        )
        axes.set_yticks(range(len(records)), [_row_label(record) for record in records], fontsize=8)
        axes.set_ylim(len(records) - 0.5, -0.5)
        axes.set_xlim(mdates.date2num(axis_first), mdates.date2num(axis_last))
        locator = mdates.AutoDateLocator(minticks=4, maxticks=12)
        axes.xaxis.set_major_locator(locator)
        axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        axes.grid(axis="x", color="#dddddd")
        axes.set_axisbelow(True)
        handles = [Patch(facecolor=colours[key], label=key) for key in keys]
        handles += [
            Patch(facecolor="#777777", label="solid: days it surely covers"),
            Patch(
                facecolor="none",
                edgecolor="#777777",
                hatch=UNCERTAIN_HATCH,
                label="hatched: known only to the month or year (some time in it)",
            ),
        ]
        axes.legend(
            handles=handles,
            title=colour_by,
            loc="upper center",
            bbox_to_anchor=(0.5, -0.6 / height - 0.03),
            ncol=min(len(handles), 5),
            fontsize=9,
        )
        shown = f"{axis_first:%d %b %Y} to {axis_last - DAY:%d %b %Y}" if (date_from or date_to) else ""
        axes.set_title(
            f"{title}: {len(records)} events, coloured by {colour_by}" + (f" ({shown})" if shown else ""),
            fontsize=12,
        )
    return figure
