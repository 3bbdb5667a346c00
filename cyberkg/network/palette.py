"""Colours for the kinds of node, shared by the drawings and the HTML page."""

from __future__ import annotations

# Colour-blind-safe (Okabe-Ito) colours, one per kind of node.
KIND_COLOURS: dict[str, str] = {
    "organisation": "#0072B2",
    "stakeholder group": "#56B4E9",
    "event": "#E69F00",
    "country": "#009E73",
    "instrument": "#D55E00",
    "output": "#CC79A7",
}
OTHER_COLOUR = "#999999"

STATUS_COLOURS: dict[str, str] = {"held": "#0072B2", "planned": "#E69F00", "listed as planned": "#CC79A7"}

# Enough distinct colours for a project's outputs (Okabe-Ito, then Tableau).
SERIES_COLOURS = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#56B4E9",
    "#F0E442",
    "#000000",
    "#8c564b",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
)


def kind_colour(kind: str) -> str:
    """The colour of a kind of node."""
    return KIND_COLOURS.get(kind, OTHER_COLOUR)
