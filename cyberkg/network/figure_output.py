"""Turning a finished matplotlib figure into the bytes (PNG) or text (SVG) of a file, reproducibly."""

from __future__ import annotations

import io
from typing import Any


def figure_output(figure: Any, fmt: str) -> bytes | str:
    """Render ``figure`` as PNG bytes or SVG text, without a timestamp so that the same input gives the same file."""
    buffer = io.BytesIO()
    metadata = {"Date": None} if fmt == "svg" else {"Software": "cyberkg"}
    figure.savefig(buffer, format=fmt, dpi=110, bbox_inches="tight", metadata=metadata)
    data = buffer.getvalue()
    return data.decode("utf-8") if fmt == "svg" else data
