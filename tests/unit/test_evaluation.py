import pytest

from hornsten.tagging.evaluation import (
    EvaluationError,
    Evidence,
    answer_counts,
    bootstrap_f1_ci,
    check_labels,
    error_list,
    error_rows,
    format_errors,
    format_report,
    read_labelled,
    score,
)

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


# ------------------------------------------------------------------ bootstrap interval
def _counts(n_right: int, n_wrong: int) -> list[tuple[int, int, int]]:
    """n_right answers tagged exactly right, n_wrong with one false positive and one miss."""
    return [(1, 0, 0)] * n_right + [(0, 1, 1)] * n_wrong


def test_bootstrap_interval_is_deterministic_with_its_seed():
    counts = [(i % 3, i % 2, (i // 2) % 2) for i in range(57)]
    assert bootstrap_f1_ci(counts, seed=5) == bootstrap_f1_ci(counts, seed=5)
    assert bootstrap_f1_ci(counts, seed=5) != bootstrap_f1_ci(counts, seed=6)


def test_bootstrap_interval_contains_the_point_estimate():
    gold = {str(i): F({"x"}) for i in range(40)}
    predicted = {str(i): F({"x"}) if i % 4 else F({"y"}) for i in range(40)}
    report = score(gold, predicted, ["x", "y"])
    low, high = bootstrap_f1_ci(answer_counts(gold, predicted, ["x", "y"]))
    assert low < report["micro_f1"] < high
    assert low >= 0.0 and high <= 1.0


def test_bootstrap_interval_narrows_with_more_answers():
    small_low, small_high = bootstrap_f1_ci(_counts(30, 10))
    big_low, big_high = bootstrap_f1_ci(_counts(3000, 1000))
    assert big_high - big_low < (small_high - small_low) / 5
    assert big_high - big_low < 0.03 and big_low < 0.75 < big_high


def test_perfect_tagging_has_a_degenerate_interval():
    assert bootstrap_f1_ci(_counts(20, 0)) == [1.0, 1.0]
    assert bootstrap_f1_ci([]) == [0.0, 0.0]


def test_answer_counts_ignore_components_outside_the_codebook():
    counts = answer_counts({"1": F({"x", "gone"})}, {"1": F({"x", "y", "other"})}, ["x", "y"])
    assert counts == [(1, 1, 0)]


# ------------------------------------------------------------------ error list
def test_error_list_names_false_positives_and_negatives_with_their_evidence():
    gold = {"1": F({"x"}), "2": F({"y"}), "3": F()}
    predicted = {"1": F({"x", "y"}), "2": F(), "3": F()}
    evidence = {
        ("1", "y"): Evidence(("buss",), ("bussen",)),
        ("2", "y"): Evidence(("kolmård",), ("kolmården",), "place name in passing"),
    }
    texts = {"1": "Jag tar bussen till skolan", "2": "Simhall i Kolmården", "3": "Inget"}
    errors = error_list(gold, predicted, texts, evidence)
    assert list(errors) == ["y"]
    fp, fn = errors["y"]
    assert (fp["kind"], fp["answer_id"], fp["matched_words"], fp["held_back"]) == ("fp", "1", ["bussen"], None)
    assert fp["text"] == "Jag tar bussen till skolan"
    assert (fn["kind"], fn["answer_id"], fn["matched_terms"]) == ("fn", "2", ["kolmård"])
    assert fn["held_back"] == "place name in passing"
    rows = error_rows(errors)
    assert rows[1] == {
        "component": "y",
        "kind": "fn",
        "answer_id": "2",
        "text": "Simhall i Kolmården",
        "matched_terms": "kolmård",
        "matched_words": "kolmården",
        "held_back": "place name in passing",
    }
    text = format_errors(errors)
    assert "y: 1 fp, 1 fn" in text and "held back: place name in passing" in text


def test_a_miss_without_any_matching_word_says_so():
    errors = error_list({"1": F({"x"})}, {}, {"1": "Bra"}, {})
    assert errors["x"][0]["matched_words"] == [] and "no matching word" in format_errors(errors)


def test_report_text_prints_the_interval():
    gold = {"1": F({"x"}), "2": F({"x"})}
    report = score(gold, gold, ["x"])
    report["micro_f1_ci"] = [0.812, 0.934]
    report["source"] = "test.csv"
    assert "95% confidence interval (bootstrap over answers): 0.812–0.934" in format_report(report)


def test_a_missing_default_dev_set_says_how_to_find_the_shared_folder(tmp_path, monkeypatch):
    from hornsten.tagging import evaluation

    monkeypatch.setattr(evaluation, "DEFAULT_ANSWERS", tmp_path / "reference" / "dev_answers.csv")
    with pytest.raises(EvaluationError, match="HORNSTEN_SHARED_DIR"):
        read_labelled(evaluation.DEFAULT_ANSWERS)
    with pytest.raises(EvaluationError) as other:
        read_labelled(tmp_path / "mine.csv")
    assert "HORNSTEN_SHARED_DIR" not in str(other.value)
