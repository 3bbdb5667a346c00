"""``cyberkg queries``: list the query library."""

from __future__ import annotations

import click


@click.command()
def command() -> None:
    """List the library's queries with their titles, parameters and the source rows that answer them."""
    from cyberkg.query.library import list_queries

    for query in list_queries():
        click.echo(f"{query.name}\n    {query.title}: {query.summary}")
        for parameter in query.parameters:
            default = f" (default {parameter.default})" if parameter.default else ""
            click.echo(f"    --param {parameter.name}=<{parameter.type}>  {parameter.description}{default}")
        if query.sources:
            click.echo(f"    sources: {query.sources}")
