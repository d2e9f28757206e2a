"""Malformed rows, the kinds the ingest must quarantine: bad dates, unknown answers, wrong field counts."""

from __future__ import annotations

import datetime as dt
import random

from hornsten.demo.survey.renderer import Renderer

MALFORMED_RATE = 0.002
KINDS = (
    "bad_date",
    "outside_window",
    "missing_response_id",
    "unknown_district",
    "unknown_age_group",
    "extra_field",
    "missing_field",
)


def malformed_count(rows: int) -> int:
    """About 0.2 %, and at least one in a file of 50 rows or more."""
    return max(1 if rows >= 50 else 0, round(rows * MALFORMED_RATE))


class KindCycle:
    """Malformed-row reasons in a seeded rotation across all files, so that every kind occurs."""

    def __init__(self, rng: random.Random):
        self.order = rng.sample(KINDS, len(KINDS))
        self.position = 0

    def next(self, applicable: list[str]) -> str:
        for step in range(len(self.order)):
            kind = self.order[(self.position + step) % len(self.order)]
            if kind in applicable:
                self.position += step + 1
                return kind
        raise ValueError("no applicable kind of malformed row")  # pragma: no cover


def applicable_kinds(renderer: Renderer, is_csv: bool) -> list[str]:
    """Unknown answers need their column; a wrong field count needs a CSV (a sheet has no fields)."""
    kinds = ["bad_date", "outside_window", "missing_response_id"]
    if renderer.district_column >= 0:
        kinds.append("unknown_district")
    if renderer.age_column >= 0:
        kinds.append("unknown_age_group")
    if is_csv:
        kinds += ["extra_field", "missing_field"]
    return kinds


def corrupt(renderer: Renderer, rng: random.Random, row: list, kind: str) -> str:
    """Make ``row`` malformed in the given way; return the offending value."""
    start = renderer.gen.window[0]
    if kind == "bad_date":
        value = rng.choice((f"31/02/{start.year} 25:61", "igår", "igår kväll", f"{start.year}-02-30 12:00"))
        row[renderer.ts_column] = value
    elif kind == "outside_window":
        before = start.replace(tzinfo=None) - dt.timedelta(days=rng.randint(14, 42), seconds=rng.randint(0, 86399))
        row[renderer.ts_column] = before
        value = before.strftime(renderer.ts_format)
    elif kind == "missing_response_id":
        row[renderer.id_column] = ""
        value = ""
    elif kind == "unknown_district":
        value = "Atlantis"
        row[renderer.district_column] = value
    elif kind == "unknown_age_group":
        machine = ("A9", "A0")
        value = rng.choice(machine if renderer.machine else ("100–120 år", "999", "12-18 år", "gammal"))
        row[renderer.age_column] = value
    elif kind == "extra_field":
        value = rng.choice(("", "x", "Skickat från mobil"))
        row.append(value)
    elif kind == "missing_field":
        value = str(row.pop())
    else:  # pragma: no cover - programming error
        raise ValueError(kind)
    return value


def manifest_entry(position: int, rid: int, kind: str, value: str) -> dict[str, object]:
    return {
        "row_number": position + 2,  # the heading is row 1
        "response_id": None if kind == "missing_response_id" else str(rid),
        "reason": kind,
        "value": value,
    }
