"""Load filled dialogue and remiss templates with the survey ingest's guarantees.

Per file: a ``raw.load_log`` row (dataset ``dialogue`` or ``remiss``, checksum), the
template validated, its meeting or response replaced as a whole, every rejected row
in ``restricted.quarantine`` with sheet, row and reason (once per file and row), and
the file moved to the archive (``failed/`` with a reason file when unusable).
Delivering the same file again therefore changes nothing, and a corrected file
replaces what it corrects.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from hornsten import paths
from hornsten.audit import actor
from hornsten.config import ProcessConfig
from hornsten.dialogue import template as dialogue
from hornsten.forms import workbook as tb
from hornsten.remiss import template as remiss
from hornsten.survey import load_log
from hornsten.survey.sources import fingerprint
from hornsten.warehouse.schema import INGEST_LOCK, ensure_schema

DATASETS = ("dialogue", "remiss")


@dataclass
class TemplateLoadResult:
    file: str
    dataset: str
    status: str = "failed"
    load_id: int | None = None
    checksum: str | None = None
    key: str | None = None
    rows_read: int = 0
    loaded: int = 0
    replaced: bool = False
    quarantined: int = 0
    error: str | None = None
    archived_to: str | None = None
    problems: list[dict[str, object]] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return asdict(self)


def codebook_themes() -> list[dialogue.Theme]:
    from hornsten.tagging.codebook import codebook_themes as themes

    return themes()


def cornerstone_themes(conn, process: str) -> list[dialogue.Theme]:
    """The process's current cornerstones (marts.cornerstones), best first; empty before phase 2 has run."""
    import psycopg

    from hornsten.warehouse.schemas import scoped

    try:
        with conn.transaction():
            rows = (
                scoped(conn, process)
                .execute(
                    "select theme, theme_label from marts.cornerstones where is_cornerstone order by cornerstone_rank"
                )
                .fetchall()
            )
    except psycopg.errors.UndefinedTable:
        return []
    return [dialogue.Theme(code, label) for code, label in rows]


def inbox_files(folder: Path) -> list[Path]:
    """Templates waiting in an inbox folder, by name; Excel's lock files (~$…) are left alone."""
    if not folder.exists():
        return []
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and not p.name.startswith((".", "~$")) and p.suffix.lower() in {".xlsx", ".csv", ".xls"}
    )


def load_template(
    conn, path: Path, config: ProcessConfig, dataset: str, themes: list[dialogue.Theme]
) -> TemplateLoadResult:
    """Load one filled template; never raises for bad input, the result says what happened."""
    if dataset not in DATASETS:
        raise ValueError(f"unknown dataset {dataset!r}; expected one of {', '.join(DATASETS)}")
    path = Path(path)
    result = TemplateLoadResult(file=str(path), dataset=dataset)
    try:
        print_ = fingerprint(path)
    except OSError as exc:
        result.error = f"{path.name}: cannot be read ({exc.strerror or exc})"
        return result
    result.checksum = print_.sha256
    result.load_id = load_log.open_attempt(
        conn,
        {
            "process": config.process,
            "survey_id": config.process,
            "dataset": dataset,
            "file_name": path.name,
            "file_checksum": print_.sha256,
            "file_bytes": print_.size,
            "file_kind": "xlsx-template",
            "actor": actor(),
        },
    )
    try:
        _load(conn, path, config, dataset, themes, result)
    finally:
        load_log.close_attempt(conn, result.load_id)
    return result


def _load(conn, path: Path, config: ProcessConfig, dataset: str, themes, result: TemplateLoadResult) -> None:
    with conn.transaction():
        conn.execute("select pg_advisory_xact_lock(%s)", (INGEST_LOCK,))
        try:
            if dataset == "dialogue":
                report = dialogue.read_report(path, config, themes)
                result.key = report.meeting_id
                counts = dialogue.load_report(conn, config, report, result.load_id)
                result.loaded = counts["statements"] + counts["poll_rows"]
            else:
                report = remiss.read_response(path, config, themes)
                result.key = f"{report.round}:{report.body}"
                counts = remiss.load_response(conn, config, report, result.load_id)
                result.loaded = counts["positions"]
            result.replaced = bool(counts["replaced"])
            problems = report.problems
            result.status = "loaded_with_quarantine" if problems else "loaded"
        except tb.TemplateError as exc:
            result.error = str(exc)
            problems = exc.problems or [tb.Problem("", 0, str(exc), path.name)]
        result.quarantined = _quarantine(conn, result, path, problems)
        result.problems = [{"sheet": p.sheet, "row": p.row, "reason": p.reason} for p in problems]
        result.rows_read = result.loaded + len(problems)
        conn.execute(
            """update raw.load_log set rows_read = %s, loaded = %s, duplicates = 0, quarantined = %s, layout = %s,
                   status = %s, error = %s, finished_at = now() where load_id = %s""",
            (result.rows_read, result.loaded, len(problems), dataset, result.status, result.error, result.load_id),
        )


