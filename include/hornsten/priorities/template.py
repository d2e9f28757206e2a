"""``hornsten priorities template``: the ranking questionnaire, from the current codebook,
in the forms the round's tools take and give back.

- ``prioritering_<process>.xlsx``: the answer sheet first (one column per place, drop-down
  lists of the items and of the background answers), then the items with their
  descriptions and the instructions — for answers collected on paper or in person.
- ``prioritering_<process>.csv``: the same headings as plain CSV (the `plain` layout).
- ``limesurvey_answer_options_<process>.csv``: the ranking question's answer options
  (code and text) to enter in LimeSurvey, whose response export
  (``limesurvey_responses_<process>.csv``: its headings) the ingest reads as it is.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from hornsten.config import PriorityLayout, ProcessConfig
from hornsten.config.priorities import RANK_PLACEHOLDER
from hornsten.forms import workbook as wb
from hornsten.priorities.items import Item, round_items

ANSWER_SHEET = "Svar"


@dataclass
class TemplateFiles:
    items: list[Item]
    files: list[Path]


def layout_headings(config: ProcessConfig, layout: PriorityLayout) -> list[str]:
    """The headings of an export in `layout`: response fields, one column per place, background questions."""
    assert config.priorities is not None
    fixed = [layout.columns[f][0] for f in ("response_id", "submitted_at", "respondent_id") if f in layout.columns]
    ranks = [layout.rank_columns[0].replace(RANK_PLACEHOLDER, str(n)) for n in range(1, config.priorities.ranks + 1)]
    background = [layout.columns[q][0] for q in config.priorities.questions if q in layout.columns]
    return fixed + ranks + background


def layout(config: ProcessConfig, name: str) -> PriorityLayout | None:
    assert config.priorities is not None
    return next((lay for lay in config.priorities.exports if lay.name == name), None)


def write_template(config: ProcessConfig, out: Path) -> TemplateFiles:
    round_ = config.priorities
    if round_ is None:
        raise ValueError(f"process {config.process!r} has no prioritisation round (priorities: in its YAML)")
    items = round_items(round_)
    out.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    plain = layout(config, "plain") or round_.exports[0]
    headings = layout_headings(config, plain)
    files.append(_write_book(config, plain, headings, items, out / f"prioritering_{config.process}.xlsx"))
    files.append(_write_csv(out / f"prioritering_{config.process}.csv", [headings]))
    lime = layout(config, "limesurvey")
    if lime is not None:
        files.append(
            _write_csv(
                out / f"limesurvey_answer_options_{config.process}.csv",
                [["code", "answer", "theme"], *([i.answer_code, i.label, i.theme] for i in items)],
            )
        )
        files.append(_write_csv(out / f"limesurvey_responses_{config.process}.csv", [layout_headings(config, lime)]))
    return TemplateFiles(items, files)


def _write_csv(path: Path, rows: list[list[str]]) -> Path:
    # UTF-8 with BOM and semicolons: what Swedish Excel opens without garbling å, ä, ö.
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, delimiter=";", lineterminator="\r\n").writerows(rows)
    return path


def _write_book(
    config: ProcessConfig, plain: PriorityLayout, headings: list[str], items: list[Item], path: Path
) -> Path:
    from openpyxl import Workbook

    round_ = config.priorities
    assert round_ is not None
    book = Workbook()
    book.remove(book.active)
    places = {h for h in headings if h not in {v[0] for v in plain.columns.values()}}
    labels = [item.label for item in items]
    choices: dict[str, list[str]] = dict.fromkeys(places, labels)
    for code in round_.questions:
        if code in plain.columns:
            choices[plain.columns[code][0]] = [o.label for o in config.survey.question(code).options]
    widths = [14 if h not in places else 34 for h in headings]
    wb.add_table(book, ANSWER_SHEET, headings, widths=widths, choices=choices, blank_rows=500)
    wb.add_table(
        book,
        "Alternativ",
        ["Kod", "Namn", "Tema", "Beskrivning", "LimeSurvey-kod"],
        [[i.code, i.label, i.theme, i.description, i.answer_code] for i in items],
        widths=[20, 40, 16, 90, 14],
    )
    what = "komponenterna" if round_.items == "components" else "temana"
    wb.add_help(
        book,
        [
            round_.title,
            f"Varje svarande väljer de {round_.ranks} av {what} som är viktigast för hen och rangordnar dem:",
            f"Plats 1 = viktigast. Fyll platserna i ordning, minst {round_.min_ranks}, och välj inget två gånger.",
            "Skriv namnet (listan i cellen), koden eller LimeSurvey-koden från fliken Alternativ.",
            f"Svaren tas emot {round_.start} – {round_.end}; Inskickad är datum och tid för svaret.",
            "Respondent-ID är frivilligt (t.ex. ett löpnummer); det lagras bara som en pseudonym.",
            "Lämna den ifyllda filen i inkorgen för prioriteringar; rader som inte går att räkna",
            "läggs i karantän med skälet, och samma fil två gånger ger inga dubbletter.",
        ],
    )
    return wb.save(book, path)
