"""Population by district, age group and gender, from Statistics Sweden (SCB) tables.

The weighting needs the population in the same groups as the survey's closed
questions. SCB's Statistikdatabasen exports (PX-Web, "Folkmängd per regionalt
statistikområde efter ålder och kön", semicolon or comma CSV, one row per region,
age and sex with the year as the last column) are read here: regions are matched to
the process's districts by label or alias (codes and the municipality name are
ignored), one-year or range ages are summed into the age groups, and "män"/"kvinnor"
become man/kvinna. The result replaces ``dbt_project/seeds/population/population.csv``
and records the source, so reports no longer call the figures illustrative.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from hornsten.config import ProcessConfig, normalise_value
from hornsten.survey.sources import open_export, readable_rows

SEX = {"män": "man", "man": "man", "kvinnor": "kvinna", "kvinna": "kvinna", "men": "man", "women": "kvinna"}
TOTALS = {"totalt", "totalt ålder", "total", "samtliga", "totalt kön"}


class PopulationError(ValueError):
    """The table cannot be read as population figures; the message says why."""


@dataclass(frozen=True)
class AgeGroup:
    code: str
    low: int
    high: int  # inclusive; 200 for open-ended


def age_groups(config: ProcessConfig) -> list[AgeGroup]:
    """Age groups from option codes such as 0-15, 16-24 and 80+."""
    groups = []
    for option in config.survey.question("age_group").options:
        match = re.fullmatch(r"(\d+)\s*-\s*(\d+)|(\d+)\+", option.code)
        if not match:
            raise PopulationError(f"age group option {option.code!r} is not of the form 16-24 or 80+")
        if match.group(3):
            groups.append(AgeGroup(option.code, int(match.group(3)), 200))
        else:
            groups.append(AgeGroup(option.code, int(match.group(1)), int(match.group(2))))
    return groups


def parse_age(text: str) -> tuple[int, int] | None:
    """'16 år' -> (16, 16); '20-24 år' -> (20, 24); '100+ år' -> (100, 200); totals -> None."""
    value = normalise_value(str(text)).replace("år", "").strip()
    if value in TOTALS or not value:
        return None
    if match := re.fullmatch(r"(\d+)\s*-\s*(\d+)", value):
        return int(match.group(1)), int(match.group(2))
    if match := re.fullmatch(r"(\d+)\s*(\+|-|och äldre|eller äldre)", value):
        return int(match.group(1)), 200
    if match := re.fullmatch(r"(\d+)", value):
        return int(value), int(value)
    raise PopulationError(f"cannot read the age {text!r}")


def _district_lookup(config: ProcessConfig) -> dict[str, str]:
    return config.survey.question("district").value_lookup()


def _region_name(region: str, municipality: str) -> str:
    """'0581R003 Norrköping Navestad' -> 'navestad'."""
    name = re.sub(r"^[0-9A-Z_]*\d[0-9A-Z_]*\s+", "", region.strip())
    name = normalise_value(name)
    town = normalise_value(municipality.replace(" kommun", "").replace("s kommun", ""))
    for prefix in (town, town.rstrip("s")):
        if name.startswith(prefix + " ") and name != prefix:
            name = name[len(prefix) + 1 :]
    return name.strip(" -–")


def read_scb(path: Path, config: ProcessConfig, year: str | None = None) -> tuple[list[tuple[str, str, str, int]], str]:
    """Rows (district, age_group, gender, population) and a source label."""
    groups = age_groups(config)
    lookup = _district_lookup(config)
    cells: dict[tuple[str, str, str], int] = defaultdict(int)
    unknown_regions: set[str] = set()
    with open_export(path) as export:
        header = [normalise_value(h) for h in export.header]
        try:
            region_i = next(i for i, h in enumerate(header) if h.startswith("region"))
            age_i = next(
                i for i, h in enumerate(header) if h.startswith("ålder") or h.startswith("alder") or h == "age"
            )
            sex_i = next(i for i, h in enumerate(header) if h.startswith("kön") or h.startswith("kon") or h == "sex")
        except StopIteration:
            raise PopulationError(
                f"{path}: expected columns region, ålder and kön (SCB table export); found {export.header}"
            ) from None
        value_i = header.index(normalise_value(year)) if year else len(header) - 1
        label = export.header[value_i]
        for number, values in readable_rows(export, PopulationError):
            age = parse_age(values[age_i])
            sex = SEX.get(normalise_value(str(values[sex_i])))
            if age is None or sex is None:
                continue  # totals
            region = _region_name(str(values[region_i]), config.municipality)
            district = lookup.get(region)
            if district is None:
                unknown_regions.add(str(values[region_i]))
                continue
            group = next((g for g in groups if g.low <= age[0] and age[1] <= g.high), None)
            if group is None:
                raise PopulationError(f"{path}, row {number}: the ages {values[age_i]!r} straddle two age groups")
            raw = str(values[value_i]).replace(" ", "").replace("\u00a0", "")
            if raw in {"..", "-", ""}:
                continue
            try:
                cells[(district, group.code, sex)] += int(float(raw))
            except ValueError:
                raise PopulationError(f"{path}, row {number}: population {values[value_i]!r} is not a number") from None
    if unknown_regions:
        shown = ", ".join(sorted(unknown_regions)[:8])
        raise PopulationError(
            f"{path}: {len(unknown_regions)} region(s) match no district of process {config.process!r}: {shown}. "
            "Add them as aliases of the districts in the process configuration."
        )
    if not cells:
        raise PopulationError(f"{path}: no population figures found")
    rows = [(d, a, g, n) for (d, a, g), n in sorted(cells.items())]
    return rows, f"SCB {path.name} {label}".strip()


def write_seed(rows: list[tuple[str, str, str, int]], source: str, out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["district", "age_group", "gender", "population", "source"])
        writer.writerows([(*row, source) for row in rows])
    return out
