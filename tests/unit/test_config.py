import datetime as dt
from pathlib import Path

import pytest

from hornsten.config import ConfigError, available_processes, load_process, normalise_value

PROCESSES = Path(__file__).resolve().parents[2] / "processes"


def test_shipped_processes_are_valid():
    assert {"norrkoping_vision_2035", "skelleftea_2030"} <= set(available_processes())
    for name in available_processes():
        assert load_process(name).process == name


def test_norrkoping_default_matches_the_seed_documents(norrkoping):
    survey = norrkoping.phase("survey")
    assert (survey.start, survey.end) == (dt.date(2024, 3, 18), dt.date(2024, 5, 5))
    texts = [q.text for q in norrkoping.survey.text_questions]
    assert texts == [
        "Vad är det bästa med Norrköping idag?",
        "Vad behöver bli bättre?",
        "Hur vill du att Norrköping ska vara år 2035?",
        "Vad förknippar du med Norrköping?",
    ]
    # The 2024 survey as it was asked: three open questions, free text only.
    (layout,) = [lay for lay in norrkoping.survey.exports if lay.name == "enkat_2024"]
    assert layout.columns == {
        "response_id": ["Svars-ID", "ID"],
        "submitted_at": ["Datum", "Inskickad"],
        "idag": ["Vad tycker du är det bästa med Norrköping?"],
        "framtid": ["Hur vill du att Norrköping ska vara i framtiden?"],
        "forknippar": ["Vad förknippar du med Norrköping?"],
    }
    assert {q.code for q in norrkoping.survey.choice_questions} == {"age_group", "gender", "district", "relation"}
    forums = {f.name for f in norrkoping.dialogue.forums}
    assert {
        "Näringslivsrådet",
        "Pensionärsrådet",
        "Landsbygdsforum",
        "Rådet för funktionshinderfrågor",
        "Samverkansgruppen Campus Norrköping",
    } <= forums
    assert [p.code for p in norrkoping.phases][:4] == ["survey", "cornerstones", "dialogue", "remiss"]
    kinds = {b.kind for b in norrkoping.remiss.bodies}
    assert {"parti", "nämnd", "styrelse", "kontor", "bolag"} <= kinds


def test_second_process_shares_nothing_with_norrkoping(norrkoping):
    skelleftea = load_process("skelleftea_2030")
    assert skelleftea.municipality == "Skellefteå kommun"
    assert {q.code for q in skelleftea.survey.text_questions}.isdisjoint(
        {q.code for q in norrkoping.survey.text_questions}
    )
    assert skelleftea.survey_window[0].year == 2014


def test_survey_window_is_timezone_aware_and_end_inclusive(norrkoping):
    start, end = norrkoping.survey_window
    assert start.utcoffset() == dt.timedelta(hours=1)
    assert end == dt.datetime(2024, 5, 6, tzinfo=start.tzinfo)


def test_choice_lookup_accepts_labels_codes_aliases_and_dashes(norrkoping):
    lookup = norrkoping.choice_lookups["age_group"]
    assert lookup[normalise_value("65–79 år")] == "65-79"
    assert lookup[normalise_value("65-79 år")] == "65-79"
    assert lookup[normalise_value("65-79")] == "65-79"
    assert norrkoping.choice_lookups["district"][normalise_value("  KOLMÅRDEN ")] == "kolmarden"


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / f"{name}.yml"
    path.write_text(text, encoding="utf-8")
    return path


def _base() -> str:
    return (PROCESSES / "skelleftea_2030.yml").read_text(encoding="utf-8")


def test_error_names_file_key_and_problem_for_unknown_key(tmp_path):
    path = _write(tmp_path, "skelleftea_2030", _base().replace("language: sv", "langauge: sv"))
    with pytest.raises(ConfigError) as err:
        load_process(path)
    message = str(err.value)
    assert str(path) in message and "'langauge'" in message and "unknown key" in message


def test_error_for_phase_ending_before_it_starts(tmp_path):
    text = _base().replace("end: 2014-05-30", "end: 2014-01-30")
    with pytest.raises(ConfigError, match=r"phases\.1.*ends \(2014-01-30\) before it starts"):
        load_process(_write(tmp_path, "skelleftea_2030", text))


