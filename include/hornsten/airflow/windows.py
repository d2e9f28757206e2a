"""Whether a DAG run may do its phase's work: scheduled runs only inside the phase's
window of the process configuration; manual and asset-triggered runs always.

Asset-triggered runs are not gated because the asset event already says that new,
checked data exists upstream (a rebuilt cornerstones mart must reach the dialogue
marts whatever the date); the window is about not working on a timer outside the
phase.

This takes the task context exactly as Airflow 3 hands it over, because what is in
it is not what it looks like (Airflow 3.3, read in airflow/sdk/execution_time/
task_runner.py and airflow/jobs/scheduler_job_runner.py):

* ``context["dag_run"].run_type`` is the Task SDK's ``DagRunType(str, Enum)``
  without a ``__str__``: on Python 3.11 ``str()`` of it is ``'DagRunType.SCHEDULED'``,
  never ``'scheduled'``. Its ``.value`` is the run type.
* ``logical_date`` (and ``data_interval_*``) are in the context only when the run has
  a logical date. Asset-triggered runs are created with ``logical_date=None``, and a
  manual run may be triggered without one. ``dag_run.run_after`` (when the run was
  due) is always set; for CronTriggerTimetable runs it equals the logical date.

No Airflow import here: the unit tests feed it Airflow's real types.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from hornsten.config import ProcessConfig

SCHEDULED = "scheduled"


@dataclass(frozen=True)
class WindowDecision:
    """Run or skip, and why (for the task log); truthy when the run should do its work."""

    inside: bool
    reason: str

    def __bool__(self) -> bool:
        return self.inside


def run_type(context: Mapping[str, Any]) -> str | None:
    """The run's type as Airflow spells it ('scheduled', 'manual', 'asset_triggered', …)."""
    run = context.get("dag_run")
    value = getattr(run, "run_type", None)
    if value is None:
        return None
    # .value of either DagRunType enum (Task SDK or core); a plain string as it is.
    return str(getattr(value, "value", value)).lower()


def run_moment(context: Mapping[str, Any]) -> dt.datetime | None:
    """The moment the run stands for: its logical date, else when it was due (run_after)."""
    run = context.get("dag_run")
    for candidate in (
        context.get("logical_date"),
        getattr(run, "logical_date", None),
        context.get("data_interval_end"),
        getattr(run, "data_interval_end", None),
        getattr(run, "run_after", None),
    ):
        if candidate is not None:
            return candidate
    return None


def run_day(context: Mapping[str, Any], timezone: str) -> dt.date | None:
    """The calendar day (in the process's time zone) the run stands for."""
    moment = run_moment(context)
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)  # Airflow's naive datetimes are UTC
    return moment.astimezone(ZoneInfo(timezone)).date()


def in_window_for(context: Mapping[str, Any], config: ProcessConfig, phase: str) -> WindowDecision:
    """Should this run (given its Airflow task context) work on `phase` of `config`?"""
    kind = run_type(context)
    if kind != SCHEDULED:
        return WindowDecision(True, f"{kind or 'unknown'} run: runs whatever the date")
    try:
        window = config.phase(phase)
    except KeyError:
        return WindowDecision(False, f"scheduled run: the process has no {phase} phase; skipping")
    day = run_day(context, config.timezone)
    if day is None:
        # Not knowing the date must not mean working outside the phase.
        return WindowDecision(False, f"scheduled run without a date: skipping (cannot place it in the {phase} window)")
    span = f"{window.start} – {window.end}"
    if window.start <= day <= window.end:
        return WindowDecision(True, f"scheduled run for {day}: inside the {phase} window {span}")
    return WindowDecision(False, f"scheduled run for {day}: outside the {phase} window {span}; skipping")
