"""Retention: the originals of a process are deleted once it has been over long enough.

A process ends with its last phase (``ProcessConfig.ends_on``, the council's decision
as a rule); ``retention.restricted_days_after_end`` says how many days its personal
data is kept after that. The day after the last day kept, :func:`apply_retention`
deletes, in one transaction under the ingest lock:

* ``restricted.survey_answers_original`` of the process's survey,
  ``restricted.dialogue_statements_original`` and ``restricted.remiss_comments_original``;
* ``restricted.respondents`` whose keys only responses of expired processes use;
* ``restricted.quarantine``: every quarantined row of the process's loads (as delivered);
* the process's archive folder (every archived export and template, failed ones too).

The pseudonymised ``raw`` data and the marts stay, and with them what the detection
after each load derived from the pseudonymised answers (``raw.answer_detections``,
``raw.text_minhash_bands``, ``raw.near_duplicate_texts``: languages, hashes and band
keys, no text of an original). Each run writes counts — never
content — to ``audit.events`` (kind ``retention``) and the log; a second run finds
nothing more to delete and logs zeros. ``hornsten retention run`` and the
``hornsten_maintenance`` DAG both call :func:`run_retention`.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

from hornsten.audit import record_event
from hornsten.config import ProcessConfig
from hornsten.warehouse.schema import INGEST_LOCK, ensure_schema

Echo = Callable[[str], None]


@dataclass(frozen=True)
class RetentionDecision:
    process: str
    ends_on: dt.date
    keep_until: dt.date | None  # the last day the originals are kept; None: no retention configured
    due: bool
    reason: str


def decide(config: ProcessConfig, today: dt.date) -> RetentionDecision:
    """Is the process's personal data past its retention on `today`? (Pure: no database, no clock.)"""
    ends_on = config.ends_on
    if config.retention is None:
        reason = f"no retention configured (set retention.restricted_days_after_end); ended {ends_on}"
        return RetentionDecision(config.process, ends_on, None, False, reason)
    keep_until = ends_on + dt.timedelta(days=config.retention.restricted_days_after_end)
    days = config.retention.restricted_days_after_end
    if today > keep_until:
        reason = f"ended {ends_on}, kept {days} days until {keep_until}: past retention"
        return RetentionDecision(config.process, ends_on, keep_until, True, reason)
    reason = f"ended {ends_on}, kept {days} days until {keep_until}: {(keep_until - today).days} day(s) left"
    if today <= ends_on:
        reason = f"runs until {ends_on}, then kept {days} days (until {keep_until})"
    return RetentionDecision(config.process, ends_on, keep_until, False, reason)


@dataclass
class RetentionResult:
    decision: RetentionDecision
    dry_run: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    event_id: int | None = None

    def describe(self) -> str:
        head = f"{self.decision.process}: {self.decision.reason}"
        if not self.decision.due:
            return head
        verb = "would delete" if self.dry_run else "deleted"
        return f"{head}; {verb} " + ", ".join(f"{name} {count}" for name, count in self.counts.items())

    def as_json(self) -> dict[str, object]:
        return {
            "process": self.decision.process,
            "due": self.decision.due,
            "keep_until": self.decision.keep_until.isoformat() if self.decision.keep_until else None,
            "dry_run": self.dry_run,
            "counts": self.counts,
        }


def apply_retention(
    conn,
    config: ProcessConfig,
    today: dt.date,
    archive: Path,
    expired_surveys: set[str],
    dry_run: bool = False,
) -> RetentionResult:
    """Delete the process's originals if it is past retention. `expired_surveys` are the surveys of
    every process past retention: a respondent key another, still kept, survey uses stays."""
    result = RetentionResult(decide(config, today), dry_run)
    if not result.decision.due:
        return result
    counts = result.counts
    with conn.transaction() as tx:
        conn.execute("select pg_advisory_xact_lock(%s)", (INGEST_LOCK,))
        counts["answer_originals"] = conn.execute(
            "delete from restricted.survey_answers_original where survey_id = %s", (config.survey.survey_id,)
        ).rowcount
        counts["respondents"] = conn.execute(
            """delete from restricted.respondents r
               where exists (select 1 from raw.survey_responses s
                             where s.respondent_key = r.respondent_key and s.survey_id = %s)
                 and not exists (select 1 from raw.survey_responses o
                                 where o.respondent_key = r.respondent_key and o.survey_id <> all(%s))""",
            (config.survey.survey_id, sorted(expired_surveys | {config.survey.survey_id})),
        ).rowcount
        for table, name in (
            ("restricted.dialogue_statements_original", "statement_originals"),
            ("restricted.remiss_comments_original", "comment_originals"),
        ):
            counts[name] = conn.execute(f"delete from {table} where process = %s", (config.process,)).rowcount
        counts["quarantined_rows"] = conn.execute(
            """delete from restricted.quarantine q using raw.load_log l
               where l.load_id = q.load_id and l.process = %s""",
            (config.process,),
        ).rowcount
        archived = [p for p in archive.rglob("*") if p.is_file()] if archive.is_dir() else []
        counts["archived_files"] = len(archived)
        if dry_run:
            raise psycopg.Rollback(tx)
        result.event_id = record_event(
            conn,
            "retention",
            config.process,
            counts=counts,
            details={
                "ends_on": result.decision.ends_on,
                "keep_until": result.decision.keep_until,
                "run_on": today,
                "restricted_days_after_end": config.retention.restricted_days_after_end,
            },
        )
        # Last, so that a file that cannot be deleted rolls the rows back with it.
        if archive.is_dir():
            shutil.rmtree(archive)
    return result


def run_retention(
    conn,
    configs: list[ProcessConfig],
    today: dt.date,
    archive_for: Callable[[str], Path],
    dry_run: bool = False,
    echo: Echo = print,
    only: str | None = None,
) -> list[RetentionResult]:
    """Retention for every process given (every configured one), or for `only` that one of them;
    all are needed to know which respondent keys no kept process uses."""
    ensure_schema(conn)
    expired = {c.survey.survey_id for c in configs if decide(c, today).due}
    results = []
    for config in configs:
        if only is not None and config.process != only:
            continue
        result = apply_retention(conn, config, today, archive_for(config.process), expired, dry_run)
        echo(result.describe())
        results.append(result)
    return results
