"""The dialogue and remiss GX suites bind to the process configuration (no database)."""

from __future__ import annotations

import pytest

from hornsten.config import load_process
from hornsten.quality import checkpoint as quality
from hornsten.tagging.codebook import codebook_themes


@pytest.fixture(scope="module")
def skelleftea():
    return load_process("skelleftea_2030")


def _suite(dataset: str, name: str) -> dict:
    return next(s for s in quality.load_suite_specs(dataset) if s["name"] == name)


def _bound(config, dataset: str, name: str) -> list[tuple[str, dict, bool]]:
    return quality.bind_expectations(_suite(dataset, name), config)


def _in_set(bound, column: str, condition: str | None = None) -> tuple[list, bool]:
    matches = [
        (kw["value_set"], critical)
        for t, kw, critical in bound
        if t == "expect_column_values_to_be_in_set"
        and kw["column"] == column
        and (condition is None or (kw.get("row_condition") or {}).get("parameter") == condition)
    ]
    assert len(matches) == 1, matches
    return matches[0]


def test_each_dataset_has_its_suite_file_and_every_batch_has_a_query(norrkoping):
    assert quality.suites_file_for("survey") == "survey_batch.yml"
    assert quality.load_suite_specs("survey") == quality.load_suite_specs()
    for dataset in quality.DATASETS:
        queries = quality.batch_queries(norrkoping, [1], dataset)
        specs = quality.load_suite_specs(dataset)
        assert specs, dataset
        assert {s["batch"] for s in specs} <= set(queries), dataset
    assert {s["name"] for s in quality.load_suite_specs("dialogue")} == {
        "dialogue_meetings",
        "dialogue_statements",
        "dialogue_poll_results",
    }
    assert {s["name"] for s in quality.load_suite_specs("remiss")} == {"remiss_responses", "remiss_positions"}


def test_unknown_dataset_is_refused(norrkoping):
    with pytest.raises(ValueError, match="unknown dataset 'valuation'"):
        quality.batch_queries(norrkoping, [1], "valuation")
    with pytest.raises(ValueError, match="unknown dataset"):
        quality.suites_file_for("valuation")


@pytest.mark.parametrize("process", ["norrkoping_vision_2035", "skelleftea_2030"])
@pytest.mark.parametrize("dataset", ["survey", "dialogue", "remiss"])
def test_every_bound_expectation_is_a_valid_gx_expectation(process, dataset):
    """Binding fills every $parameter and GX accepts the resulting kwargs (pydantic-validated)."""
    config = load_process(process)
    for spec in quality.load_suite_specs(dataset):
        bound = quality.bind_expectations(spec, config)
        assert bound, spec["name"]
        for expectation_type, kwargs, critical in bound:
            assert not any(isinstance(v, str) and v.startswith("$") for v in kwargs.values()), kwargs
            quality._gx_class(expectation_type)(**kwargs, severity="critical" if critical else "warning")


def test_dialogue_meetings_bind_forums_target_groups_and_the_dialogue_window(norrkoping):
    bound = _bound(norrkoping, "dialogue", "dialogue_meetings")
    forums, critical = _in_set(bound, "forum")
    assert forums == [f.code for f in norrkoping.dialogue.forums] and "pensionarsradet" in forums and critical
    groups, critical = _in_set(bound, "target_group")
    assert groups == [g.code for g in norrkoping.dialogue.target_groups] and "barn_unga" in groups and critical
    window = next(
        (kw, c) for t, kw, c in bound if t == "expect_column_values_to_be_between" and kw["column"] == "held_on"
    )
    assert window == (
        {
            "column": "held_on",
            "min_value": "2024-09-02",
            "max_value": "2024-11-29",
            "description": window[0]["description"],
        },
        False,
    )
    participants = next(
        (kw, c) for t, kw, c in bound if t == "expect_column_values_to_be_between" and kw["column"] == "participants"
    )
    assert participants[0]["min_value"] == 0 and participants[0]["max_value"] > 0 and participants[1] is False
    pair = next((kw, c) for t, kw, c in bound if t == "expect_column_pair_values_to_be_equal")
    assert (pair[0]["column_A"], pair[0]["column_B"], pair[1]) == ("target_group", "forum_target_group", False)
    unique = [kw["column_list"] for t, kw, _ in bound if t == "expect_compound_columns_to_be_unique"]
    assert unique == [["process", "meeting_id"]]


