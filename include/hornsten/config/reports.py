"""Who hears what, when: the scheduled reports and the alerts on failed DAG runs."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, field_validator

from hornsten.config.base import EMAIL_PATTERN, StrictModel

REPORT_NAMES = ("survey-progress", "components", "cornerstones", "dialogue", "remiss", "public")


class ReportSchedule(StrictModel):
    """When a report goes to whom: on the cron days inside its phase's window (and,
    with `at_phase_end`, on the phase's last day too)."""

    report: Literal[REPORT_NAMES]  # type: ignore[valid-type]
    phase: str
    cron: str = "0 7 * * *"
    at_phase_end: bool = False
    recipients: list[str] = Field(min_length=1)

    @field_validator("cron")
    @classmethod
    def _valid_cron(cls, value: str) -> str:
        from croniter import croniter

        if not croniter.is_valid(value):
            raise ValueError(f"{value!r} is not a cron expression (minute hour day month weekday)")
        return value

    @field_validator("recipients")
    @classmethod
    def _addresses(cls, values: list[str]) -> list[str]:
        bad = [v for v in values if not re.match(EMAIL_PATTERN, v)]
        if bad:
            raise ValueError(f"not e-mail addresses: {bad}")
        return values


class Reports(StrictModel):
    sender: str = Field(default="hornsten@localhost", pattern=EMAIL_PATTERN)
    schedules: list[ReportSchedule] = []


class Alerts(StrictModel):
    """Who hears of a failed DAG run."""

    recipients: list[str] = []
