"""Each process reads its own dialogue and remiss inbox; a template of another process is
rejected with the path of that process's real inbox (hornsten.paths.inbox_dir)."""

from __future__ import annotations

import shutil

import psycopg
import pytest

from hornsten import paths
from hornsten.config import load_process
from hornsten.demo import templates as ts
from hornsten.forms import ingest as template_ingest

pytestmark = pytest.mark.integration

CORNERSTONE_CODES = ("trygghet", "stadsmiljo", "resor", "utbildning", "kultur_fritid")


@pytest.fixture
def db(warehouse_dsn):
    with psycopg.connect(warehouse_dsn, autocommit=True) as conn:
        conn.execute(
            "truncate raw.dialogue_meetings, raw.remiss_responses, restricted.dialogue_statements_original, "
            "restricted.remiss_comments_original, restricted.quarantine, raw.load_log cascade"
        )
        yield conn


@pytest.fixture
def inboxes(tmp_path, monkeypatch):
    monkeypatch.setenv("HORNSTEN_INBOX", str(tmp_path / "inbox"))
    monkeypatch.setenv("HORNSTEN_ARCHIVE", str(tmp_path / "archive"))
    return tmp_path


@pytest.fixture(scope="module")
def cornerstones():
    return [t for t in template_ingest.codebook_themes() if t.code in CORNERSTONE_CODES]


def test_a_template_of_another_process_names_that_process_s_inbox(db, norrkoping, cornerstones, inboxes):
    skelleftea = load_process("skelleftea_2030")
    (made, *_) = ts.generate_dialogue_templates(skelleftea, cornerstones, inboxes / "made", seed=3)
    own = paths.inbox_dir(norrkoping.process, "dialogue")
    own.mkdir(parents=True)
    shutil.copy2(made, own / made.name)

    summary = template_ingest.ingest_inbox(db, norrkoping, "dialogue")

    (result,) = summary["results"]
    theirs = paths.inbox_dir("skelleftea_2030", "dialogue")
    assert result["status"] == "failed"
    assert result["error"].endswith(f"not 'norrkoping_vision_2035'; move it to {theirs}/")
    assert theirs == inboxes / "inbox" / "skelleftea_2030" / "dialogue"
    assert summary["landed"] == 0 and summary["load_ids"] == []
    # Archived under the process that rejected it, with the reason beside it.
    (reason,) = (inboxes / "archive" / "norrkoping_vision_2035" / "dialogue" / "failed").glob("*.reason.txt")
    assert str(theirs) in reason.read_text(encoding="utf-8")
    assert list(own.iterdir()) == []

    # Moved where the message says, Skellefteå's own run loads it.
    theirs.mkdir(parents=True)
    shutil.copy2(made, theirs / made.name)
    other = template_ingest.ingest_inbox(db, skelleftea, "dialogue")
    assert [r["status"] for r in other["results"]] == ["loaded"] and other["landed"] == 1


def test_each_process_reads_only_its_own_inbox(db, norrkoping, cornerstones, inboxes):
    made = ts.generate_remiss_templates(norrkoping, cornerstones, inboxes / "made", seed=5)[:2]
    own = paths.inbox_dir(norrkoping.process, "remiss")
    own.mkdir(parents=True)
    for path in made:
        shutil.copy2(path, own / path.name)
    skelleftea = load_process("skelleftea_2030")
    assert template_ingest.ingest_inbox(db, skelleftea, "remiss")["results"] == []
    summary = template_ingest.ingest_inbox(db, norrkoping, "remiss")
    assert summary["landed"] == 2 and len(summary["load_ids"]) == 2
    archived = list((inboxes / "archive" / "norrkoping_vision_2035" / "remiss").rglob("*.xlsx"))
    assert len(archived) == 2


def test_a_template_left_in_the_old_shared_inbox_is_reported_not_lost(db, norrkoping, cornerstones, inboxes):
    (made, *_) = ts.generate_dialogue_templates(norrkoping, cornerstones, inboxes / "made", seed=4)
    shared = inboxes / "inbox" / "dialogue"
    shared.mkdir(parents=True)
    shutil.copy2(made, shared / made.name)

    summary = template_ingest.ingest_inbox(db, norrkoping, "dialogue")

    assert summary["results"] == [] and summary["landed"] == 0
    own = paths.inbox_dir(norrkoping.process, "dialogue")
    assert summary["misplaced"] == [
        {"file": str(shared / made.name), "move_to": f"{own}/", "reason": "the old shared dialogue inbox"}
    ]
    assert (shared / made.name).exists()  # left where it was, for a person to move
