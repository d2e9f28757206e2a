"""The codebook as Python sees it: the themes of the dbt seed (codebook_themes.csv).

The cornerstones are themes, so the committee's sheets, the dialogue and remiss
templates and the quality suites all list the themes from here."""

from __future__ import annotations

import csv
from dataclasses import dataclass

from hornsten.warehouse.dbt import dbt_project_dir


@dataclass(frozen=True)
class Theme:
    code: str
    label: str


def codebook_themes() -> list[Theme]:
    """The themes of the codebook (the dbt seed), in codebook order."""
    with (dbt_project_dir() / "seeds" / "codebook" / "codebook_themes.csv").open(encoding="utf-8") as handle:
        return [Theme(row["theme"], row["label"]) for row in csv.DictReader(handle)]
