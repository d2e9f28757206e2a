"""The hand-labelled dev set, which lives in the shared folder beside the clone and is
never copied into the repository: tests that measure against it skip where it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from hornsten.tagging import evaluation


def require_dev_set() -> Path:
    if not evaluation.DEFAULT_ANSWERS.exists():
        pytest.skip(f"no dev set at {evaluation.DEFAULT_ANSWERS} (set HORNSTEN_SHARED_DIR to the shared folder)")
    return evaluation.DEFAULT_ANSWERS
