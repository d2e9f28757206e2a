"""Phase windows seen through the real Airflow 3 task context.

The contexts are built the way Airflow 3.3's task runner builds them
(airflow.sdk.execution_time.task_runner.RuntimeTaskInstance.get_template_context):
``dag_run`` is the Task SDK's DagRun model, whose ``run_type`` is the SDK's own
str-enum (``str()`` of it is ``'DagRunType.SCHEDULED'`` on Python 3.11), and
``logical_date`` / ``data_interval_*`` are only in the context when the run has a
logical date — asset-triggered runs, and manual runs triggered without one, have none.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pendulum
import pytest
from airflow.sdk.api.datamodels._generated import DagRun, DagRunState, DagRunType

DAGS = Path(__file__).resolve().parents[2] / "dags"
TZ = "Europe/Stockholm"


def context(run_type, logical_date=None, run_after=None, dag_id="hornsten_survey_ingest") -> dict:
    """A task context as Airflow 3.3 hands it to a task."""
    logical = pendulum.instance(logical_date) if logical_date is not None else None
    run_after = run_after or logical_date or pendulum.now("UTC")
    run = DagRun(
        dag_id=dag_id,
        run_id=f"{run_type.value}__{run_after.isoformat()}",
        logical_date=logical,
        data_interval_start=logical,
        data_interval_end=logical,
        run_after=run_after,
        start_date=run_after,
        end_date=None,
        run_type=run_type,
        state=DagRunState.RUNNING,
        consumed_asset_events=[],
        partition_key=None,
    )
    ctx: dict = {"dag_run": run}
    if logical is not None:  # as in the task runner: these keys exist only with a logical date
        ctx.update(
            logical_date=logical, data_interval_start=logical, data_interval_end=logical, ds=logical.to_date_string()
        )
    return ctx


def at(year, month, day, hour=6, tz=TZ) -> pendulum.DateTime:
    return pendulum.datetime(year, month, day, hour, tz=tz)


@pytest.fixture(scope="module")
def dagbag():
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(DAGS))


def run_window_task(dagbag, dag_id: str, task_id: str, ctx: dict) -> bool:
    """Call the DAG's own short-circuit callable with the context Airflow would give it."""
    from airflow.sdk.execution_time.context import set_current_context

    task = dagbag.dags[dag_id].get_task(task_id)
    with set_current_context(ctx):
        return bool(task.python_callable())


# --- the DAGs' window tasks, as the scheduler runs them ---------------------------
def test_a_scheduled_survey_run_on_1_december_2026_is_skipped(dagbag, capsys):
    """The defect: this run logged "inside the survey window", loaded, and triggered the components DAG."""
    ctx = context(DagRunType.SCHEDULED, at(2026, 12, 1))
    assert run_window_task(dagbag, "hornsten_survey_ingest", "in_survey_window", ctx) is False
    assert "outside the survey window" in capsys.readouterr().out


def test_a_scheduled_survey_run_inside_the_window_runs(dagbag):
    ctx = context(DagRunType.SCHEDULED, at(2024, 4, 2))
    assert run_window_task(dagbag, "hornsten_survey_ingest", "in_survey_window", ctx) is True


def test_a_scheduled_run_without_logical_date_uses_when_it_was_due(dagbag):
    ctx = context(DagRunType.SCHEDULED, None, run_after=at(2026, 12, 1))
    assert run_window_task(dagbag, "hornsten_survey_ingest", "in_survey_window", ctx) is False
    ctx = context(DagRunType.SCHEDULED, None, run_after=at(2024, 4, 2))
    assert run_window_task(dagbag, "hornsten_survey_ingest", "in_survey_window", ctx) is True


@pytest.mark.parametrize(
    ("dag_id", "task_id"), [("hornsten_dialogue", "in_dialogue_window"), ("hornsten_remiss", "in_remiss_window")]
)
def test_scheduled_phase_runs_outside_their_phase_are_skipped(dagbag, dag_id, task_id):
    outside = context(DagRunType.SCHEDULED, at(2026, 12, 1, 7), dag_id=dag_id)
    assert run_window_task(dagbag, dag_id, task_id, outside) is False
    inside = context(
        DagRunType.SCHEDULED, at(2024, 11, 4, 7) if "dialogue" in dag_id else at(2025, 1, 7, 7), dag_id=dag_id
    )
    assert run_window_task(dagbag, dag_id, task_id, inside) is True


@pytest.mark.parametrize("dag_id", ["hornsten_dialogue", "hornsten_remiss"])
def test_asset_triggered_runs_have_no_logical_date_and_always_run(dagbag, dag_id):
    """The scheduler creates asset-triggered runs with logical_date=None (scheduler_job_runner)."""
    ctx = context(DagRunType.ASSET_TRIGGERED, None, run_after=at(2026, 12, 1, 9), dag_id=dag_id)
    assert "logical_date" not in ctx
    task_id = "in_dialogue_window" if "dialogue" in dag_id else "in_remiss_window"
    assert run_window_task(dagbag, dag_id, task_id, ctx) is True


