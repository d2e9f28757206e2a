"""Retention dates and the audit actor, without a database or Airflow."""

from __future__ import annotations

import datetime as dt

import pytest

from hornsten.audit import actor
from hornsten.config import ConfigError, Retention, load_process
from hornsten.privacy.retention import decide


@pytest.fixture(scope="module")
def norrkoping():
    return load_process("norrkoping_vision_2035")


def test_the_process_ends_with_its_last_phase_the_council_decision(norrkoping):
    assert norrkoping.ends_on == dt.date(2025, 4, 28)
    assert norrkoping.retention == Retention(restricted_days_after_end=730)


@pytest.mark.parametrize(
    ("today", "due"),
    [
        (dt.date(2024, 5, 1), False),  # the survey is running
        (dt.date(2025, 4, 28), False),  # the decision day
        (dt.date(2025, 5, 28), False),  # 30 days after: kept
        (dt.date(2025, 5, 29), False),  # the last day kept (28 April + 30 days)
        (dt.date(2025, 5, 30), True),  # the day after
        (dt.date(2030, 1, 1), True),
    ],
)
def test_due_the_day_after_the_last_day_kept(norrkoping, today, due):
    config = norrkoping.model_copy(update={"retention": Retention(restricted_days_after_end=31)})
    decision = decide(config, today)
    assert decision.keep_until == dt.date(2025, 5, 29)
    assert decision.due is due


def test_zero_days_deletes_the_day_after_the_end(norrkoping):
    config = norrkoping.model_copy(update={"retention": Retention(restricted_days_after_end=0)})
    assert not decide(config, dt.date(2025, 4, 28)).due
    assert decide(config, dt.date(2025, 4, 29)).due


def test_without_retention_nothing_is_due_and_the_reason_says_how_to_set_it(norrkoping):
    decision = decide(norrkoping.model_copy(update={"retention": None}), dt.date(2099, 1, 1))
    assert not decision.due and decision.keep_until is None
    assert "retention.restricted_days_after_end" in decision.reason


def test_a_negative_retention_is_a_configuration_error(tmp_path):
    from hornsten.paths import REPO_ROOT

    text = (REPO_ROOT / "processes" / "skelleftea_2030.yml").read_text(encoding="utf-8")
    path = tmp_path / "skelleftea_2030.yml"
    path.write_text(text.replace("restricted_days_after_end: 365", "restricted_days_after_end: -1"), encoding="utf-8")
    with pytest.raises(ConfigError, match="retention.restricted_days_after_end"):
        load_process(path)


def test_actor_prefers_hornsten_actor_then_the_airflow_run_then_the_os_user(monkeypatch):
    import getpass

    monkeypatch.delenv("HORNSTEN_ACTOR", raising=False)
    monkeypatch.delenv("AIRFLOW_CTX_DAG_ID", raising=False)
    monkeypatch.delenv("AIRFLOW_CTX_DAG_RUN_ID", raising=False)
    assert actor() == getpass.getuser()
    monkeypatch.setenv("AIRFLOW_CTX_DAG_ID", "hornsten_maintenance")
    monkeypatch.setenv("AIRFLOW_CTX_DAG_RUN_ID", "scheduled__2026-12-02T02:15:00+00:00")
    assert actor() == "airflow:hornsten_maintenance/scheduled__2026-12-02T02:15:00+00:00"
    monkeypatch.setenv("HORNSTEN_ACTOR", "  dso@example.norrkoping.se ")
    assert actor() == "dso@example.norrkoping.se"
