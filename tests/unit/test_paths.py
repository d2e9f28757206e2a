"""The folders the code works out in one place (hornsten.paths): every inbox per process and
dataset, the repository and the shared folder beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from hornsten import paths
from hornsten.paths import REPO_ROOT, shared_dir
from hornsten.tagging import evaluation
from tests.dev_set import require_dev_set


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("HORNSTEN_HOME", str(tmp_path))
    monkeypatch.delenv("HORNSTEN_INBOX", raising=False)
    monkeypatch.delenv("HORNSTEN_ARCHIVE", raising=False)
    return tmp_path


@pytest.mark.parametrize("dataset", ["survey", "valuation", "dialogue", "remiss"])
def test_each_process_has_an_inbox_per_dataset(home, dataset):
    assert paths.inbox_dir("norrkoping_vision_2035", dataset) == home / "inbox" / "norrkoping_vision_2035" / dataset
    assert paths.inbox_dir("skelleftea_2030", dataset) == home / "inbox" / "skelleftea_2030" / dataset


def test_the_inbox_root_and_archive_can_be_moved(home, monkeypatch, tmp_path):
    monkeypatch.setenv("HORNSTEN_INBOX", str(tmp_path / "shared" / "in"))
    monkeypatch.setenv("HORNSTEN_ARCHIVE", str(tmp_path / "shared" / "done"))
    assert paths.inbox_dir("skelleftea_2030", "remiss") == tmp_path / "shared" / "in" / "skelleftea_2030" / "remiss"
    assert paths.archive_dir("skelleftea_2030") == tmp_path / "shared" / "done" / "skelleftea_2030"
    # The local stack passes its own root (Settings.inbox).
    assert paths.inbox_dir("p", "survey", root=Path("/x/inbox")) == Path("/x/inbox/p/survey")


def test_an_unknown_dataset_is_refused(home):
    expected = "unknown inbox 'valuations'; expected survey, priorities, valuation, dialogue or remiss"
    with pytest.raises(ValueError, match=expected):
        paths.inbox_dir("norrkoping_vision_2035", "valuations")


def test_files_left_where_the_old_layout_put_them_are_found(home):
    root = home / "inbox"
    own = root / "norrkoping_vision_2035"
    (own / "survey").mkdir(parents=True)
    (root / "dialogue").mkdir()
    (own / "survey" / "ok.csv").write_text("x")  # the right place: not misplaced
    (root / "export.csv").write_text("x")  # the old survey inbox root
    (own / "export2.xlsx").write_text("x")  # the old inbox/<process>/
    (own / ".hidden.csv").write_text("x")
    (root / "dialogue" / "mote.xlsx").write_text("x")  # the old shared dialogue inbox
    (root / "dialogue" / "~$mote.xlsx").write_text("x")  # Excel's lock file
    found = paths.misplaced_inbox_files("norrkoping_vision_2035", "survey")
    assert found == [root / "export.csv", own / "export2.xlsx"]
    assert paths.misplaced_inbox_files("norrkoping_vision_2035", "dialogue") == [root / "dialogue" / "mote.xlsx"]
    assert paths.misplaced_inbox_files("norrkoping_vision_2035", "remiss") == []


def test_the_airflow_tasks_read_the_same_folders(home):
    from hornsten.airflow import tasks

    for dataset in paths.INBOX_DATASETS:
        assert tasks.inbox_for("norrkoping_vision_2035", dataset) == paths.inbox_dir("norrkoping_vision_2035", dataset)


def test_a_misplaced_file_fails_the_run_with_where_it_belongs(home):
    from hornsten.airflow import tasks

    (home / "inbox" / "dialogue").mkdir(parents=True)
    (home / "inbox" / "dialogue" / "mote.xlsx").write_text("x")
    misplaced = paths.misplaced_report("skelleftea_2030", "dialogue")
    own = home / "inbox" / "skelleftea_2030" / "dialogue"
    assert misplaced == [
        {
            "file": str(home / "inbox" / "dialogue" / "mote.xlsx"),
            "move_to": f"{own}/",
            "reason": "the old shared dialogue inbox",
        }
    ]
    summary = {
        "results": [{"file": "trasig.xlsx", "status": "failed", "error": "unknown forum"}],
        "misplaced": misplaced,
    }
    assert tasks.failed_files(summary) == [
        "trasig.xlsx: unknown forum",
        f"{home}/inbox/dialogue/mote.xlsx: in the old shared dialogue inbox, which is not read any more; "
        f"move it to {own}/",
    ]


def test_shared_dir_is_beside_the_repository_unless_set(monkeypatch, tmp_path):
    monkeypatch.delenv("HORNSTEN_SHARED_DIR", raising=False)
    assert shared_dir() == REPO_ROOT.parent / "shared"
    monkeypatch.setenv("HORNSTEN_SHARED_DIR", str(tmp_path))
    assert shared_dir() == tmp_path


def test_eval_reads_the_dev_set_from_the_shared_folder():
    # The hand-labelled dev set measures the tagging; it is not copied into the repository,
    # so that it never becomes test or training data of its own.
    assert evaluation.DEFAULT_ANSWERS.parent.parent == shared_dir()
    answers = evaluation.read_labelled(require_dev_set())
    assert len(answers) > 10
