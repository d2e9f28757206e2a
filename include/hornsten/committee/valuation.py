"""Phase 2: the steering committee values the thematic areas against each other.

Each member fills in one sheet (the template ``hornsten valuation template`` writes):
for every theme either **points** (all the member's points add up to 100) or a
**rank** (1 = most important, each rank once). Rows are validated per member: a
member whose sheet does not add up is rejected whole with the reason, because half
a valuation would skew the result. Loading a member again replaces their earlier
valuation.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from hornsten.audit import actor
from hornsten.survey.sources import open_export, readable_rows
from hornsten.tagging.codebook import Theme

HEADINGS = ("ledamot", "parti", "tema", "temanamn", "poang", "rang")
POINTS_TOTAL = 100


class ValuationError(ValueError):
    """The valuation file cannot be used at all."""


@dataclass(frozen=True)
class Valuation:
    member: str
    party: str
    theme: str
    points: float | None
    rank: int | None


@dataclass
class ValuationFile:
    valuations: list[Valuation] = field(default_factory=list)
    rejected: dict[str, str] = field(default_factory=dict)  # member -> reason


def write_template(path: Path, themes: list[Theme], members: int = 1) -> Path:
    """An XLSX template: instructions, and one block of theme rows per member."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = "Värdering"
    sheet.append(list(HEADINGS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE7F0")
    for _ in range(members):
        for theme in themes:
            sheet.append(["", "", theme.code, theme.label, None, None])
    last = sheet.max_row
    points = DataValidation(type="decimal", operator="between", formula1="0", formula2="100", allow_blank=True)
    ranks = DataValidation(type="whole", operator="between", formula1="1", formula2=str(len(themes)), allow_blank=True)
    sheet.add_data_validation(points)
    sheet.add_data_validation(ranks)
    points.add(f"E2:E{last}")
    ranks.add(f"F2:F{last}")
    for column, width in zip("ABCDEF", (24, 12, 16, 42, 8, 8), strict=False):
        sheet.column_dimensions[column].width = width
    help_sheet = book.create_sheet("Instruktioner")
    for line in (
        "Värdering av de tematiska områdena — en rad per tema och ledamot.",
        "ledamot: ditt namn; parti: partiets förkortning (S, M, SD, C, L, KD, V, MP …).",
        f"Fördela {POINTS_TOTAL} poäng mellan temana i kolumnen poang (summan ska bli exakt {POINTS_TOTAL}),",
        "ELLER rangordna temana i kolumnen rang: 1 = viktigast, varje rang en gång.",
        "Ändra inte kolumnen tema (koden); temanamn är bara till hjälp.",
        "Lämna in filen i inkorgen; en ny fil från samma ledamot ersätter den gamla.",
    ):
        help_sheet.append([line])
    help_sheet.column_dimensions["A"].width = 100
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def read_valuations(path: Path, theme_codes: set[str]) -> ValuationFile:
    """Validate a filled template (XLSX or CSV); members with errors are rejected whole."""
    result = ValuationFile()
    rows_by_member: dict[tuple[str, str], list[tuple[int, dict]]] = defaultdict(list)
    with open_export(path) as export:
        header = [h.strip().lower() for h in export.header]
        missing = [h for h in HEADINGS if h not in header and h != "temanamn"]
        if missing:
            raise ValuationError(f"{path}: missing column(s) {', '.join(missing)}; expected {', '.join(HEADINGS)}")
        index = {h: header.index(h) for h in HEADINGS if h in header}
        for number, values in readable_rows(export, ValuationError):
            row = {h: (values[i] if i < len(values) else None) for h, i in index.items()}
            member = str(row["ledamot"] or "").strip()
            if not member and row.get("poang") in (None, "") and row.get("rang") in (None, ""):
                continue  # an unused template block
            party = str(row["parti"] or "").strip().upper()
            rows_by_member[(member, party)].append((number, row))
    for (member, party), rows in rows_by_member.items():
        who = member or f"(no name, rows {rows[0][0]}–{rows[-1][0]})"
        try:
            result.valuations.extend(_validate_member(member, party, rows, theme_codes))
        except ValueError as exc:
            result.rejected[who] = str(exc)
    return result


def _number(value) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return float(str(value).replace(",", ".").strip())


def _validate_member(member: str, party: str, rows: list[tuple[int, dict]], themes: set[str]) -> list[Valuation]:
    if not member:
        raise ValueError("the column ledamot is empty")
    if not party:
        raise ValueError("the column parti is empty")
    seen: dict[str, tuple[float | None, int | None]] = {}
    for number, row in rows:
        theme = str(row["tema"] or "").strip()
        if theme not in themes:
            raise ValueError(f"row {number}: unknown theme {theme!r}")
        if theme in seen:
            raise ValueError(f"row {number}: theme {theme!r} valued twice")
        try:
            points = _number(row.get("poang"))
            rank = _number(row.get("rang"))
        except ValueError:
            raise ValueError(f"row {number}: poang and rang must be numbers") from None
        if points is not None and points < 0:
            raise ValueError(f"row {number}: negative points")
        seen[theme] = (points, int(rank) if rank is not None else None)
    if set(seen) != themes:
        raise ValueError(f"themes missing: {', '.join(sorted(themes - set(seen)))}")
    points = [p for p, _ in seen.values() if p is not None]
    ranks = [r for _, r in seen.values() if r is not None]
    if points and ranks:
        raise ValueError("fill in either poang or rang, not both")
    if points:
        if len(points) != len(themes):
            raise ValueError("give every theme points (0 is allowed)")
        if abs(sum(points) - POINTS_TOTAL) > 0.01:
            raise ValueError(f"the points add up to {sum(points):g}, not {POINTS_TOTAL}")
    elif ranks:
        if sorted(ranks) != list(range(1, len(themes) + 1)):
            raise ValueError(f"ranks must be 1–{len(themes)}, each once")
    else:
        raise ValueError("neither poang nor rang is filled in")
    return [Valuation(member, party, theme, p, r) for theme, (p, r) in sorted(seen.items())]


def load(conn, process: str, source: str, valuations: list[Valuation]) -> int:
    """Replace the valuations of the members in this file (latest delivery wins)."""
    members = sorted({v.member for v in valuations})
    who = actor()
    with conn.transaction():
        conn.execute("delete from raw.committee_valuations where process = %s and member = any(%s)", (process, members))
        with conn.cursor() as cur:
            cur.executemany(
                """insert into raw.committee_valuations
                       (process, member, party, theme, points, rank, source_file, actor)
                   values (%s, %s, %s, %s, %s, %s, %s, %s)""",
                [(process, v.member, v.party, v.theme, v.points, v.rank, source, who) for v in valuations],
            )
    return len(members)


def sample_parties(config) -> list[str]:
    """The parties of the process's remiss bodies, for a sample committee (or three placeholders)."""
    return [b.code.upper() for b in config.remiss.bodies if b.kind == "parti"] or ["A", "B", "C"]


def sample_valuations(
    path: Path, themes: list[Theme], parties: list[str], seed: int = 2035, salience: dict[str, float] | None = None
) -> Path:
    """A filled-in valuation file for demos and tests: two members per party, half of
    them distributing points and half ranking; parties lean on different themes."""
    import csv

    rng = random.Random(seed)
    codes = [t.code for t in themes]
    rows = []
    for party_index, party in enumerate(parties):
        lean = {code: rng.random() + (salience or {}).get(code, 0.0) * 3 for code in codes}
        for seat in range(2):
            member = f"Ledamot {party_index + 1}.{seat + 1} ({party})"
            scores = {code: lean[code] + rng.random() * 0.6 for code in codes}
            if (party_index + seat) % 2 == 0:
                raw = {code: max(scores[code], 0.01) ** 2 for code in codes}
                total = sum(raw.values())
                points = {code: round(POINTS_TOTAL * value / total) for code, value in raw.items()}
                drift = POINTS_TOTAL - sum(points.values())
                points[max(points, key=points.get)] += drift
                rows += [(member, party, t.code, t.label, points[t.code], "") for t in themes]
            else:
                order = sorted(codes, key=lambda c: -scores[c])
                rows += [(member, party, t.code, t.label, "", order.index(t.code) + 1) for t in themes]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADINGS)
        writer.writerows(rows)
    return path
