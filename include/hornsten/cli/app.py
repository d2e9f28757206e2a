"""The ``hornsten`` command group: one module per command group, registered here."""

from __future__ import annotations

import click

from hornsten.cli import (
    committee,
    demo,
    dialogue,
    erasure,
    priorities,
    privacy,
    publish,
    remiss,
    reports,
    retention,
    review,
    stack,
    survey,
    tagging,
    warehouse,
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="hornsten")
def main() -> None:
    """Hörnsten: from citizen survey answers to a vision's cornerstones.

    Local state lives in $HORNSTEN_HOME (default: .hornsten/ in the repository).
    """


for module in (
    stack,
    survey,
    priorities,
    committee,
    warehouse,
    tagging,
    review,
    privacy,
    dialogue,
    remiss,
    reports,
    publish,
    erasure,
    retention,
    demo,
):
    for command in module.COMMANDS:
        main.add_command(command)
