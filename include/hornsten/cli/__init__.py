"""The ``hornsten`` command line: thin commands over the same service functions the DAG tasks call."""

from hornsten.cli.app import main

__all__ = ["main"]
