import pytest

from hornsten.tagging.evaluation import EvaluationError, check_labels, format_report, read_labelled, score

F = frozenset


def test_perfect_predictions_score_one():
    gold = {"a": F({"x"}), "b": F({"y", "z"}), "c": F()}
    report = score(gold, dict(gold), ["x", "y", "z"])
    assert report["micro_f1"] == report["macro_f1"] == 1.0
    assert report["exact_match"] == 1.0


def test_micro_and_macro_by_hand():
    gold = {"1": F({"x"}), "2": F({"x"}), "3": F({"y"}), "4": F()}
    predicted = {"1": F({"x"}), "2": F(), "3": F({"y", "x"}), "4": F({"y"})}
    report = score(gold, predicted, ["x", "y", "z"])
    # x: tp 1, fp 1, fn 1 -> p .5 r .5 f .5 ; y: tp 1, fp 1, fn 0 -> p .5 r 1 f .667
    rows = {r["component"]: r for r in report["per_component"]}
    assert (rows["x"]["tp"], rows["x"]["fp"], rows["x"]["fn"]) == (1, 1, 1)
    assert rows["y"]["f1"] == pytest.approx(0.6667, abs=1e-4)
    assert "z" not in rows  # never labelled nor predicted: no defined F1, left out of macro
    assert report["micro_precision"] == 0.5 and report["micro_recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert report["micro_f1"] == pytest.approx(0.5714, abs=1e-4)
    assert report["macro_f1"] == pytest.approx((0.5 + 0.6667) / 2, abs=1e-3)
    assert report["exact_match"] == 0.25  # only answer 1 has exactly the gold set


def test_missing_prediction_counts_as_untagged():
    report = score({"1": F({"x"})}, {}, ["x"])
    assert report["micro_recall"] == 0.0 and report["per_component"][0]["fn"] == 1


def test_read_labelled_and_errors(tmp_path):
    good = tmp_path / "a.csv"
    good.write_text(
        "id,question,text,components\nd1,idag,Bra bussar,kollektivtrafik\nd2,idag,Vet ej,\n"
        'd3,battre,"Cykel, parker",cykel_gang; gronomraden\n',
        encoding="utf-8",
    )
    answers = read_labelled(good)
    assert [a.components for a in answers] == [F({"kollektivtrafik"}), F(), F({"cykel_gang", "gronomraden"})]
    bad = tmp_path / "b.csv"
    bad.write_text("id,text\n1,x\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match="missing column\\(s\\) question, components"):
        read_labelled(bad)
    dup = tmp_path / "c.csv"
    dup.write_text("id,question,text,components\n1,a,x,\n1,a,y,\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match="duplicate id '1'"):
        read_labelled(dup)
    with pytest.raises(EvaluationError, match="not in the codebook: nope"):
        check_labels(
            answers + [type(answers[0])("z", "idag", "t", F({"nope"}))],
            {"kollektivtrafik", "cykel_gang", "gronomraden"},
        )


def test_report_text_has_the_headline_figures():
    report = score({"1": F({"x"})}, {"1": F({"x"})}, ["x"])
    report["source"] = "test.csv"
    text = format_report(report)
    assert "micro" in text and "macro" in text and "x " in text and "1.000" in text
