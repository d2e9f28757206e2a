"""The scheduled-reports use case, called alike by ``hornsten reports send`` and the reports DAG."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hornsten.config import ProcessConfig
from hornsten.reports.delivery import DeliveryResult, Send, deliver


@dataclass
class Outcome:
    report: str
    result: DeliveryResult | None = None
    error: str | None = None

    def describe(self, day: dt.date) -> str:
        if self.error:
            return f"{self.report} ({day}): FAILED — {self.error}"
        r = self.result
        sent = f" → {', '.join(r.recipients)}; archived in {r.archive}" if r.status == "sent" else ""
        return f"{self.report} ({day}): {r.status} ({r.reason}){sent}"


def send_due_reports(
    conn,
    config: ProcessConfig,
    day: dt.date,
    send: Send,
    home: Path,
    only: str | None = None,
    echo: Callable[[str], None] = print,
) -> list[Outcome]:
    """Every scheduled report due on `day` (inside its phase), each sent at most once per period.

    One report failing does not stop the others; the caller decides what a failure means."""
    outcomes = []
    for schedule in config.reports.schedules:
        if only and schedule.report != only:
            continue
        try:
            outcome = Outcome(schedule.report, result=deliver(conn, config, schedule, day, send, home))
        except Exception as exc:  # noqa: BLE001 (each report's failure is reported; the rest still go out)
            outcome = Outcome(schedule.report, error=f"{type(exc).__name__}: {exc}")
        echo(outcome.describe(day))
        outcomes.append(outcome)
    return outcomes
