"""Where things are on disk: the repository, the state folder, each process's inbox and archive.

One place for these, so the CLI, the Airflow tasks and the local stack never work
them out differently."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def hornsten_home() -> Path:
    """The state folder ($HORNSTEN_HOME, default .hornsten/ in the repository)."""
    return Path(os.environ.get("HORNSTEN_HOME", REPO_ROOT / ".hornsten"))
