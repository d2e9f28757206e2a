"""Scheduled delivery: which reports are due on a day, and sending each once per period.

A schedule (process configuration, ``reports.schedules``) names a report, the phase
whose window it runs in, a cron expression for the days, and the recipients. On a
due day the report is built from the marts, rendered, archived under
``$HORNSTEN_HOME/reports/<process>/<report>/<period>/`` (HTML, PDF, XLSX and the
message as ``.eml``) and sent. ``raw.report_deliveries`` is claimed first, so a
retried task, or a second run the same day, never sends a period's report twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from zoneinfo import ZoneInfo

from hornsten.audit import actor
from hornsten.config import ProcessConfig, ReportSchedule

Send = Callable[[EmailMessage], None]


@dataclass
class DeliveryResult:
    report: str
    period: str
    status: str  # sent, already_sent, not_due
    recipients: list[str]
    archive: str | None = None
    message_id: str | None = None
    reason: str = ""


def due(config: ProcessConfig, schedule: ReportSchedule, day: dt.date) -> tuple[bool, str]:
    """Is the report due on `day`? Only inside its phase's window, on its cron days or at the phase's end."""
    from croniter import croniter

    phase = config.phase(schedule.phase)
    if not phase.start <= day <= phase.end:
        return False, f"{day} is outside the phase {phase.code!r} ({phase.start} – {phase.end})"
    if schedule.at_phase_end and day == phase.end:
        return True, f"the last day of the phase {phase.code!r}"
    tz = ZoneInfo(config.timezone)
    start = dt.datetime.combine(day, dt.time.min, tzinfo=tz)
    following = croniter(schedule.cron, start - dt.timedelta(seconds=1)).get_next(dt.datetime)
    if following.date() == day:
        return True, f"cron {schedule.cron!r}"
    return False, f"cron {schedule.cron!r} has no run on {day}"


def period_label(day: dt.date) -> str:
    """One report per scheduled day: the period is the day it covers."""
    return day.isoformat()


def archive_dir(home: Path, config: ProcessConfig, report: str, period: str) -> Path:
    return home / "reports" / config.process / report / period


def message_id(config: ProcessConfig, report: str, period: str) -> str:
    """Stable per process, report and period: should a resend ever happen, mail clients fold it into one."""
    return f"<{report}.{period}.{config.process}@hornsten.local>"


def deliver(
    conn, config: ProcessConfig, schedule: ReportSchedule, day: dt.date, send: Send, home: Path, force: bool = False
) -> DeliveryResult:
    """Build, render, archive and send one scheduled report, at most once per period."""
    from hornsten import reports
    from hornsten.reports import render
    from hornsten.warehouse.schema import ensure_schema

    period = period_label(day)
    result = DeliveryResult(schedule.report, period, "not_due", list(schedule.recipients))
    is_due, reason = due(config, schedule, day)
    if not is_due and not force:
        result.reason = reason
        return result
    ensure_schema(conn)
    with conn.transaction():
        claimed = conn.execute(
            """insert into raw.report_deliveries (process, report, period, status, recipients, actor)
               values (%s, %s, %s, 'sending', %s, %s)
               on conflict (process, report, period) do update set status = 'sending', claimed_at = now(), error = null,
                   actor = excluded.actor, db_user = session_user
                   where raw.report_deliveries.status = 'failed'
               returning delivery_id""",
            (config.process, schedule.report, period, list(schedule.recipients), actor()),
        ).fetchone()
    if claimed is None:
        row = conn.execute(
            """select status, archive_path, message_id from raw.report_deliveries
               where process = %s and report = %s and period = %s""",
            (config.process, schedule.report, period),
        ).fetchone()
        result.status, result.archive, result.message_id = "already_sent", row[1], row[2]
        result.reason = f"already {row[0]} for {period}"
        return result
    (delivery_id,) = claimed
    try:
        report = reports.build(schedule.report, conn, config, period)
        folder = archive_dir(home, config, schedule.report, period)
        rendered = render.render_files(report, folder)
        message = render.email(rendered, config.reports.sender, list(schedule.recipients))
        message.replace_header("Message-ID", message_id(config, schedule.report, period))
        (folder / f"{schedule.report}.eml").write_bytes(bytes(message))
        send(message)
    except Exception as exc:
        with conn.transaction():
            conn.execute(
                "update raw.report_deliveries set status = 'failed', error = %s where delivery_id = %s",
                (f"{type(exc).__name__}: {exc}", delivery_id),
            )
        raise
    with conn.transaction():
        conn.execute(
            """update raw.report_deliveries set status = 'sent', sent_at = now(), message_id = %s, archive_path = %s
               where delivery_id = %s""",
            (message["Message-ID"], str(folder), delivery_id),
        )
    result.status, result.archive, result.message_id = "sent", str(folder), message["Message-ID"]
    result.reason = reason
    return result


def smtp_sender(
    host: str, port: int, user: str | None = None, password: str | None = None, starttls: bool = False
) -> Send:
    """A plain smtplib sender, for the CLI and tests (the DAG goes through Airflow's SMTP hook)."""
    import smtplib

    def send(message: EmailMessage) -> None:
        with smtplib.SMTP(host, port, timeout=30) as client:
            if starttls:
                client.starttls()
            if user and password:
                client.login(user, password)
            client.send_message(message)

    return send
