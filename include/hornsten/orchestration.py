"""What the Airflow tasks call: the same functions the CLI uses, plus Airflow's
connection and failure conventions. Kept apart so that the logic modules never
import Airflow and the DAG files stay pure wiring."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from hornsten.config import ProcessConfig, load_process

WAREHOUSE_CONN_ID = os.environ.get("HORNSTEN_WAREHOUSE_CONN_ID", "hornsten_warehouse")
REPO_ROOT = Path(__file__).resolve().parents[2]


def hornsten_home() -> Path:
    return Path(os.environ.get("HORNSTEN_HOME", REPO_ROOT / ".hornsten"))


def inbox_dir(config: ProcessConfig) -> Path:
    """Each process has its own inbox folder: $HORNSTEN_HOME/inbox/<process>/ (or the inbox root)."""
    root = Path(os.environ.get("HORNSTEN_INBOX", hornsten_home() / "inbox"))
    own = root / config.process
    return own if own.is_dir() else root


def archive_dir(config: ProcessConfig) -> Path:
    return Path(os.environ.get("HORNSTEN_ARCHIVE", hornsten_home() / "archive")) / config.process


def warehouse_connection():
    """A psycopg 3 connection to the warehouse through Airflow's connection store."""
    from airflow.providers.postgres.hooks.postgres import PostgresHook

    conn = PostgresHook(postgres_conn_id=WAREHOUSE_CONN_ID).get_conn()
    conn.autocommit = True
    return conn


def warehouse_uri() -> str:
    from airflow.providers.postgres.hooks.postgres import PostgresHook

    return PostgresHook(postgres_conn_id=WAREHOUSE_CONN_ID).get_uri()


def in_window(config: ProcessConfig, phase: str, run_type: str | None, when: dt.datetime | None) -> bool:
    """Scheduled runs work only inside the phase's window; manual runs always do."""
    if run_type is not None and run_type != "scheduled":
        return True
    if when is None:
        return True
    window = config.phase(phase)
    return window.start <= when.date() <= window.end


def ingest_inbox(process: str) -> dict[str, Any]:
    """Load every export in the process's inbox and archive it; returns the per-file results."""
    from hornsten.ingest import ingest_files, inbox_files, pseudonym_key

    config = load_process(process)
    inbox = inbox_dir(config)
    files = inbox_files(inbox)
    print(f"{len(files)} export file(s) in {inbox}")

    def progress(name: str, rows: int) -> None:
        print(f"  {name}: {rows:,} rows read")

    conn = warehouse_connection()
    try:
        results = ingest_files(conn, files, config, pseudonym_key(), archive=archive_dir(config), progress=progress)
    finally:
        conn.close()
    for result in results:
        print(
            f"{Path(result.file).name}: {result.status}: {result.rows_read} read, {result.loaded} loaded, "
            f"{result.duplicates} already present, {result.quarantined} quarantined"
            + (f" — {result.error}" if result.error else "")
        )
    return {
        "load_ids": [r.load_id for r in results if r.load_id is not None and r.status != "failed"],
        "results": [r.as_json() for r in results],
    }


def check_quality(process: str, load_ids: list[int]) -> dict[str, Any]:
    """GX checkpoint on this run's batch; raises (failing the task) on a critical failure."""
    from hornsten import quality

    config = load_process(process)
    report = quality.run_checkpoint(config, warehouse_uri(), load_ids, hornsten_home() / "gx")
    conn = warehouse_connection()
    try:
        quality.store_report(conn, report)
    finally:
        conn.close()
    print(report.summary())
    if report.critical_failures:
        raise QualityGateFailed(report.summary())
    return {"run_id": report.run_id, "expectations": len(report.outcomes), "warnings": len(report.warnings),
            "data_docs": report.docs_path}


def ingest_valuations(process: str) -> dict[str, Any]:
    """Load committee valuation sheets from the inbox's valuation/ folder and archive them."""
    import shutil

    from hornsten import valuation
    from hornsten.ingest import ensure_schema

    config = load_process(process)
    inbox = Path(os.environ.get("HORNSTEN_INBOX", hornsten_home() / "inbox")) / "valuation"
    files = sorted(p for p in inbox.glob("*") if p.suffix.lower() in {".xlsx", ".csv"}) if inbox.exists() else []
    themes = {t.code for t in valuation.codebook_themes()}
    loaded: dict[str, int] = {}
    rejected: dict[str, str] = {}
    conn = warehouse_connection()
    try:
        ensure_schema(conn)
        for path in files:
            try:
                parsed = valuation.read_valuations(path, themes)
            except (valuation.ValuationError, ValueError) as exc:
                rejected[path.name] = str(exc)
                continue
            loaded[path.name] = valuation.load(conn, config.process, path.name, parsed.valuations)
            rejected.update({f"{path.name}: {member}": reason for member, reason in parsed.rejected.items()})
            target = archive_dir(config) / "valuation"
            target.mkdir(parents=True, exist_ok=True)
            shutil.move(str(path), target / path.name)
    finally:
        conn.close()
    print(f"{len(files)} valuation file(s); members loaded: {loaded}; rejected: {rejected}")
    return {"loaded": loaded, "rejected": rejected}


def failed_files(ingest_summary: dict[str, Any]) -> list[str]:
    return [f"{r['file']}: {r['error']}" for r in ingest_summary["results"] if r["status"] == "failed"]


class QualityGateFailed(RuntimeError):
    """A critical expectation failed on the loaded batch."""


class RejectedFiles(RuntimeError):
    """Some files could not be read at all; they are in the archive's failed/ folder."""
