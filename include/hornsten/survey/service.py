"""Phase 1 use cases, called alike by ``hornsten ingest`` and the survey ingest DAG."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from hornsten import paths
from hornsten.config import ProcessConfig
from hornsten.survey import detection, ingest
from hornsten.survey.ingest import describe

Echo = Callable[[str], None]


def ingest_exports(
    conn, config: ProcessConfig, files: Iterable[Path], archive: Path | None = None, echo: Echo = print
) -> list[ingest.LoadResult]:
    """Load survey exports (and archive them when `archive` is given), reporting progress per file;
    then the languages and campaign fingerprints of the answers they brought."""

    def progress(name: str, rows: int) -> None:
        echo(f"  {name}: {rows:,} rows read …")

    results = ingest.ingest_files(conn, list(files), config, ingest.pseudonym_key(), archive=archive, progress=progress)
    detect_answers(conn, config, echo)
    return results


def detect_answers(conn, config: ProcessConfig, echo: Echo = print) -> detection.DetectionResult:
    """Language and campaign fingerprints of every answer not yet seen.

    `hornsten survey detect` calls it, and ingest_exports after each load."""
    return detection.detect(conn, config, echo)


def ingest_inbox(conn, config: ProcessConfig, inbox: Path, archive: Path, echo: Echo = print) -> dict[str, Any]:
    """Every export waiting in the process's inbox, loaded and archived; the summary the DAG passes on."""
    files = ingest.inbox_files(inbox)
    echo(f"{len(files)} export file(s) in {inbox}")
    results = ingest_exports(conn, config, files, archive=archive, echo=echo)
    for result in results:
        echo(describe(result))
    return summary(results)


def summary(results: list[ingest.LoadResult]) -> dict[str, Any]:
    return {
        "load_ids": [r.load_id for r in results if r.load_id is not None and r.status != "failed"],
        # Responses new or replaced; 0 (an empty inbox, a re-delivered file) means
        # nothing for the downstream DAGs to rebuild.
        "landed": sum(r.loaded for r in results if r.status != "failed"),
        "results": [r.as_json() for r in results],
    }


def failed_files(summary: dict[str, Any]) -> list[str]:
    """Files rejected whole, and files left where an older inbox layout put them (not loaded)."""
    failed = [f"{r['file']}: {r['error']}" for r in summary["results"] if r["status"] == "failed"]
    return failed + [paths.misplaced_message(m) for m in summary.get("misplaced", [])]
