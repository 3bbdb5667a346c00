"""The review file of a reading: what a researcher checks before ``cyberkg add``.

A Markdown text in five parts: what to check first (every note that needs review, with its line); what was
drafted, each item with the lines it came from, its dates and place as written and as read, and its notes;
how every name was resolved (exactly, by another name, fuzzily with a score) or not (with its closest
candidates); what was only noted, and why; and the notices that need no action.
"""

from __future__ import annotations

from cyberkg.reader.draft import Draft, DraftEvent
from cyberkg.reader.problems import Problem
from cyberkg.reader.reading import Reading
from cyberkg.reader.resolving import Resolution
from cyberkg.reader.treaty_actions import DraftTreatyAction, invitation_iri

EXCERPT = 240


def review_text(reading: Reading, source: str) -> str:
    """The review of ``reading`` of the file named ``source``, as Markdown."""
    draft = reading.draft
    problems = reading.problems
    to_check = [problem for problem in problems if problem.needs_review and not problem.item_noted]
    noted = [problem for problem in problems if problem.item_noted]
    notices = [problem for problem in problems if not problem.needs_review]
    how = "detected" if reading.detected else "chosen"
    lines = [
        f"# Review of {source}",
        "",
        f"- Layout: {reading.layout} ({how}), read from {reading.source_format.upper()}.",
        f"- Document: {draft.document.label or draft.document.title or draft.document.identifier} "
        f"<{draft.document.iri}>" + (f", address {draft.document.website}" if draft.document.website else ""),
        f"- Count check: {reading.count_check}.",
        "- Verdict: "
        + (
            "check the points below before `cyberkg add`."
            if reading.needs_review
            else "nothing to review; `cyberkg validate` the draft, then `cyberkg add` it."
        ),
        "",
        f"## To check ({len(to_check)})",
        "",
    ]
    lines += [_problem_line(problem) for problem in to_check] or ["Nothing."]
    lines += ["", f"## Drafted ({reading.drafted})", ""]
    for event in draft.events:
        lines += _event_lines(event)
    for action in draft.treaty_actions:
        lines += _action_lines(action, draft)
    if not reading.drafted:
        lines.append("Nothing.")
    lines += ["", f"## Names resolved ({len(draft.resolutions)})", ""]
    lines += _resolution_table(draft.resolutions)
    lines += ["", f"## Noted, not drafted ({reading.noted})", ""]
    lines += [_problem_line(problem) for problem in noted] or ["Nothing."]
    lines += ["", f"## Notices ({len(notices)})", ""]
    lines += [_problem_line(problem) for problem in notices] or ["Nothing."]
    return "\n".join(lines) + "\n"


def _problem_line(problem: Problem) -> str:
    where = f"line {problem.line}" if problem.line is not None else "whole file"
    return f"- {where}: {problem.message}"


def _excerpt(text: str | None) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= EXCERPT else flat[: EXCERPT - 1].rsplit(" ", 1)[0] + " …"


def _event_lines(event: DraftEvent) -> list[str]:
    dates = (
        f"{event.start.lexical} to {event.end.lexical}"
        if event.start and event.end and event.start != event.end
        else (event.start.lexical if event.start else "not read")
    )
    places = ", ".join(f"{city.label} ({city.country}) <city:{city.slug}>" for city in event.cities) or "not read"
    lines = [
        f"### {event.label}",
        "",
        f"- Node: <{event.iri}>, {' + '.join(event.kind.draft_classes)}, {event.status}",
        f"- From line {event.line} ({event.passage.location}): “{_excerpt(event.passage.row_text)}”",
        f"- Date: “{event.date_as_written}” read as {dates}",
        f"- Place: “{event.place_as_written}” read as {places}",
    ]
    lines += [f"- Note: {note}" for note in event.notes]
    return lines + [""]


def _action_lines(action: DraftTreatyAction, draft: Draft) -> list[str]:
    passage = next((p for p in draft.passages if p.iri == action.passage_iri), None)
    where = f"line {action.line}" if action.line is not None else "the document"
    lines = [
        f"### {action.label}",
        "",
        (
            f"- Node: <{invitation_iri(action)}>, ckg:Decision, {action.kind} on {action.day}"
            if action.kind == "InvitationToAccede"
            else f"- Node: <{action.iri}>, ckg:TreatyAction, {action.kind} on {action.day}"
        )
        + (f", follows <{action.follows}>" if action.follows else ""),
        f"- From {where}" + (f" ({passage.location}): “{_excerpt(passage.row_text)}”" if passage else ""),
    ]
    lines += [f"- Note: {note}" for note in action.notes]
    return lines + [""]


def _resolution_table(resolutions: list[Resolution]) -> list[str]:
    if not resolutions:
        return ["Nothing."]
    rows = ["| line | kind | as written | resolved to | how | score |", "|---|---|---|---|---|---|"]
    seen: set[tuple] = set()
    for found in resolutions:
        key = (found.line, found.kind, found.written, found.iri, found.how)
        if key in seen:
            continue
        seen.add(key)
        target = f"<{found.iri}> ({found.matched_name})" if found.iri else "**not resolved**"
        how = found.how
        if found.iri is None and found.candidates:
            how += "; closest: " + ", ".join(f"{c.name} ({c.score:.0f})" for c in found.candidates)
        written = found.written.replace("|", "\\|")
        rows.append(f"| {found.line or ''} | {found.kind} | {written} | {target} | {how} | {found.score:.0f} |")
    return rows
