"""Phase 2 use case: the committee members' valuation sheets into the warehouse,
called alike by ``hornsten valuation load`` and the components DAG (inbox/valuation/)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from hornsten.committee import valuation
from hornsten.config import ProcessConfig
from hornsten.tagging.codebook import codebook_themes
from hornsten.warehouse.schema import ensure_schema

SHEET_SUFFIXES = {".xlsx", ".csv"}


@dataclass
class ValuationLoad:
    loaded: dict[str, int] = field(default_factory=dict)  # file -> members loaded
    rejected: dict[str, str] = field(default_factory=dict)  # file, or "file: member" -> reason

    def as_json(self) -> dict:
        return {"loaded": self.loaded, "rejected": self.rejected}


def inbox_sheets(folder: Path) -> list[Path]:
    if not folder.exists():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SHEET_SUFFIXES)


def load_valuations(
    conn, config: ProcessConfig, files: Iterable[Path], archive: Path | None = None, echo: Callable = print
) -> ValuationLoad:
    """Validate and load each sheet; a member's new sheet replaces the old. A sheet that
    cannot be read is rejected whole; a member whose rows do not add up is rejected alone."""
    themes = {t.code for t in codebook_themes()}
    outcome = ValuationLoad()
    ensure_schema(conn)
    for path in files:
        try:
            parsed = valuation.read_valuations(path, themes)
        except (valuation.ValuationError, ValueError) as exc:
            outcome.rejected[path.name] = str(exc)
            echo(f"{path}: rejected: {exc}")
            continue
        members = valuation.load(conn, config.process, path.name, parsed.valuations)
        outcome.loaded[path.name] = members
        echo(f"{path}: {members} member(s) loaded")
        for member, reason in parsed.rejected.items():
            outcome.rejected[f"{path.name}: {member}"] = reason
            echo(f"    rejected {member}: {reason}")
        if archive is not None:
            archive.mkdir(parents=True, exist_ok=True)
            shutil.move(str(path), archive / path.name)
    return outcome
