"""Problems met while reading a report, each tied to a line of the file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """Something a curator should look at: what, and where (1-based line number, None for the whole file).

    ``items_noted`` marks the note that items were seen but not drafted (how many), and says why.
    ``needs_review`` is False for notices that do not make the draft doubtful (such as a city taken
    from GeoNames that the reference list does not hold yet).
    """

    line: int | None
    message: str
    needs_review: bool = True
    items_noted: int = 0  # how many items seen and not drafted this note stands for (they count in "R noted")

    @property
    def item_noted(self) -> bool:
        return self.items_noted > 0

    def render(self, path: Path | str) -> str:
        where = f"{path}:{self.line}" if self.line is not None else str(path)
        level = "review" if self.needs_review else "note"
        return f"{where}: {level}: {self.message}"
