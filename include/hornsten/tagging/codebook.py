"""The codebook as Python sees it: the themes and components of the dbt seeds
(codebook_themes.csv, codebook_components.csv).

The cornerstones are themes, so the committee's sheets, the dialogue and remiss
templates and the quality suites all list the themes from here; the residents'
prioritisation round lists the components (or themes) from here too."""

from __future__ import annotations

import csv
from dataclasses import dataclass

from hornsten.warehouse.dbt import dbt_project_dir


@dataclass(frozen=True)
class Theme:
    code: str
    label: str


@dataclass(frozen=True)
class Component:
    code: str
    theme: str
    label: str
    definition: str


def _seed(name: str) -> list[dict[str, str]]:
    with (dbt_project_dir() / "seeds" / "codebook" / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def codebook_components() -> list[Component]:
    """The components of the codebook (the dbt seed), in codebook order."""
    rows = _seed("codebook_components.csv")
    return [Component(r["component"], r["theme"], r["label"], r["definition"]) for r in rows]


def codebook_themes() -> list[Theme]:
    """The themes of the codebook (the dbt seed), in codebook order."""
    return [Theme(row["theme"], row["label"]) for row in _seed("codebook_themes.csv")]
