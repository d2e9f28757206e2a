"""When a scheduled report is due, and what may leave the warehouse in one."""

import datetime as dt

import pytest

from hornsten.config import ConfigError, ReportSchedule, load_process
from hornsten.reports.delivery import due, message_id, period_label
from hornsten.reports.safety import safe_cell, share_text, suppressed


@pytest.fixture(scope="module")
def config():
    return load_process("norrkoping_vision_2035")


def schedule(**kwargs):
    return ReportSchedule(**{"report": "survey-progress", "phase": "survey", "recipients": ["a@example.se"], **kwargs})


def test_daily_report_runs_every_day_of_its_phase_only(config):
    daily = schedule(cron="0 7 * * *")
    assert due(config, daily, dt.date(2024, 3, 18))[0]
    assert due(config, daily, dt.date(2024, 5, 5))[0]
    assert not due(config, daily, dt.date(2024, 3, 17))[0]
    outside, reason = due(config, daily, dt.date(2024, 5, 6))
    assert not outside and "outside the phase 'survey'" in reason


def test_weekly_report_runs_on_its_weekday_and_at_the_phase_end(config):
    weekly = schedule(report="components", cron="0 7 * * 1", at_phase_end=True)
    assert due(config, weekly, dt.date(2024, 3, 25))[0]  # a Monday
    assert not due(config, weekly, dt.date(2024, 3, 26))[0]
    assert due(config, weekly, dt.date(2024, 5, 5)) == (True, "the last day of the phase 'survey'")  # a Sunday
    assert not due(config, schedule(report="components", cron="0 7 * * 1"), dt.date(2024, 5, 5))[0]


def test_one_period_per_day_and_a_stable_message_id(config):
    assert period_label(dt.date(2024, 4, 15)) == "2024-04-15"
    assert message_id(config, "remiss", "2025-02-20") == message_id(config, "remiss", "2025-02-20")
    assert message_id(config, "remiss", "2025-02-20") != message_id(config, "remiss", "2025-02-24")


def test_schedules_are_validated_with_clear_messages(tmp_path):
    base = (load_process.__globals__["process_dir"]() / "norrkoping_vision_2035.yml").read_text(encoding="utf-8")
    broken = base.replace('phase: cornerstones\n      cron: "0 7 * * 1"', 'phase: hornstenar\n      cron: "0 7 * * 1"')
    path = tmp_path / "norrkoping_vision_2035.yml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"phase 'hornstenar' is not among the phases"):
        load_process(path)
    path.write_text(base.replace('cron: "0 7 * * 1,4"', 'cron: "every monday"'), encoding="utf-8")
    with pytest.raises(ConfigError, match="is not a cron expression"):
        load_process(path)
    path.write_text(base.replace("[registrator@example.norrkoping.se,", "[registrator,"), encoding="utf-8")
    with pytest.raises(ConfigError, match="not e-mail addresses"):
        load_process(path)


@pytest.mark.parametrize("value", ["=1+1", "+46 11 15 00 00", "-2", "@SUM(A1)", "\t=cmd", "\r=x", "＝1"])
def test_formula_like_text_is_neutralised(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Trygghet", "a=b", "", 5, -2, 0.25, None])
def test_ordinary_values_pass_unchanged(value):
    assert safe_cell(value) == value


def test_small_groups_are_suppressed():
    assert suppressed(4) and suppressed(None) and not suppressed(5)
    assert share_text(0.4, count=3) == "–"
    assert share_text(0.123, count=12) == "12,3 %"
