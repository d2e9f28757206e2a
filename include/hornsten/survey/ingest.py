"""Phase 1 ingest: survey export files into the warehouse's ``raw`` schema.

One code path serves the Airflow DAG and ``hornsten ingest``. Per file:

1. checksum and encoding in one streaming pass, a ``raw.load_log`` row (held by this
   session while it runs, so a dead attempt is marked ``interrupted`` by the next one:
   ``hornsten.survey.load_log``);
2. every row is parsed against the process configuration and streamed with COPY
   into a temporary table — good rows typed and pseudonymised, bad rows with the
   reason and their content as delivered (a large file's rows on every core, in file
   order: ``hornsten.survey.prepare``);
3. in one transaction: the latest submission per response wins
   (``insert … on conflict … where newer``), answers of changed responses are
   replaced, rejected rows go to ``restricted.quarantine`` (once per file and row),
   and the load log gets the counts.

Re-delivering a file, or overlapping exports, therefore never duplicates a response;
and as nothing is committed before step 3's transaction, an attempt cut off anywhere
(server stopped, process killed) leaves no partial load behind.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import psycopg

from hornsten import paths
from hornsten.audit import actor
from hornsten.config import ProcessConfig
from hornsten.privacy.rotation import check_key
from hornsten.survey import load_log
from hornsten.survey.prepare import RowPreparer, default_workers, no_nul, prepared_rows
from hornsten.survey.rows import RowParser, choose_layout
from hornsten.survey.sources import SUPPORTED_SUFFIXES, SourceError, fingerprint, open_export
from hornsten.warehouse.schema import INGEST_LOCK, ensure_schema

Progress = Callable[[str, int], None]
PROGRESS_EVERY = 50_000


@dataclass
class LoadResult:
    file: str
    rows_read: int = 0
    loaded: int = 0
    duplicates: int = 0
    quarantined: int = 0
    status: str = "failed"
    load_id: int | None = None
    checksum: str | None = None
    layout: str | None = None
    encoding: str | None = None
    error: str | None = None
    archived_to: str | None = None
    reasons: dict[str, int] = field(default_factory=dict)

    def as_json(self) -> dict[str, object]:
        return asdict(self)


class LoadInterrupted(RuntimeError):
    """The warehouse went away mid-load (nothing of the attempt was committed)."""

    def __init__(self, path: Path, cause: Exception):
        detail = str(cause).strip().splitlines()[0] if str(cause).strip() else type(cause).__name__
        super().__init__(
            f"the connection to the warehouse was lost while loading {Path(path).name} ({detail}); "
            "nothing of it was committed — load it again once the warehouse is back"
        )


def pseudonym_key() -> bytes:
    key = os.environ.get("HORNSTEN_PSEUDONYM_KEY")
    if not key:
        raise RuntimeError(
            "HORNSTEN_PSEUDONYM_KEY is not set: respondent identifiers cannot be pseudonymised. "
            "`hornsten up` generates one; in a deployment set it as a secret."
        )
    return key.encode()


def load_file(
    conn: psycopg.Connection,
    path: Path,
    config: ProcessConfig,
    key: bytes,
    progress: Progress | None = None,
    workers: int = 1,
) -> LoadResult:
    """Load one export file; never raises for bad input, the result says what happened.

    `workers` processes parse and pseudonymise a large file's rows (hornsten.survey.prepare)."""

    def rows(result: LoadResult) -> None:
        _stream_rows(conn, Path(path), config, key, result, progress, workers)
        _merge(conn, config, Path(path), result)

    return logged_load(conn, path, {"process": config.process, "survey_id": config.survey.survey_id}, rows)


def logged_load(
    conn: psycopg.Connection, path: Path, attempt: dict[str, object], rows: Callable[[LoadResult], None]
) -> LoadResult:
    """One file's load under the load log, for every dataset loaded from export files.

    `attempt` names the process, survey (or round) and dataset of the ``raw.load_log`` row;
    `rows(result)` streams and merges the file's rows inside one transaction holding the
    ingest lock. Bad input fails the file (counts zeroed, the error logged) and commits
    nothing of it; a lost connection raises LoadInterrupted."""
    path = Path(path)
    result = LoadResult(file=str(path))
    try:
        print_ = fingerprint(path)
    except OSError as exc:
        result.error = f"{path}: cannot be read ({exc.strerror or exc})"
        return result
    result.checksum, result.encoding = print_.sha256, print_.encoding
    try:
        result.load_id = load_log.open_attempt(
            conn,
            {
                **attempt,
                "file_name": path.name,
                "file_checksum": print_.sha256,
                "file_bytes": print_.size,
                "encoding": print_.encoding,
                "actor": actor(),
            },
        )
        try:
            _load_rows(conn, result, rows)
        finally:
            load_log.close_attempt(conn, result.load_id)
    except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
        # The load log row stays 'running' until the next load finds its session gone.
        raise LoadInterrupted(path, exc) from exc
    return result