def _quarantine(conn, result: TemplateLoadResult, path: Path, problems: list[tb.Problem]) -> int:
    with conn.cursor() as cur:
        cur.executemany(
            """insert into restricted.quarantine (load_id, file_name, file_checksum, sheet, row_number, reason, content)
               values (%s, %s, %s, %s, %s, %s, %s)
               on conflict (file_checksum, sheet, row_number) do nothing""",
            [(result.load_id, path.name, result.checksum, p.sheet, p.row, p.reason, p.content) for p in problems],
        )
    return len(problems)


def archive_template(path: Path, archive: Path, result: TemplateLoadResult) -> Path:
    """Loaded templates go to archive/<dataset>/<date>/, unusable ones to archive/<dataset>/failed/ with the reason."""
    failed = result.status == "failed"
    return paths.archive_processed(
        path, archive / result.dataset, result.checksum, (result.error or "") if failed else None
    )


def ingest_templates(
    conn,
    files: Iterable[Path],
    config: ProcessConfig,
    dataset: str,
    archive: Path | None = None,
    themes: list[dialogue.Theme] | None = None,
) -> list[TemplateLoadResult]:
    ensure_schema(conn)
    themes = themes if themes is not None else codebook_themes()
    results = []
    for path in files:
        result = load_template(conn, Path(path), config, dataset, themes)
        if archive is not None and Path(path).exists():
            result.archived_to = str(archive_template(Path(path), archive, result))
            if result.load_id is not None:
                with conn.transaction():
                    conn.execute(
                        "update raw.load_log set archived_to = %s where load_id = %s",
                        (result.archived_to, result.load_id),
                    )
        results.append(result)
    return results


def ingest_inbox(
    conn, config: ProcessConfig, dataset: str, themes: list[dialogue.Theme] | None = None
) -> dict[str, object]:
    """Load every template waiting in the process's own inbox for `dataset` and archive it.

    The inbox is ``paths.inbox_dir(process, dataset)`` (created if missing, so that it
    exists where people are told to put files). Templates left in the old shared inbox
    are not loaded — they may belong to another process — but listed under ``misplaced``
    with where to move them. ``landed`` counts the templates whose meeting or response
    was written: zero means there is nothing new to tell downstream DAGs about."""
    if dataset not in DATASETS:
        raise ValueError(f"unknown dataset {dataset!r}; expected one of {', '.join(DATASETS)}")
    inbox = paths.inbox_dir(config.process, dataset)
    inbox.mkdir(parents=True, exist_ok=True)
    results = ingest_templates(conn, inbox_files(inbox), config, dataset, paths.archive_dir(config.process), themes)
    loaded = [r for r in results if r.status != "failed"]
    return {
        "inbox": str(inbox),
        "load_ids": [r.load_id for r in loaded if r.load_id is not None],
        "landed": len(loaded),
        "results": [r.as_json() for r in results],
        "misplaced": paths.misplaced_report(config.process, dataset),
    }


def describe(result: TemplateLoadResult) -> str:
    """One line per file for logs and the CLI."""
    name = Path(result.file).name
    if result.status == "failed":
        return f"{name}: REJECTED — {result.error}"
    verb = "replaced" if result.replaced else "loaded"
    line = f"{name}: {verb} {result.key} ({result.loaded} rows)"
    if result.quarantined:
        line += f", {result.quarantined} row(s) quarantined: " + "; ".join(
            f"{p['sheet']} row {p['row']}: {p['reason']}" for p in result.problems
        )
    return line
