"""The review file of read-report (--review): what was drafted from which lines, how names were resolved,
what was only noted and why; on the chart of Treaty 185 with a misspelt and an unknown State, and on the
quarterly update fixture."""

from __future__ import annotations

import re
from pathlib import Path

from cyberkg.cli import main

FIXTURES = Path(__file__).parent / "reader" / "fixtures"
ID = "https://w3id.org/cyberkg/id/"


def sections(text: str) -> dict[str, list[str]]:
    """The review's '## ' sections, each with its non-blank lines."""
    found: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        if line.startswith("## "):
            current = line[3:]
            found[current] = []
        elif current is not None and line.strip():
            found[current].append(line)
    return found


def test_review_of_a_chart_with_a_misspelt_and_an_unknown_state(tmp_path, capsys):
    text = (FIXTURES / "treaty_chart_185.txt").read_text(encoding="utf-8")
    chart = tmp_path / "chart.txt"
    chart.write_text(text.replace("| Armenia |", "| Armnia |").replace("| Cyprus |", "| Atlantis |"), "utf-8")
    review = tmp_path / "review.md"
    assert main(["read-report", str(chart), "-o", str(tmp_path / "d.ttl"), "--review", str(review)]) == 1
    assert capsys.readouterr().err.splitlines()[-2].endswith(f"wrote {tmp_path / 'd.ttl'}; review in {review}")
    got = sections(review.read_text(encoding="utf-8"))
    assert list(got) == ["To check (1)", "Drafted (43)", "Names resolved (17)", "Noted, not drafted (3)", "Notices (0)"]
    assert got["To check (1)"] == [
        f"- line 28: chart row 3 (Armnia): country 'Armnia' resolved to <{ID}country/AM> ('Armenia', fuzzy 92)"
    ]
    assert got["Noted, not drafted (3)"] == [
        "- line 35: chart row 10 (Atlantis): 3 act(s) not drafted: 'Atlantis' is not a country the reference data "
        "names (closest: Albania (67))"
    ]
    table = got["Names resolved (17)"]
    assert table[:2] == ["| line | kind | as written | resolved to | how | score |", "|---|---|---|---|---|---|"]
    assert [row for row in table[2:] if "exact" not in row] == [
        f"| 28 | country | Armnia | <{ID}country/AM> (Armenia) | fuzzy 92 | 92 |",
        "| 35 | country | Atlantis | **not resolved** | unresolved; closest: Albania (67) | 0 |",
    ]
    armenia = got["Drafted (43)"]
    start = armenia.index("### Ratification of the Convention on Cybercrime by Armenia")
    assert armenia[start : start + 3] == [
        "### Ratification of the Convention on Cybercrime by Armenia",
        f"- Node: <{ID}treaty-action/AM-ets-185-ratification>, ckg:TreatyAction, Ratification on 2006-10-12, "
        f"follows <{ID}treaty-action/AM-ets-185-signature>",
        "- From line 28 (Row 3 (Armnia), section Members of Council of Europe): "
        "“| Armnia | 23/11/2001 | 12/10/2006 | 01/02/2007 | A. | ||||||||||”",
    ]


def test_review_of_the_quarterly_update_lists_every_item_once(tmp_path):
    review = tmp_path / "review.md"
    main(
        ["read-report", str(FIXTURES / "coe_update_2019q4.txt"), "-o", str(tmp_path / "d.ttl"), "--review", str(review)]
    )
    text = review.read_text(encoding="utf-8")
    got = sections(text)
    assert list(got) == ["To check (3)", "Drafted (6)", "Names resolved (7)", "Noted, not drafted (4)", "Notices (5)"]
    assert re.findall(r"^### (.+)$", text, re.MULTILINE) == [
        "Third Annual Meeting of the 24/7 Network of Contact Points",
        "Octopus Conference on Cybercrime",
        "T-CY Bureau and Protocol Drafting Deadline for submitting bids: 31 January 2020 Group",
        "4th INTERPOL Digital Security Challenge",
        "International workshop on law enforcement / service provider cooperation",
        "Invitation to Brazil to accede to the Convention on Cybercrime",
    ]
    assert [line.split("): ", 1)[1] for line in got["Noted, not drafted (4)"]] == [
        "not drafted: no date of an activity in the text",
        "not drafted: an invitation to accede, but no State is named (the text may have lost it)",
        "not drafted: no date of an activity in the text",
        "not drafted: no date of an activity in the text",
    ]
    assert text.splitlines()[4] == "- Count check: 10 items seen = 6 drafted + 4 noted."


def test_review_of_the_seed_style_update_resolves_a_misspelt_city(tmp_path):
    update = tmp_path / "update.txt"
    update.write_text(
        "Global Project on Cybercrime\n\nUpdate 1 October 2009\n\nDate: 2 November 2009\n\n"
        "ACTIVITIES CARRIED OUT BETWEEN 15 SEPTEMBER AND 31 OCTOBER 2009\n\nDate\tPlace\tActivity\tOutput\n"
        "16 Sep 09\tStrasbourgh\tMeeting of the Bureau\t\n"
        "21 Sep 09\tBucarest\tWorkshop on cybercrime\t\n",
        encoding="utf-8",
    )
    review = tmp_path / "review.md"
    main(["read-report", str(update), "-o", str(tmp_path / "d.ttl"), "--review", str(review)])
    table = sections(review.read_text(encoding="utf-8"))["Names resolved (2)"]
    assert table[2:] == [
        f"| 10 | place | Strasbourgh | <{ID}city/strasbourg> (Strasbourg) | fuzzy 95 | 95 |",
        f"| 11 | place | Bucarest | <{ID}city/bucharest> (Bucharest) | other name (GeoNames) | 100 |",
    ]


def test_with_a_review_file_the_draft_still_goes_to_standard_output(tmp_path, capsys):
    review = tmp_path / "review.md"
    main(["read-report", str(FIXTURES / "treaty_chart_185.txt"), "--review", str(review)])
    out = capsys.readouterr().out
    assert (out.startswith("@prefix ckg:"), review.read_text(encoding="utf-8").startswith("# Review of ")) == (
        True,
        True,
    )
