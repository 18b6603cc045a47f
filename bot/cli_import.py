"""`layoffbot kb` subcommands defined in this module are added to the `kb` group by `register`."""

from __future__ import annotations

import click


def register(kb: click.Group) -> None:
    """Add this module's commands to the `kb` group."""
