"""The worked example of README.md, "Writing your own queries", runs and answers as the README says."""

from __future__ import annotations

from pathlib import Path

from cyberkg.query.library import read_query, run

README = Path(__file__).resolve().parent.parent / "README.md"


def worked_example() -> str:
    section = README.read_text(encoding="utf-8").split("## Writing your own queries", 1)[1]
    blocks = section.split("```sparql\n")[1:]
    examples = [block.split("```", 1)[0] for block in blocks if block.startswith("#+ title:")]
    assert len(examples) == 1
    return examples[0]


def test_the_worked_example_answers_as_written(store, tmp_path: Path) -> None:
    """Octopus summary paragraph 4 (Strasbourg); update of 2 November 2009, carried-out rows 2 and 8."""
    path = tmp_path / "mine.rq"
    path.write_text(worked_example(), encoding="utf-8")
    result = run(store, read_query(path), {"country": "https://w3id.org/cyberkg/id/country/FR"})
    events = [row[result.columns.index("event")].value.rsplit("/", 1)[1] for row in result.rows]
    assert events == [
        "2009-03-10-strasbourg-octopus-conference",
        "2009-09-21-strasbourg-meeting",
        "2009-10-12-paris-meeting",
    ]