def test_a_process_without_a_dialogue_phase_skips_the_window(skelleftea):
    bound = _bound(skelleftea, "dialogue", "dialogue_meetings")
    assert not [kw for t, kw, _ in bound if t == "expect_column_values_to_be_between" and kw["column"] == "held_on"]
    forums, _ = _in_set(bound, "forum")
    assert "sprakcafe" in forums and "pensionarsradet" not in forums


def test_dialogue_statements_and_polls(norrkoping):
    statements = _bound(norrkoping, "dialogue", "dialogue_statements")
    assert _in_set(statements, "stance") == (["stod", "andring", "nytt_forslag"], True)
    themes, critical = _in_set(statements, "cornerstone")
    assert themes == [t.code for t in codebook_themes()] and "trygghet" in themes and not critical
    lengths = next(kw for t, kw, _ in statements if t == "expect_column_value_lengths_to_be_between")
    assert (lengths["column"], lengths["min_value"], lengths["max_value"]) == ("statement_text", 1, 4000)
    leak = [(kw["unexpected_rows_query"], c) for t, kw, c in statements if t == "expect_query_to_return_no_rows"]
    assert len(leak) == 1 and "hornsten_contains_personal_data(statement_text)" in leak[0][0] and leak[0][1]

    polls = _bound(norrkoping, "dialogue", "dialogue_poll_results")
    votes = next((kw, c) for t, kw, c in polls if t == "expect_column_values_to_be_between" and kw["column"] == "votes")
    assert votes == ({"column": "votes", "min_value": 0}, True)
    too_many = next((kw, c) for t, kw, c in polls if t == "expect_query_to_return_no_rows")
    assert "votes > participants" in too_many[0]["unexpected_rows_query"] and too_many[1] is False


def test_remiss_suites_bind_bodies_rounds_and_sections(norrkoping):
    responses = _bound(norrkoping, "remiss", "remiss_responses")
    bodies, critical = _in_set(responses, "body")
    assert bodies == [b.code for b in norrkoping.remiss.bodies] and "kommunstyrelsen" in bodies and critical
    assert _in_set(responses, "round") == (["remiss_2024"], True)
    sent = next((kw, c) for t, kw, c in responses if t == "expect_column_pair_values_a_to_be_greater_than_b")
    assert (sent[0]["column_A"], sent[0]["column_B"], sent[0]["or_equal"], sent[1]) == (
        "received_on",
        "round_sent_on",
        True,
        False,
    )

    positions = _bound(norrkoping, "remiss", "remiss_positions")
    assert _in_set(positions, "item_kind") == (["cornerstone", "section"], True)
    assert _in_set(positions, "position") == (
        ["instammer", "instammer_med_andringar", "instammer_inte", "ingen_asikt"],
        True,
    )
    assert _in_set(positions, "item", "section") == (["visionstext", "helheten", "uppfoljning"], True)
    themes, critical = _in_set(positions, "item", "cornerstone")
    assert "kultur_fritid" in themes and not critical
    unique = [kw["column_list"] for t, kw, _ in positions if t == "expect_compound_columns_to_be_unique"]
    assert unique == [["process", "round", "body", "item_kind", "item"]]
    leak = next((kw, c) for t, kw, c in positions if t == "expect_query_to_return_no_rows")
    assert "hornsten_contains_personal_data(comment_text)" in leak[0]["unexpected_rows_query"] and leak[1]


def test_batch_queries_select_this_runs_loads_of_this_process(norrkoping, skelleftea):
    dialogue = quality.batch_queries(norrkoping, [3, 5], "dialogue")
    for query in dialogue.values():
        assert "m.process = 'norrkoping_vision_2035' and m.load_id in (3,5)" in query
    assert "('pensionarsradet'::text, 'aldre'::text)" in dialogue["meetings"]
    remiss = quality.batch_queries(norrkoping, [7], "remiss")
    for query in remiss.values():
        assert "r.process = 'norrkoping_vision_2035' and r.load_id in (7)" in query
    assert "('remiss_2024'::text, '2024-12-09'::date, '2025-02-28'::date)" in remiss["responses"]
    # No loads selects nothing; no configured rounds still gives valid SQL (an empty table).
    assert "load_id in (null)" in quality.batch_queries(skelleftea, [], "remiss")["positions"]
    assert "where false" in quality.batch_queries(skelleftea, [1], "remiss")["responses"]
