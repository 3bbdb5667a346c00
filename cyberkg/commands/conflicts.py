"""``cyberkg conflicts``: list the facts whose sources give values that cannot both be true."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from cyberkg.commands.options import location_option, open_graph


@click.command()
@click.option("--thing", metavar="IRI", default=None, help="Only the facts of this thing (an event, project ...).")
@click.option(
    "--all",
    "show_all",
    is_flag=True,
    help="List every fact that has claims, not only those in conflict (refinements and agreements too).",
)
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
@location_option
def command(thing: str | None, show_all: bool, fmt: str, location: Path | None) -> int:
    """List facts whose sources disagree, each value side by side with its qualifier, rank and source.

    Values of different kinds (planned and actual) or held at different dates do not disagree; a value
    that only makes another finer (a day in its month) refines it. Exit code 0 whether or not there are
    conflicts; 2 on unusable input.
    """
    from functools import partial

    import pyoxigraph

    from cyberkg.claims import disagreeing_facts, fact_values
    from cyberkg.claims.facts import fact_summary
    from cyberkg.query.formats import store_labeler
    from cyberkg.query.library import find_query, select

    store = open_graph(location)
    facts = fact_values(find_query("fact-values"), partial(select, store), thing=thing)
    shown = facts if show_all else disagreeing_facts(facts)
    if fmt == "json":
        click.echo(json.dumps([_as_json(fact) for fact in shown], indent=2, ensure_ascii=False))
        return 0
    names = store_labeler(store)

    def label(iri: str) -> str:
        return names(pyoxigraph.NamedNode(iri)) or iri

    for fact in shown:
        click.echo("\n".join(fact_summary(fact, label)))
        click.echo("")
    noun = "fact" if len(shown) == 1 else "facts"
    click.echo(f"{len(shown)} {noun} {'with claims' if show_all else 'in conflict'}.")
    return 0


def _as_json(fact: Any) -> dict[str, Any]:
    return {
        "thing": fact.thing,
        "thingLabel": fact.thing_label,
        "fact": fact.fact,
        "kind": fact.kind,
        "asOf": fact.as_of,
        "conflicts": fact.conflicts,
        "values": [
            {
                "property": value.property_iri,
                "value": value.value.value,
                "qualifier": value.qualifier,
                "rank": value.rank,
                "asWritten": value.as_written,
                "claim": value.claim,
                "sources": list(value.sources),
            }
            for value in fact.values
        ],
    }
