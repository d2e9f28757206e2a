import pytest

from hornsten.tagging.reviewed import Decision, NoReviews, format_reviewed, reviewed_metrics


def test_accepts_rejects_and_adds_are_true_false_positives_and_misses():
    decisions = [
        Decision("a1", "skola", "accept"),
        Decision("a1", "kollektivtrafik", "reject"),
        Decision("a2", "skola", "accept"),
        Decision("a2", "otrygghet", "add"),
        Decision("a3", "skola", "reject"),
    ]
    report = reviewed_metrics(decisions)
    assert (report["tp"], report["fp"], report["fn"]) == (2, 2, 1)
    assert report["precision"] == 0.5 and report["recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert report["f1"] == pytest.approx(4 / 7, abs=1e-4)
    assert (report["decisions"], report["answers"]) == (5, 3)
    rows = {r["component"]: r for r in report["per_component"]}
    assert (rows["skola"]["tp"], rows["skola"]["fp"], rows["skola"]["precision"]) == (2, 1, pytest.approx(0.6667))
    assert rows["otrygghet"]["recall"] == 0.0
    low, high = report["f1_ci"]
    assert low <= report["f1"] <= high
    assert "accepted 2, rejected 2, added 1" in format_reviewed(report)


def test_no_decisions_is_said_in_one_sentence():
    with pytest.raises(NoReviews, match="no review decisions yet"):
        reviewed_metrics([])
