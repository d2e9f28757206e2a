"""Where things are on disk: the repository, the state folder, the shared reference folder.

One place for these, so the CLI, the Airflow tasks and the local stack never work
them out differently."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def hornsten_home() -> Path:
    """The state folder ($HORNSTEN_HOME, default .hornsten/ in the repository)."""
    return Path(os.environ.get("HORNSTEN_HOME", REPO_ROOT / ".hornsten"))


def shared_dir() -> Path:
    """The folder shared beside the repository ($HORNSTEN_SHARED_DIR, default ../shared).

    It holds what is not the project's to ship, such as the hand-labelled dev set
    (reference/dev_answers.csv) that ``hornsten eval`` measures the tagging against."""
    return Path(os.environ.get("HORNSTEN_SHARED_DIR") or REPO_ROOT.parent / "shared")
