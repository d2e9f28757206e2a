"""End to end: the reports DAG with `airflow dags test` on the last day of each phase,
sending through Airflow's SMTP connection to the stack's SMTP catcher — once per period —
and publishing the website after each phase (not every morning)."""

from __future__ import annotations

import email
import email.policy
import json
import subprocess

import psycopg
import pytest

from hornsten.devstack import stack

pytestmark = pytest.mark.e2e


def _run(settings, day):
    result = subprocess.run(
        ["airflow", "dags", "test", "hornsten_reports", day],
        env=stack.full_env(settings),
        capture_output=True,
        text=True,
        timeout=900,
    )
    return result.returncode, result.stdout + result.stderr


def _subjects(settings):
    return sorted(
        str(email.message_from_bytes(p.read_bytes(), policy=email.policy.default)["Subject"])
        for p in settings.mail_dir.glob("*.eml")
    )


def test_reports_dag_sends_each_due_report_once(phases_built, stack_settings):
    settings = stack_settings
    config = phases_built["config"]
    stack.prepare_airflow_home(settings)
    stack.migrate_airflow(settings, print)
    stack.start_mailcatcher(settings, print)
    with psycopg.connect(phases_built["dsn"], autocommit=True) as conn:
        conn.execute("truncate delivery.report_deliveries")
    for path in settings.mail_dir.glob("*"):
        path.unlink()
    site = settings.home / "site" / config.process
    if (site / "site.json").exists():
        (site / "site.json").unlink()

    survey_end = config.phase("survey").end.isoformat()
    code, output = _run(settings, survey_end)
    assert code == 0, output[-6000:]
    after_first = _subjects(settings)
    assert len(after_first) == 2, after_first  # survey-progress and components are due at the survey's close
    assert all(survey_end in subject for subject in after_first)
    published = json.loads((site / "site.json").read_text())
    assert published["covered_phases"] == [] and "index.html" in published["pages"]

    code, output = _run(settings, survey_end)  # the same period again: nothing new goes out
    assert code == 0, output[-6000:]
    assert _subjects(settings) == after_first

    assert json.loads((site / "site.json").read_text()) == published  # no phase ended since: not republished

    code, output = _run(settings, "2024-07-15")  # inside no phase with reports: every send task skips
    assert code == 0 and _subjects(settings) == after_first
    # ... but the survey and the cornerstones phases have ended since: the site is republished
    assert json.loads((site / "site.json").read_text())["covered_phases"] == ["survey", "cornerstones"]

    with psycopg.connect(phases_built["dsn"]) as conn:
        sent = conn.execute("select report, period, status from delivery.report_deliveries order by report").fetchall()
    assert sent == [("components", survey_end, "sent"), ("survey-progress", survey_end, "sent")]
    assert (settings.reports_dir / config.process / "survey-progress" / survey_end / "survey-progress.pdf").exists()
