"""``hornsten privacy eval``: the labelled set meets the targets of issue 11, and the
measurement itself is sound (it can fail)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from hornsten.cli.app import main
from hornsten.privacy import evaluation


@pytest.fixture(scope="module")
def report() -> dict:
    return evaluation.evaluate()


def test_labelled_set_is_large_enough(report: dict) -> None:
    parts = report["parts"]
    assert parts["dev"]["sentences"] >= 300
    assert parts["heldout"]["sentences"] >= 100
    # Enough of every kind and of the hard negatives for the targets to mean something.
    for kind in evaluation.RECALL_TARGETS:
        assert parts["all"]["kinds"][kind]["labelled"] >= 40
    assert parts["all"]["place_sentences"] >= 100


@pytest.mark.parametrize("part", ["dev", "heldout"])
def test_targets_met_on_each_part(report: dict, part: str) -> None:
    scores = report["parts"][part]
    assert scores["missed_targets"] == []
    for kind, target in evaluation.RECALL_TARGETS.items():
        assert scores["kinds"][kind]["recall"] >= target
    assert scores["place_changed_share"] <= evaluation.PLACE_CHANGED_TARGET


def test_a_missed_target_fails_the_command(tmp_path) -> None:
    # Names the detector cannot know without context: recall 0, so the exit code is 1.
    path = tmp_path / "hard.csv"
    path.write_text(
        "id,part,category,text,entities\n"
        "x1,dev,person,Vi träffade Zlatko vid ån.,namn=Zlatko\n"
        "x2,dev,place,Navestad är fint.,\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["privacy", "eval", "--sentences", str(path), "--json"])
    assert result.exit_code == 1
    figures = json.loads(result.output)
    assert figures["parts"]["dev"]["kinds"]["namn"] == {
        "labelled": 1,
        "found": 0,
        "predicted": 0,
        "correct": 0,
        "recall": 0.0,
        "precision": None,
    }
    assert "dev: namn recall 0.0 < 0.9" in figures["missed_targets"]


def test_bad_label_is_one_clear_sentence(tmp_path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("id,part,category,text,entities\nx1,dev,person,Hej Anna.,namn=Berit\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["privacy", "eval", "--sentences", str(path)])
    assert result.exit_code == 1
    assert "row 2: 'Berit' is not in the text" in result.output
    assert "Traceback" not in result.output
