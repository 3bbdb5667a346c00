"""The subcommands of ``cyberkg``, one module each, imported lazily by ``cyberkg.cli``."""
