"""The folders the code finds on its own: the repository and the shared folder beside it."""

from __future__ import annotations

import pytest

from hornsten.paths import REPO_ROOT, shared_dir
from hornsten.tagging import evaluation


def test_shared_dir_is_beside_the_repository_unless_set(monkeypatch, tmp_path):
    monkeypatch.delenv("HORNSTEN_SHARED_DIR", raising=False)
    assert shared_dir() == REPO_ROOT.parent / "shared"
    monkeypatch.setenv("HORNSTEN_SHARED_DIR", str(tmp_path))
    assert shared_dir() == tmp_path


def test_eval_reads_the_dev_set_from_the_shared_folder():
    # The hand-labelled dev set measures the tagging; it is not copied into the repository,
    # so that it never becomes test or training data of its own.
    assert evaluation.DEFAULT_ANSWERS.parent.parent == shared_dir()
    if not evaluation.DEFAULT_ANSWERS.exists():
        pytest.skip(f"no dev set at {evaluation.DEFAULT_ANSWERS} (set HORNSTEN_SHARED_DIR to the shared folder)")
    answers = evaluation.read_labelled(evaluation.DEFAULT_ANSWERS)
    assert len(answers) > 10
