"""Where things are on disk: the repository, the state folder, each process's inboxes and archive,
the shared reference folder.

One place for these, so the CLI, the Airflow tasks and the local stack never work
them out differently.

Inboxes are per process *and* per dataset::

    $HORNSTEN_INBOX/<process>/survey/      survey exports (CSV, XLSX, LimeSurvey)
    $HORNSTEN_INBOX/<process>/valuation/   the steering committee's valuation sheets
    $HORNSTEN_INBOX/<process>/dialogue/    filled meeting templates
    $HORNSTEN_INBOX/<process>/remiss/      filled remiss response templates

($HORNSTEN_INBOX defaults to $HORNSTEN_HOME/inbox.) Two processes on one platform
therefore never read each other's files, and a template of another process can be
told exactly where it belongs. Files left where the older layouts put them (survey
exports in the inbox root or directly in inbox/<process>/, templates in the shared
inbox/valuation|dialogue|remiss/) are not loaded: ``misplaced_inbox_files`` finds
them so that the DAGs can name them and fail visibly instead of losing them quietly.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]

INBOX_DATASETS = ("survey", "priorities", "valuation", "dialogue", "remiss")
# What an inbox may hold; anything else (notes, folders) is left alone.
INBOX_SUFFIXES = frozenset({".csv", ".txt", ".tsv", ".xlsx", ".xls"})


def hornsten_home() -> Path:
    """The state folder ($HORNSTEN_HOME, default .hornsten/ in the repository)."""
    return Path(os.environ.get("HORNSTEN_HOME", REPO_ROOT / ".hornsten"))


def shared_dir() -> Path:
    """The folder shared beside the repository ($HORNSTEN_SHARED_DIR, default ../shared).

    It holds what is not the project's to ship, such as the hand-labelled dev set
    (reference/dev_answers.csv) that ``hornsten eval`` measures the tagging against."""
    return Path(os.environ.get("HORNSTEN_SHARED_DIR") or REPO_ROOT.parent / "shared")


def inbox_root() -> Path:
    """$HORNSTEN_INBOX, default $HORNSTEN_HOME/inbox: the folder that holds every process's inboxes."""
    return Path(os.environ.get("HORNSTEN_INBOX") or hornsten_home() / "inbox")


def inbox_dir(process: str, dataset: str, root: Path | None = None) -> Path:
    """The one inbox a process reads for a dataset: <root>/<process>/<dataset>/.

    ``root`` defaults to ``inbox_root()``; the local stack passes its own (Settings.inbox)."""
    if dataset not in INBOX_DATASETS:
        raise ValueError(
            f"unknown inbox {dataset!r}; expected {', '.join(INBOX_DATASETS[:-1])} or {INBOX_DATASETS[-1]}"
        )
    return (root if root is not None else inbox_root()) / process / dataset


def archive_root() -> Path:
    return Path(os.environ.get("HORNSTEN_ARCHIVE") or hornsten_home() / "archive")


def archive_dir(process: str) -> Path:
    """Loaded and rejected files of a process: <archive>/<process>/ (each dataset below it)."""
    return archive_root() / process


def site_dir(process: str, home: Path | None = None) -> Path:
    """Where the reports DAG publishes a process's website: $HORNSTEN_SITE_DIR/<process>,
    default <home>/site/<process> (home: $HORNSTEN_HOME); the web server serves or syncs it."""
    return Path(os.environ.get("HORNSTEN_SITE_DIR") or (home or hornsten_home()) / "site") / process


def _waiting_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and not p.name.startswith((".", "~$")) and p.suffix.lower() in INBOX_SUFFIXES
    )


def legacy_inbox_dirs(process: str, dataset: str, root: Path | None = None) -> list[tuple[Path, str]]:
    """The folders older layouts used for this dataset, each with a description for the log."""
    root = root if root is not None else inbox_root()
    if dataset == "survey":
        return [(root, "the old survey inbox root"), (root / process, f"the old survey inbox {process}/")]
    return [(root / dataset, f"the old shared {dataset} inbox")]


def misplaced_inbox_files(process: str, dataset: str, root: Path | None = None) -> list[Path]:
    """Files waiting where an older layout put them, which the current inbox does not read."""
    return [p for folder, _ in legacy_inbox_dirs(process, dataset, root) for p in _waiting_files(folder)]


def misplaced_report(process: str, dataset: str) -> list[dict[str, str]]:
    """``misplaced_inbox_files`` with where each file came from and where it should go, for task results."""
    target = f"{inbox_dir(process, dataset)}/"
    return [
        {"file": str(path), "move_to": target, "reason": reason}
        for folder, reason in legacy_inbox_dirs(process, dataset)
        for path in _waiting_files(folder)
    ]


def misplaced_message(item: dict[str, str]) -> str:
    """One line for the log and the failing task: which file, why it was not read, where it goes."""
    return f"{item['file']}: in {item['reason']}, which is not read any more; move it to {item['move_to']}"


def archive_processed(path: Path, archive: Path, checksum: str | None, error: str | None) -> Path:
    """Move a processed inbox file to <archive>/<today>/, or — when `error` says it could
    not be used — to <archive>/failed/ with the reason beside it; the checksum prefix keeps
    two deliveries of one file name apart."""
    import shutil
    from datetime import datetime

    folder = archive / ("failed" if error is not None else datetime.now().strftime("%Y-%m-%d"))
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{(checksum or 'unreadable')[:12]}_{path.name}"
    shutil.move(str(path), target)
    if error is not None:
        target.with_name(target.name + ".reason.txt").write_text(error + "\n", encoding="utf-8")
    return target
