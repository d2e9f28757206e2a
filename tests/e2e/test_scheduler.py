"""The real scheduler, not `airflow dags test`: the stack `hornsten up` starts (scheduler,
DAG processor, LocalExecutor) runs the DAGs on their own schedule and on asset events.

1. A process whose survey window contains today (a copy of the Norrköping YAML with
   the survey dates moved, in a temporary HORNSTEN_PROCESS_DIR), survey exports in
   its inbox, the survey ingest on an every-minute cron
   (HORNSTEN_SURVEY_INGEST_CRON): a *scheduled* run loads the file, the quality gate
   passes, and raw/survey starts the components DAG (which also loads and checks the
   prioritisation round's exports waiting in their inbox), whose marts/cornerstones
   starts the dialogue DAG — both *asset-triggered*.
2. Then (so that runs every minute do not compete with those two for the 2 cores)
   the survey window moved back to 2024: the next scheduled runs stop at
   in_survey_window, exports waiting in the inbox stay there, nothing is loaded and
   no asset event is emitted (so no second components run). A scheduled run of the
   dialogue DAG outside its phase does nothing either.
3. The process has now ended, and its YAML keeps the originals 0 days after: a
   scheduled run of the maintenance DAG (every minute, HORNSTEN_MAINTENANCE_CRON)
   deletes them and the archive, and records who did it; the marts stay.
4. Every phase has ended: the reports DAG's first scheduled run (every minute,
   HORNSTEN_REPORTS_CRON) sends nothing (no report is due outside its phases) and
   publishes the website covering all phases; its next scheduled run finds no phase
   ended since and leaves the site as it was.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import psycopg
import pytest

from hornsten import paths
from hornsten.config import load_process
from hornsten.demo.priorities import generate_priorities
from hornsten.demo.survey import generate_sample
from hornsten.paths import REPO_ROOT
from tests.e2e.live_stack import LiveStack, finished, running_stack
from tests.warehouse import connect

pytestmark = [pytest.mark.e2e, pytest.mark.scheduler]

PROCESS = "norrkoping_vision_2035"
RAW_SURVEY = f"hornsten://{PROCESS}/raw/survey"
CORNERSTONES = f"hornsten://{PROCESS}/marts/cornerstones"
ORIGINAL_WINDOW = "    start: 2024-03-18\n    end: 2024-05-05\n"
WATCHED = ("hornsten_survey_ingest", "hornsten_components", "hornsten_dialogue")
IDLE = ("hornsten_remiss",)  # not under test: kept paused so it takes no slots
MAINTENANCE = "hornsten_maintenance"  # paused until the process has ended (part 3)
REPORTS = "hornsten_reports"  # paused until every phase has ended (part 4)
RETENTION = "retention:\n  restricted_days_after_end: 730\n"
ROUND_WINDOW = "  start: 2024-05-13\n  end: 2024-06-02\n"  # the prioritisation round's, after the survey's


def write_process(folder: Path, start: dt.date, end: dt.date) -> Path:
    """The Norrköping process with its survey window moved, and its originals kept 0 days after its end.

    The prioritisation round must open after the survey: outside 2024 it runs from the day after
    the survey opens to the day the survey closes, so that generated rankings fall inside it too.
    """
    text = (REPO_ROOT / "processes" / f"{PROCESS}.yml").read_text(encoding="utf-8")
    assert ORIGINAL_WINDOW in text, "the survey phase of the shipped YAML changed; update this test"
    assert RETENTION in text, "the retention of the shipped YAML changed; update this test"
    assert ROUND_WINDOW in text, "the prioritisation round of the shipped YAML changed; update this test"
    text = text.replace(RETENTION, "retention:\n  restricted_days_after_end: 0\n")
    if start.year != 2024:
        text = text.replace(ROUND_WINDOW, f"  start: {start + dt.timedelta(days=1)}\n  end: {end}\n")
    path = folder / f"{PROCESS}.yml"
    if not (folder / "logos").exists():  # the site's logo is named relative to the process folder
        shutil.copytree(REPO_ROOT / "processes" / "logos", folder / "logos")
    path.write_text(text.replace(ORIGINAL_WINDOW, f"    start: {start}\n    end: {end}\n"), encoding="utf-8")
    return path


def assert_skipped_outside(live: LiveStack, run: dict) -> None:
    """The short circuit said "outside": it succeeded and everything after it was skipped."""
    states = live.task_states("hornsten_survey_ingest", run["dag_run_id"])
    assert states.pop("in_survey_window") == "success", states
    assert set(states.values()) == {"skipped"}, states


def load_log(live: LiveStack) -> int:
    with psycopg.connect(live.settings.warehouse_dsn) as conn:
        return conn.execute("select count(*) from raw.load_log where dataset = 'survey'").fetchone()[0]


def test_scheduled_runs_follow_the_survey_window_and_assets_start_the_next_dags(tmp_path):
    started = time.monotonic()
    today = dt.datetime.now(ZoneInfo("Europe/Stockholm")).date()
    processes = tmp_path / "processes"
    processes.mkdir()
    # Ends tomorrow, so that a run near midnight is still inside; generated answers fall in the window.
    yaml_path = write_process(processes, today - dt.timedelta(days=30), today + dt.timedelta(days=1))
    config = load_process(yaml_path)
    first = generate_sample(config, 50, 11, ["csv"], tmp_path / "first").files
    second = generate_sample(config, 50, 12, ["csv"], tmp_path / "second").files
    ranked = generate_priorities(config, 120, 13, tmp_path / "round")

    def drop_first_exports(settings):
        # Before `up`: whatever `up` leaves unpaused, the first scheduled run finds the files.
        inbox = paths.inbox_dir(PROCESS, "survey", root=settings.inbox)
        inbox.mkdir(parents=True)
        for f in first:
            shutil.copy2(f.path, inbox / f.path.name)
        round_inbox = paths.inbox_dir(PROCESS, "priorities", root=settings.inbox)
        round_inbox.mkdir(parents=True)
        for path in ranked.files:
            shutil.copy2(path, round_inbox / path.name)

    env = {
        "HORNSTEN_PROCESS": PROCESS,
        "HORNSTEN_PROCESS_DIR": str(processes),
        "HORNSTEN_SURVEY_INGEST_CRON": "* * * * *",
        "HORNSTEN_MAINTENANCE_CRON": "* * * * *",
        "HORNSTEN_REPORTS_CRON": "* * * * *",
    }
    with running_stack(env, before_up=drop_first_exports) as live:
        inbox = paths.inbox_dir(PROCESS, "survey", root=live.settings.inbox)
        live.wait_for(
            "the DAG processor to register the DAGs",
            lambda: (
                {d["dag_id"] for d in live.api("dags", dag_id_pattern="hornsten", limit=100)["dags"]}
                >= {*WATCHED, *IDLE, MAINTENANCE, REPORTS}
            ),
            timeout=300,
        )
        assert live.api("importErrors")["import_errors"] == []
        for dag_id in (*IDLE, MAINTENANCE, REPORTS):
            live.set_paused(dag_id, True)
        for dag_id in WATCHED:
            live.set_paused(dag_id, False)

        # --- 1. inside the window: a scheduled run loads, the gate passes, the asset is emitted
        ingest = live.wait_for(
            "a scheduled survey ingest run to finish",
            lambda: finished(live, "hornsten_survey_ingest", "scheduled"),
            timeout=600,
        )
        states = live.task_states("hornsten_survey_ingest", ingest["dag_run_id"])
        assert states["in_survey_window"] == "success"
        assert states["ingest_inbox"] == states["check_quality"] == states["publish_raw_survey"] == "success", states
        assert all(s == "success" for t, s in states.items() if t.startswith("dbt_staging.")), states
        assert list(inbox.iterdir()) == []  # loaded and archived
        loads = load_log(live)
        assert loads == len(first)
        with psycopg.connect(live.settings.warehouse_dsn) as conn:
            assert conn.execute("select count(*) from raw.survey_responses").fetchone()[0] > 30
            checked, failed = conn.execute(
                "select count(*), count(*) filter (where critical and not success) from raw.quality_results"
            ).fetchone()
            assert checked > 10 and failed == 0
        (event,) = live.asset_events(RAW_SURVEY)
        assert (event["source_dag_id"], event["source_run_id"]) == ("hornsten_survey_ingest", ingest["dag_run_id"])
        assert event["source_task_id"] == "publish_raw_survey"

        # --- 2. the asset event starts the components DAG, and its cornerstones the dialogue DAG.
        # The survey timer is paused meanwhile: on 2 cores, runs every minute would take the
        # executor's slots (a paused DAG's run in progress waits; its tasks are not queued).
        live.set_paused("hornsten_survey_ingest", True)
        components = live.wait_for(
            "the asset-triggered components run",
            lambda: finished(live, "hornsten_components", "asset_triggered"),
            timeout=2700,
            every=10,
        )
        consumed = live.upstream_asset_events("hornsten_components", components["dag_run_id"])
        assert [(e["uri"], e["source_run_id"]) for e in consumed] == [(RAW_SURVEY, ingest["dag_run_id"])]
        states = live.task_states("hornsten_components", components["dag_run_id"])
        assert states["ingest_priorities"] == states["check_priorities_quality"] == "success", states
        with psycopg.connect(live.settings.warehouse_dsn) as conn:
            residents = conn.execute("select count(*) from raw.priority_responses").fetchone()[0]
        assert residents == 120 - sum(ranked.faults.values())
        dialogue = live.wait_for(
            "the asset-triggered dialogue run",
            lambda: finished(live, "hornsten_dialogue", "asset_triggered"),
            timeout=2700,
            every=10,
        )
        consumed = live.upstream_asset_events("hornsten_dialogue", dialogue["dag_run_id"])
        assert [e["uri"] for e in consumed] == [CORNERSTONES]
        assert consumed[0]["source_run_id"] == components["dag_run_id"]

        # --- 3. outside the window: every run queued after the YAML changed parses it anew when
        # its first task starts. (The run frozen by the pause resumes first, inside the old
        # window, on an empty inbox: nothing lands, no asset.)
        moved_at = dt.datetime.now(dt.UTC)
        write_process(processes, dt.date(2024, 3, 18), dt.date(2024, 5, 5))
        live.set_paused("hornsten_survey_ingest", False)
        skipped = live.wait_for(
            "a scheduled survey ingest run queued after the window moved",
            lambda: finished(live, "hornsten_survey_ingest", "scheduled", queued_after=moved_at),
            timeout=600,
        )
        assert_skipped_outside(live, skipped)
        # With max_active_runs=1 the scheduler creates the next run only after this one: every
        # run that could still see the exports reads the moved window. Now drop them.
        dropped_at = dt.datetime.now(dt.UTC)
        for f in second:
            shutil.copy2(f.path, inbox / f.path.name)
        outside = live.wait_for(
            "a scheduled survey ingest run with exports waiting, outside the window",
            lambda: finished(live, "hornsten_survey_ingest", "scheduled", queued_after=dropped_at),
            timeout=600,
        )
        assert_skipped_outside(live, outside)
        assert sorted(p.name for p in inbox.iterdir()) == sorted(f.path.name for f in second)
        assert load_log(live) == loads
        assert len(live.asset_events(RAW_SURVEY)) == 1

        # Unpausing after 07:00 creates today's scheduled dialogue run: outside the phase, it did nothing.
        for run in live.dag_runs("hornsten_dialogue"):
            if run["run_type"] == "scheduled":
                states = live.task_states("hornsten_dialogue", run["dag_run_id"])
                assert states.pop("in_dialogue_window") == "success"
                assert set(states.values()) <= {"skipped"}, states
        # The runs outside the window started nothing: one components run, the asset-triggered one.
        assert [r["run_type"] for r in live.dag_runs("hornsten_components")] == ["asset_triggered"]
        with connect(live.settings.warehouse_dsn, PROCESS) as conn:
            assert conn.execute("select count(*) from marts.cornerstones where is_cornerstone").fetchone()[0] > 0
            assert conn.execute("select count(*) from marts.dialogue_coverage").fetchone()[0] > 0
            originals = conn.execute("select count(*) from restricted.survey_answers_original").fetchone()[0]
        assert originals > 0
        assert (live.settings.archive / PROCESS).is_dir()

        # --- 4. the process has ended (the window is back in 2024) and keeps its originals 0 days:
        # the maintenance DAG's next scheduled run deletes them; the pseudonymised data stays.
        live.set_paused("hornsten_survey_ingest", True)
        unpaused_at = dt.datetime.now(dt.UTC)
        live.set_paused(MAINTENANCE, False)
        retention = live.wait_for(
            "a scheduled maintenance run",
            lambda: finished(live, MAINTENANCE, "scheduled", queued_after=unpaused_at),
            timeout=600,
        )
        live.set_paused(MAINTENANCE, True)
        assert live.task_states(MAINTENANCE, retention["dag_run_id"]) == {f"retention_{PROCESS}": "success"}
        with connect(live.settings.warehouse_dsn, PROCESS) as conn:
            assert conn.execute("select count(*) from restricted.survey_answers_original").fetchone()[0] == 0
            assert conn.execute("select count(*) from raw.survey_answers").fetchone()[0] > 0
            assert conn.execute("select count(*) from marts.cornerstones where is_cornerstone").fetchone()[0] > 0
            actors, deleted = zip(
                *conn.execute(
                    """select actor, (counts ->> 'answer_originals')::int from audit.events
                       where kind = 'retention' and process = %s order by occurred_at""",
                    (PROCESS,),
                ).fetchall(),
                strict=True,
            )
        assert f"airflow:{MAINTENANCE}/{retention['dag_run_id']}" in actors
        assert sum(deleted) == originals
        assert not (live.settings.archive / PROCESS).exists()

        # --- 5. every phase has ended: a scheduled reports run publishes the website covering them
        # all and sends nothing; the run after it finds no phase ended since and leaves the site alone.
        # (The run `up` created before the pause resumes first and may be the one that publishes.)
        site = live.settings.home / "site" / PROCESS
        unpaused_at = dt.datetime.now(dt.UTC)
        live.set_paused(REPORTS, False)
        first_reports = live.wait_for(
            "a scheduled reports run queued after the unpause",
            lambda: finished(live, REPORTS, "scheduled", queued_after=unpaused_at),
            timeout=600,
        )
        states = live.task_states(REPORTS, first_reports["dag_run_id"])
        assert states.pop("publish_site") in {"success", "skipped"}, states
        assert states and all(t.startswith("send_") and s == "skipped" for t, s in states.items()), states
        published_at = dt.datetime.fromtimestamp((site / "site.json").stat().st_mtime, dt.UTC)
        assert published_at > unpaused_at, "no reports run after the unpause published the site"
        manifest = json.loads((site / "site.json").read_text(encoding="utf-8"))
        assert manifest["covered_phases"] == [p.code for p in config.phases]
        assert (site / "index.html").is_file() and (site / "assets" / "norrkoping.svg").is_file()
        published = (site / "site.json").read_bytes()
        second_reports = live.wait_for(
            "the next scheduled reports run",
            lambda: finished(
                live, REPORTS, "scheduled", queued_after=dt.datetime.fromisoformat(first_reports["end_date"])
            ),
            timeout=600,
        )
        live.set_paused(REPORTS, True)
        states = live.task_states(REPORTS, second_reports["dag_run_id"])
        assert states.pop("publish_site") == "skipped", states
        assert all(s == "skipped" for s in states.values()), states
        assert (site / "site.json").read_bytes() == published
    print(f"\n  scheduler test: {time.monotonic() - started:.0f} s")
