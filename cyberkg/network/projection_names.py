"""The names of the projections, importable without the query machinery (for command-line choices)."""

PROJECTION_NAMES = (
    "organisation-event",
    "organisation-organisation",
    "country-event",
    "country-instrument",
    "event-output",
    "instrument-event",
)
