"""The ``cyberkg`` command: a thin click group over the library.

Each subcommand lives in its own module under ``cyberkg.commands`` and is
imported only when it runs, so ``cyberkg query`` never imports pySHACL or
networkx. Library errors (:class:`cyberkg.errors.CyberkgError`) become one
line on standard error and an exit code:

- 0: success (and, for ``validate``, the data conforms);
- 1: the data does not conform to the shapes;
- 2: an error: unusable input, unknown query, unreachable endpoint, a time limit reached;
- 130: stopped by Ctrl-C.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

import click

from cyberkg import __version__
from cyberkg.errors import CyberkgError
from cyberkg.store.checkout import ROOT_VARIABLE

INTERRUPTED = 130  # 128 + SIGINT, as shells report a command stopped by Ctrl-C

# Command name -> "module:attribute" of its click command, in the order --help lists them.
COMMANDS: dict[str, str] = {
    "demo": "cyberkg.commands.demo:command",
    "query": "cyberkg.commands.query:command",
    "queries": "cyberkg.commands.queries:command",
    "validate": "cyberkg.commands.validate:command",
    "add": "cyberkg.commands.add:command",
    "conflicts": "cyberkg.commands.conflicts:command",
    "build": "cyberkg.commands.build:command",
    "serve": "cyberkg.commands.serve:command",
    "warm": "cyberkg.commands.warm:command",
    "push": "cyberkg.commands.push:command",
    "read-report": "cyberkg.commands.read_report:command",
    "network": "cyberkg.commands.network:command",
    "export": "cyberkg.commands.export:command",
    "timeline": "cyberkg.commands.timeline:command",
    "map": "cyberkg.commands.map:command",
    "bench": "cyberkg.commands.bench:command",
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        return getattr(importlib.import_module(module_name), attribute)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cyberkg")
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    envvar=ROOT_VARIABLE,
    default=None,
    help="The working copy of the data (a folder with ontology/, graph/, shapes/, queries/), where "
    "`add` writes; also $CYBERKG_ROOT. Default: the clone the package runs from, else the data "
    "shipped in the installed package (read-only).",
)
def group(root: Path | None) -> None:
    """Query, validate and draw the knowledge graph of the Council of Europe's work against cybercrime.

    Exit codes: 0 ok; 1 data does not conform to the shapes; 2 error (bad input, unknown query,
    unreachable endpoint, time limit reached); 130 stopped by Ctrl-C.
    """
    if root is not None:
        # The library and any process a command starts read the working copy from the environment.
        os.environ[ROOT_VARIABLE] = str(root.resolve())


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the group and turn package errors into one-line messages and exit codes."""
    try:
        result = group.main(args=argv, prog_name="cyberkg", standalone_mode=False)
    except CyberkgError as error:
        click.echo(f"cyberkg: error: {error}", err=True)
        return error.exit_code
    except click.exceptions.Abort as abort:
        if isinstance(abort.__cause__, KeyboardInterrupt):
            click.echo("cyberkg: interrupted", err=True)
            return INTERRUPTED
        click.echo("cyberkg: aborted", err=True)
        return 2
    except KeyboardInterrupt:
        click.echo("\ncyberkg: interrupted", err=True)
        return INTERRUPTED
    except click.ClickException as error:
        error.show()
        return 2
    except click.exceptions.Exit as exit_:
        return exit_.exit_code
    # A command returns None for success, or an int exit code for a non-error outcome
    # such as 1 for "does not conform".
    return result if isinstance(result, int) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
