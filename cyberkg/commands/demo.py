"""``cyberkg demo``: the main job, answered from the embedded graph."""

from __future__ import annotations

import click

DEMO_QUERY = "meetings-promoting-accession"


@click.command()
def command() -> None:
    """Which meetings promoted accession to the Convention on Cybercrime, and for which country?"""
    from cyberkg.query.formats import to_table
    from cyberkg.query.library import QueryResult, find_query, run
    from cyberkg.store.loading import load_store

    query = find_query(DEMO_QUERY)
    result = run(load_store(), query)
    columns = ["eventLabel", "start", "cityLabel", "countryLabel", "instrumentLabel"]
    index = [result.columns.index(column) for column in columns]
    shown = QueryResult(
        columns=["meeting", "date", "city", "country", "instrument"],
        rows=[tuple(row[i] for i in index) for row in result.rows],
    )
    click.echo(query.summary)
    click.echo(to_table(shown))