def _load_rows(conn: psycopg.Connection, result: LoadResult, rows: Callable[[LoadResult], None]) -> None:
    try:
        with conn.transaction():
            conn.execute("select pg_advisory_xact_lock(%s)", (INGEST_LOCK,))
            rows(result)
            result.status = "loaded_with_quarantine" if result.quarantined else "loaded"
            _finish_log(conn, result)
    except (SourceError, psycopg.DataError, UnicodeError) as exc:
        result.status = "failed"
        result.error = no_nul(str(exc))
        result.rows_read = result.loaded = result.duplicates = result.quarantined = 0
        with conn.transaction():
            _finish_log(conn, result)


def delivery_time(path: Path, config: ProcessConfig) -> dt.datetime:
    """When the export was delivered: the file's modification time (kept when it is moved
    into the inbox, so delivering the same file again adds nothing)."""
    from zoneinfo import ZoneInfo

    return dt.datetime.fromtimestamp(Path(path).stat().st_mtime, tz=ZoneInfo(config.timezone))


def _stream_rows(
    conn: psycopg.Connection,
    path: Path,
    config: ProcessConfig,
    key: bytes,
    result: LoadResult,
    progress: Progress | None,
    workers: int,
) -> None:
    conn.execute(
        """create temp table _incoming (
               row_number integer, response_id text, submitted_at timestamptz, submitted_at_source text,
               respondent_key text, respondent_id text, closed_answers jsonb,
               answers jsonb, originals jsonb, reason text, content text
           ) on commit drop"""
    )
    with open_export(path, encoding=result.encoding) as export:
        layout, mapping = choose_layout(config, export.header, path.name)
        result.layout = layout.name
        conn.execute(
            "update raw.load_log set file_kind = %s, delimiter = %s, layout = %s where load_id = %s",
            (export.kind, export.delimiter, layout.name, result.load_id),
        )
        parser = RowParser(config, layout, mapping, export.header, delivery_time(path, config))
        preparer = RowPreparer(parser, key, export.delimiter or ";")
        with conn.cursor().copy(
            "copy _incoming (row_number, response_id, submitted_at, submitted_at_source, respondent_key, respondent_id,"
            " closed_answers, answers, originals, reason, content) from stdin"
        ) as copy:
            for reason, row in prepared_rows(export.rows, preparer, workers):
                result.rows_read += 1
                if reason is not None:
                    result.quarantined += 1
                    result.reasons[reason] = result.reasons.get(reason, 0) + 1
                copy.write_row(row)
                if progress and result.rows_read % PROGRESS_EVERY == 0:
                    progress(path.name, result.rows_read)
    if progress:
        progress(path.name, result.rows_read)


def _merge(conn: psycopg.Connection, config: ProcessConfig, path: Path, result: LoadResult) -> None:
    params = {"survey": config.survey.survey_id, "load_id": result.load_id}
    # The latest-per-response sort of a million rows fits in memory instead of
    # spilling to disk (for this transaction only).
    conn.execute("set local work_mem = '256MB'")
    # Temporary tables have no statistics until analysed; without them the planner
    # picks nested loops for the joins below.
    conn.execute("analyze _incoming (row_number, response_id, submitted_at, reason)")
    conn.execute(
        """create temp table _latest on commit drop as
           select distinct on (response_id) *
           from _incoming where reason is null
           order by response_id, submitted_at desc, row_number desc"""
    )
    conn.execute("create temp table _changed (response_id text primary key) on commit drop")
    # The latest submission wins; an equal or older one is a duplicate.
    conn.execute(
        """with upserted as (
               insert into raw.survey_responses as t
                   (survey_id, response_id, submitted_at, submitted_at_source, respondent_key, closed_answers,
                    load_id, source_row)
               select %(survey)s, response_id, submitted_at, submitted_at_source, respondent_key, closed_answers,
                      %(load_id)s, row_number
               from _latest
               on conflict (survey_id, response_id) do update set
                   submitted_at = excluded.submitted_at,
                   submitted_at_source = excluded.submitted_at_source,
                   respondent_key = excluded.respondent_key,
                   closed_answers = excluded.closed_answers,
                   load_id = excluded.load_id,
                   source_row = excluded.source_row,
                   updated_at = now()
               where excluded.submitted_at > t.submitted_at
               returning response_id
           )
           insert into _changed select response_id from upserted""",
        params,
    )
    conn.execute("analyze _latest (response_id, respondent_key)")
    conn.execute("analyze _changed")
    for table, column in (("raw.survey_answers", "answers"), ("restricted.survey_answers_original", "originals")):
        conn.execute(
            f"""delete from {table} a using _changed c
                where a.survey_id = %(survey)s and a.response_id = c.response_id""",
            params,
        )
        conn.execute(
            f"""insert into {table} (survey_id, response_id, question_code, answer_text)
                select %(survey)s, l.response_id, kv.key, kv.value
                from _latest l
                join _changed c using (response_id)
                cross join lateral jsonb_each_text(l.{column}) kv""",
            params,
        )
    conn.execute(
        """insert into restricted.respondents (respondent_key, respondent_id)
           select distinct on (respondent_key) respondent_key, respondent_id
           from _latest where respondent_key is not null
           on conflict (respondent_key) do nothing"""
    )
    conn.execute(
        """insert into restricted.quarantine (load_id, file_name, file_checksum, row_number, reason, content)
           select %(load_id)s, %(file)s, %(checksum)s, row_number, reason, content
           from _incoming where reason is not null
           on conflict (file_checksum, sheet, row_number) do nothing""",
        {**params, "file": path.name, "checksum": result.checksum},
    )
    result.loaded = conn.execute("select count(*) from _changed").fetchone()[0]
    valid = result.rows_read - result.quarantined
    result.duplicates = valid - result.loaded


