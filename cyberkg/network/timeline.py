"""The events on a time axis (PNG, SVG or an HTML page), coloured by status or by output.

Each event is a bar from the first day its start date stands for to the last day its
end date stands for, so an event dated to a month is drawn as the whole month and
one dated to a year as the whole year. Coloured by output, an event that serves
several outputs is a bar of stacked stripes, one per output. A tick marks where each event starts, so that
events of a day stay visible on an axis of years.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from cyberkg.errors import InputError
from cyberkg.network.events import EventRecord
from cyberkg.network.figure_output import figure_output
from cyberkg.network.palette import OTHER_COLOUR, SERIES_COLOURS, STATUS_COLOURS

COLOUR_BY = ("status", "output")
FORMATS = ("png", "svg", "html")
LABEL_LENGTH = 70
NO_OUTPUT = "no output stated"


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
    records: Sequence[EventRecord], fmt: str, colour_by: str = "status", title: str = "Events"
) -> bytes | str:
    """The timeline as PNG bytes, SVG text or an HTML page."""
    if colour_by not in COLOUR_BY:
        raise InputError(f"cannot colour by {colour_by!r} (use one of: {', '.join(COLOUR_BY)})")
    if fmt not in FORMATS:
        raise InputError(f"unknown timeline format {fmt!r} (use one of: {', '.join(FORMATS)})")
    if not records:
        raise InputError("no dated event matches the filters: nothing to draw")
    if fmt == "html":
        from cyberkg.network.figure_page import figure_page

        svg = str(draw_timeline(records, "svg", colour_by, title))
        rows = [
            (
                record.start if record.start == record.end else f"{record.start}/{record.end}",
                record.label,
                record.place,
                record.status,
                ", ".join(record.outputs),
                record.source_rows,
            )
            for record in records
        ]
        return figure_page(title, svg, ("date", "event", "place", "status", "outputs", "source rows"), rows)
    return _draw(records, fmt, colour_by, title)


def _draw(records: Sequence[EventRecord], fmt: str, colour_by: str, title: str) -> bytes | str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    keys = colour_keys(records, colour_by)
    palette = STATUS_COLOURS if colour_by == "status" else {}
    colours = {
        key: palette.get(key, SERIES_COLOURS[index % len(SERIES_COLOURS)] if key != NO_OUTPUT else OTHER_COLOUR)
        for index, key in enumerate(keys)
    }
    height = 1.6 + 0.34 * len(records)
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "cyberkg"}):
        figure, axes = plt.subplots(figsize=(14, height))
        try:
            for row, record in enumerate(records):
                start = mdates.date2num(record.first_day)
                width = mdates.date2num(record.last_day + datetime.timedelta(days=1)) - start
                bands = (
                    [record.status or "status not stated"]
                    if colour_by == "status"
                    else list(record.outputs or (NO_OUTPUT,))
                )
                band_height = 0.7 / len(bands)
                for index, band in enumerate(bands):
                    axes.broken_barh(
                        [(start, width)],
                        (row - 0.35 + index * band_height, band_height),
                        facecolors=colours[band],
                        edgecolor="white",
                        linewidth=0.3,
                    )
            # a bar of a day or two is a hairline on an axis of years: mark where each event starts too
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
            axes.xaxis.set_major_locator(mdates.AutoDateLocator())
            axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(axes.xaxis.get_major_locator()))
            axes.grid(axis="x", color="#dddddd")
            axes.set_axisbelow(True)
            axes.legend(
                handles=[Patch(facecolor=colours[key], label=key) for key in keys],
                title=colour_by,
                loc="upper left",
                bbox_to_anchor=(1.01, 1),
                fontsize=9,
            )
            axes.set_title(f"{title}: {len(records)} events, coloured by {colour_by}", fontsize=12)
            output = figure_output(figure, fmt)
        finally:
            plt.close(figure)
    return output