def test_manual_runs_always_run(dagbag):
    for ctx in (
        context(DagRunType.MANUAL, at(2026, 12, 1)),
        context(DagRunType.MANUAL, None, run_after=at(2026, 12, 1)),
    ):
        assert run_window_task(dagbag, "hornsten_survey_ingest", "in_survey_window", ctx) is True


# --- windows.in_window_for on its own ----------------------------------------------
@pytest.fixture(scope="module")
def norrkoping():
    from hornsten.config import load_process

    return load_process("norrkoping_vision_2035")


def test_run_type_is_read_from_either_airflow_enum_or_a_plain_string():
    from airflow.utils.types import DagRunType as CoreDagRunType

    from hornsten.airflow.windows import run_type

    assert str(DagRunType.SCHEDULED) == "DagRunType.SCHEDULED"  # why str() was wrong
    for value in (DagRunType.SCHEDULED, CoreDagRunType.SCHEDULED, "scheduled", "SCHEDULED"):
        assert (
            run_type({"dag_run": context(DagRunType.MANUAL)["dag_run"].model_copy(update={"run_type": value})})
            == "scheduled"
        )
    assert run_type({"dag_run": context(DagRunType.ASSET_TRIGGERED)["dag_run"]}) == "asset_triggered"
    assert run_type({}) is None


def test_run_moment_prefers_the_logical_date_then_when_the_run_was_due():
    from hornsten.airflow.windows import run_moment

    assert run_moment(context(DagRunType.SCHEDULED, at(2024, 4, 2))) == at(2024, 4, 2)
    assert run_moment(context(DagRunType.ASSET_TRIGGERED, None, run_after=at(2024, 4, 3))) == at(2024, 4, 3)
    # A context without logical_date but with a data interval (older servers).
    assert run_moment({"data_interval_end": at(2024, 4, 4)}) == at(2024, 4, 4)
    assert run_moment({}) is None


@pytest.mark.parametrize(
    ("moment", "inside"),
    [
        (at(2024, 3, 18, 0), True),  # first day, local midnight
        (pendulum.datetime(2024, 3, 17, 23, 30, tz="UTC"), True),  # 00:30 on 18 March in Stockholm
        (pendulum.datetime(2024, 3, 17, 22, 30, tz="UTC"), False),  # 23:30 on 17 March in Stockholm
        (at(2024, 5, 5, 23), True),  # last day
        (pendulum.datetime(2024, 5, 5, 22, 30, tz="UTC"), False),  # 00:30 on 6 May in Stockholm (CEST)
        (dt.datetime(2024, 4, 1, 4, 0, tzinfo=dt.UTC), True),  # a plain aware datetime (the DagRun model's run_after)
        (at(2026, 12, 1), False),
    ],
)
def test_window_boundaries_are_days_in_the_process_time_zone(norrkoping, moment, inside):
    from hornsten.airflow.windows import in_window_for

    decision = in_window_for(context(DagRunType.SCHEDULED, moment), norrkoping, "survey")
    assert bool(decision) is inside, decision.reason


def test_the_decision_says_why(norrkoping):
    from hornsten.airflow.windows import in_window_for

    outside = in_window_for(context(DagRunType.SCHEDULED, at(2026, 12, 1)), norrkoping, "survey")
    assert not outside and outside.reason == (
        "scheduled run for 2026-12-01: outside the survey window 2024-03-18 – 2024-05-05; skipping"
    )
    inside = in_window_for(context(DagRunType.SCHEDULED, at(2024, 4, 2)), norrkoping, "survey")
    assert inside and inside.reason == "scheduled run for 2024-04-02: inside the survey window 2024-03-18 – 2024-05-05"
    manual = in_window_for(context(DagRunType.MANUAL, at(2026, 12, 1)), norrkoping, "survey")
    assert manual and manual.reason == "manual run: runs whatever the date"


def test_a_scheduled_run_of_unknown_date_or_phase_does_nothing(norrkoping):
    from hornsten.airflow.windows import in_window_for

    no_date = {"dag_run": None}
    assert not in_window_for({**no_date, "dag_run": _Run("scheduled")}, norrkoping, "survey")
    assert not in_window_for(context(DagRunType.SCHEDULED, at(2024, 4, 2)), norrkoping, "no_such_phase")


class _Run:
    """A dag_run with a run type and nothing else (no dates at all)."""

    def __init__(self, run_type):
        self.run_type = run_type
        self.logical_date = None
        self.run_after = None


def test_the_reports_dag_day_comes_from_the_run_even_without_a_logical_date():
    from hornsten.airflow.windows import run_day

    assert run_day(context(DagRunType.SCHEDULED, pendulum.datetime(2024, 5, 5, 22, 30, tz="UTC")), TZ) == dt.date(
        2024, 5, 6
    )
    assert run_day(context(DagRunType.MANUAL, None, run_after=at(2024, 5, 5, 7)), TZ) == dt.date(2024, 5, 5)
    assert run_day({}, TZ) is None