def _finish_log(conn: psycopg.Connection, result: LoadResult) -> None:
    conn.execute(
        """update raw.load_log set rows_read = %s, loaded = %s, duplicates = %s, quarantined = %s,
               status = %s, error = %s, finished_at = now(), archived_to = %s
           where load_id = %s""",
        (
            result.rows_read,
            result.loaded,
            result.duplicates,
            result.quarantined,
            result.status,
            result.error,
            result.archived_to,
            result.load_id,
        ),
    )


# ------------------------------------------------------------------ inbox
def inbox_files(inbox: Path) -> list[Path]:
    """Export files waiting in the inbox, oldest first; hidden and partial uploads are left alone."""
    if not inbox.exists():
        return []
    files = [
        p
        for p in inbox.iterdir()
        if p.is_file() and not p.name.startswith((".", "~$")) and p.suffix.lower() in SUPPORTED_SUFFIXES
    ]
    return sorted(files, key=lambda p: (p.stat().st_mtime, p.name))


def archive_file(path: Path, archive: Path, result: LoadResult) -> Path:
    """Processed files go to archive/<date>/ (failed ones to archive/failed/, with the reason)."""
    error = (result.error or "") if result.status == "failed" else None
    return paths.archive_processed(path, archive, result.checksum, error)


def ingest_files(
    conn: psycopg.Connection,
    files: Iterable[Path],
    config: ProcessConfig,
    key: bytes,
    archive: Path | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
) -> list[LoadResult]:
    """Load the files in order; `workers` defaults to one per core (HORNSTEN_INGEST_WORKERS)."""
    workers = default_workers() if workers is None else workers
    return load_each(conn, files, key, lambda path: load_file(conn, path, config, key, progress, workers), archive)


def load_each(
    conn: psycopg.Connection,
    files: Iterable[Path],
    key: bytes,
    load: Callable[[Path], LoadResult],
    archive: Path | None = None,
) -> list[LoadResult]:
    """`load` each file in order, then move it to `archive` (when given) and log where it went."""
    ensure_schema(conn)
    # Pseudonyms of two keys must never mix (a process still running after a rotation).
    check_key(conn, key)
    results = []
    for path in map(Path, files):
        result = load(path)
        if archive is not None and path.exists():
            result.archived_to = str(archive_file(path, archive, result))
            if result.load_id is not None:
                with conn.transaction():
                    conn.execute(
                        "update raw.load_log set archived_to = %s where load_id = %s",
                        (result.archived_to, result.load_id),
                    )
        results.append(result)
    return results


def describe(result: LoadResult) -> str:
    """One file's outcome, with the reasons rows were quarantined."""
    lines = [
        f"{Path(result.file).name}: {result.status} — {result.rows_read:,} read, {result.loaded:,} loaded, "
        f"{result.duplicates:,} already present, {result.quarantined:,} quarantined"
    ]
    lines += [
        f"    quarantined {count:,}× {reason}"
        for reason, count in sorted(result.reasons.items(), key=lambda kv: -kv[1])
    ]
    if result.error:
        lines.append(f"    error: {result.error}")
    return "\n".join(lines)