def test_error_for_export_mapping_unknown_question(tmp_path):
    text = _base().replace('vaxa: ["Vad är viktigast', 'vaxx: ["Vad är viktigast')
    with pytest.raises(ConfigError, match="unknown fields \\['vaxx'\\]"):
        load_process(_write(tmp_path, "skelleftea_2030", text))


def test_error_when_file_name_and_process_differ(tmp_path):
    with pytest.raises(ConfigError, match="must match the file name 'other'"):
        load_process(_write(tmp_path, "other", _base()))


def test_error_for_missing_process_lists_the_available_ones():
    with pytest.raises(ConfigError, match="available: .*norrkoping_vision_2035"):
        load_process("no_such_process")


def test_error_for_invalid_yaml(tmp_path):
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_process(_write(tmp_path, "broken", "process: [unclosed"))


def test_norrkoping_plans_the_remiss_round_and_the_goal_matrix(norrkoping):
    round_ = norrkoping.remiss.round()
    assert (round_.sent, round_.deadline) == (dt.date(2024, 12, 9), dt.date(2025, 2, 28))
    assert norrkoping.remiss.reminder_days == 14 and norrkoping.remiss.sections
    measures = [m for p in norrkoping.goals.purposes for m in p.measures]
    assert {m.metric for m in measures} >= {
        "poll_share",
        "remiss_response_share",
        "dialogue_target_groups_reached_share",
    }
    assert all(m.target is not None for m in measures)


def test_skelleftea_goal_matrix_has_four_purposes_and_thirteen_measures():
    goals = load_process("skelleftea_2030").goals
    assert len(goals.purposes) == 4
    assert sum(len(p.measures) for p in goals.purposes) == 13


def test_error_for_poll_measure_without_its_question(tmp_path):
    text = _base().replace(
        'params: { question: "Vad tyckte du om mötet?", options: [Mycket bra, Ganska bra] }', "params: {}"
    )
    with pytest.raises(ConfigError, match=r"measure 'nojdhet' \(poll_share\) needs params \['question', 'options'\]"):
        load_process(_write(tmp_path, "skelleftea_2030", text))


def test_error_for_unknown_metric_names_the_key(tmp_path):
    text = _base().replace("metric: dialogue_meetings", "metric: dialogue_meeting")
    with pytest.raises(ConfigError, match=r"goals\.purposes\.0\.measures\.1\.metric"):
        load_process(_write(tmp_path, "skelleftea_2030", text))


def test_error_for_remiss_deadline_before_sending(tmp_path):
    text = (
        (PROCESSES / "norrkoping_vision_2035.yml")
        .read_text(encoding="utf-8")
        .replace("deadline: 2025-02-28", "deadline: 2024-11-28")
    )
    with pytest.raises(ConfigError, match=r"deadline \(2024-11-28\) before sent \(2024-12-09\)"):
        load_process(_write(tmp_path, "norrkoping_vision_2035", text))


def test_public_names_are_importable_from_the_package():
    import hornsten.config as config

    assert len(config.__all__) == len(set(config.__all__))
    missing = [name for name in config.__all__ if not hasattr(config, name)]
    assert missing == []
    # What the callers (CLI, DAGs, tasks, reports) import.
    assert {
        "ConfigError",
        "ExportLayout",
        "Forum",
        "ProcessConfig",
        "Question",
        "REPORT_NAMES",
        "REQUIRED_FIELDS",
        "ReportSchedule",
        "TargetGroup",
        "available_processes",
        "default_process_name",
        "load_process",
        "normalise_value",
    } <= set(config.__all__)


def test_process_dir_and_default_process_come_from_the_environment(tmp_path, monkeypatch):
    from hornsten.config import default_process_name, process_dir

    monkeypatch.setenv("HORNSTEN_PROCESS_DIR", str(tmp_path))
    monkeypatch.setenv("HORNSTEN_PROCESS", "skelleftea_2030")
    assert process_dir() == tmp_path
    assert default_process_name() == "skelleftea_2030"
    (tmp_path / "skelleftea_2030.yml").write_text((PROCESSES / "skelleftea_2030.yml").read_text(encoding="utf-8"))
    assert load_process().process == "skelleftea_2030"
