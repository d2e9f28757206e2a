"""Phase 4: the remiss response template, and reading and loading filled ones.

``hornsten remiss template`` writes one workbook per remiss body, prefilled with the
body and the round, and one row per cornerstone and section of the draft. The body
(or the registrar) fills in the date of the response, whether the body declines to
answer, and a position (instämmer / instämmer med ändringar / instämmer inte /
ingen åsikt) with a comment per row. A new file from the same body for the same
round replaces its earlier response.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from hornsten.config import ProcessConfig
from hornsten.forms import workbook as tb
from hornsten.privacy.pseudonymise import pseudonymise_text
from hornsten.tagging.codebook import Theme

KIND = "remiss"
FORM = "Remissvar"
POSITIONS_SHEET = "Ställningstaganden"
POSITION_HEADINGS = ["Del av förslaget", "Typ", "Kod", "Ställningstagande", "Kommentar"]
POSITIONS = {
    "instammer": "Instämmer",
    "instammer_med_andringar": "Instämmer med ändringar",
    "instammer_inte": "Instämmer inte",
    "ingen_asikt": "Ingen åsikt",
}
POSITION_SPELLINGS = [
    ("instammer", ["Instämmer", "ja", "tillstyrker", "instämmer helt"]),
    ("instammer_med_andringar", ["Instämmer med ändringar", "instämmer delvis", "med ändringar", "delvis"]),
    ("instammer_inte", ["Instämmer inte", "nej", "avstyrker"]),
    ("ingen_asikt", ["Ingen åsikt", "inget yttrande", "-"]),
]
ITEM_KINDS = {"cornerstone": "Hörnsten", "section": "Avsnitt"}
FIELDS = {
    "body": "Remissinstans",
    "round": "Remissomgång",
    "received_on": "Datum för svaret",
    "declined": "Avstår från att yttra sig",
}
YES = {"ja", "j", "yes", "x", "1", "sant", "true"}
NO = {"nej", "n", "no", "0", "falskt", "false", ""}
TEXT_MAX = 8000


@dataclass
class Position:
    item_kind: str
    item: str
    position: str
    comment: str
    row: int


@dataclass
class RemissResponse:
    path: Path
    body: str
    round: str
    received_on: dt.date
    declined: bool
    positions: list[Position] = field(default_factory=list)
    problems: list[tb.Problem] = field(default_factory=list)


def items(config: ProcessConfig, cornerstones: list[Theme]) -> list[tuple[str, str, str]]:
    """(kind, code, name) of every part of the draft a body takes a position on."""
    return [("cornerstone", t.code, t.label) for t in cornerstones] + [
        ("section", s.code, s.name) for s in config.remiss.sections
    ]


# ----------------------------------------------------------------- template
def write_template(
    path: Path, config: ProcessConfig, cornerstones: list[Theme], body: str, round_code: str | None = None
) -> Path:
    """A response template for one body, prefilled with the body, the round and the items."""
    bodies = {b.code: b for b in config.remiss.bodies}
    if body not in bodies:
        raise ValueError(f"unknown remiss body {body!r}; the process has {', '.join(bodies) or 'no bodies'}")
    round_ = config.remiss.round(round_code)
    book = tb.new_book(KIND, config.process)
    tb.add_form(
        book,
        FORM,
        [
            (FIELDS["body"], bodies[body].name, "Ändra inte: mallen gäller denna remissinstans."),
            (
                FIELDS["round"],
                round_.code,
                f"{round_.name or round_.code}; sista svarsdag {round_.deadline.isoformat()}.",
            ),
            (FIELDS["received_on"], None, "ÅÅÅÅ-MM-DD — dagen svaret lämnades (registratorn fyller i om det saknas)."),
            (
                FIELDS["declined"],
                "Nej",
                "Ja om instansen avstår från att yttra sig; lämna då ställningstagandena tomma.",
            ),
        ],
        choices={FIELDS["declined"]: ["Nej", "Ja"]},
    )
    tb.add_table(
        book,
        POSITIONS_SHEET,
        POSITION_HEADINGS,
        rows=[[name, ITEM_KINDS[kind], code, None, None] for kind, code, name in items(config, cornerstones)],
        widths=[44, 12, 22, 26, 100],
        choices={"Ställningstagande": list(POSITIONS.values())},
    )
    tb.add_help(
        book,
        [
            f"Remissvar: {config.title}. Remissinstans: {bodies[body].name}. "
            f"Sista svarsdag: {round_.deadline.isoformat()}.",
            f"Bladet {FORM}: fyll i datum för svaret. Avstår instansen från att yttra sig, skriv Ja.",
            f"Bladet {POSITIONS_SHEET}: en rad per hörnsten och avsnitt i förslaget. Välj ställningstagande: "
            + ", ".join(POSITIONS.values())
            + ".",
            "Skriv gärna en kommentar, särskilt vid 'Instämmer med ändringar' och 'Instämmer inte'.",
            "Ändra inte kolumnerna Typ och Kod. Rader utan ställningstagande och kommentar räknas som obesvarade.",
            "Skickas ett nytt svar från samma instans ersätter det det tidigare.",
        ],
    )
    return tb.save(book, path)


# ------------------------------------------------------------------ reading
def read_response(path: Path, config: ProcessConfig, themes: list[Theme]) -> RemissResponse:
    """Validate a filled template; raises TemplateError when the response form is unusable."""
    book = tb.read_book(path, KIND, config.process, FORM, [POSITIONS_SHEET])
    bodies = tb.choice_map([(b.code, [b.name]) for b in config.remiss.bodies])
    rounds = tb.choice_map([(r.code, [r.name] if r.name else []) for r in config.remiss.rounds])
    problems: list[tb.Problem] = []
    values: dict[str, object] = {}
    for key, label in FIELDS.items():
        number, raw = book.form.get(tb.normalise_value(label), (0, None))
        try:
            if key == "declined":
                answer = tb.text(raw).casefold()
                if answer not in YES | NO:
                    raise ValueError(f"{label}: answer Ja or Nej, not {tb.text(raw)!r}")
                values[key] = answer in YES
                continue
            if tb.is_blank(raw):
                raise ValueError(f"{label} is empty")
            if key == "body":
                values[key] = tb.lookup(bodies, raw) or _unknown(label, raw)
            elif key == "round":
                values[key] = tb.lookup(rounds, raw) or _unknown(label, raw)
            else:
                values[key] = tb.as_date(raw)
        except ValueError as exc:
            reason = str(exc) if str(exc).startswith(label) else f"{label}: {exc}"
            problems.append(tb.Problem(FORM, number, reason, tb.row_content([label, raw])))
    if problems:
        raise tb.TemplateError(
            f"{Path(path).name}: the response form cannot be used: " + "; ".join(p.reason for p in problems), problems
        )
    response = RemissResponse(Path(path), values["body"], values["round"], values["received_on"], values["declined"])
    known = {(kind, code) for kind, code, _ in items(config, themes)}
    # A cornerstone may have been renamed since the template was written: any codebook theme is accepted.
    known |= {("cornerstone", t.code) for t in themes}
    kinds = tb.choice_map([(code, [label]) for code, label in ITEM_KINDS.items()])
    positions = tb.choice_map(POSITION_SPELLINGS)
    seen: set[tuple[str, str]] = set()
    for number, cells in book.tables[POSITIONS_SHEET].rows:
        cells = (cells + [None] * 5)[:5]
        name, kind_raw, code_raw, position_raw, comment_raw = cells
        if tb.is_blank(position_raw) and tb.is_blank(comment_raw):
            continue  # not answered
        try:
            kind = tb.lookup(kinds, kind_raw)
            code = tb.text(code_raw)
            if (kind, code) not in known:
                raise ValueError(
                    f"unknown part of the draft {tb.text(name) or code!r} (Typ {tb.text(kind_raw)!r}, "
                    f"Kod {code!r}); do not change the columns Typ and Kod"
                )
            if (kind, code) in seen:
                raise ValueError(f"{tb.text(name) or code!r} is answered twice")
            position = tb.lookup(positions, position_raw)
            if position is None:
                raise ValueError(
                    f"unknown position (Ställningstagande) {tb.text(position_raw)!r}; use "
                    + ", ".join(POSITIONS.values())
                )
            comment = tb.text(comment_raw)
            if len(comment) > TEXT_MAX:
                raise ValueError(f"the comment is {len(comment)} characters long; at most {TEXT_MAX}")
            seen.add((kind, code))
            response.positions.append(Position(kind, code, position, comment, number))
        except ValueError as exc:
            response.problems.append(tb.Problem(POSITIONS_SHEET, number, str(exc), tb.row_content(cells)))
    return response


def _unknown(label: str, raw: object) -> str:
    raise ValueError(f"{label}: unknown value {tb.text(raw)!r}")


# ------------------------------------------------------------------ loading
def load_response(conn, config: ProcessConfig, response: RemissResponse, load_id: int) -> dict[str, int]:
    """Replace the body's response for the round in one transaction; comments pseudonymised."""
    key = (config.process, response.round, response.body)
    cleaned = [(p, pseudonymise_text(p.comment)) for p in response.positions]
    with conn.transaction():
        replaced = conn.execute(
            "delete from raw.remiss_responses where process = %s and round = %s and body = %s", key
        ).rowcount
        conn.execute(
            "delete from restricted.remiss_comments_original where process = %s and round = %s and body = %s", key
        )
        conn.execute(
            """insert into raw.remiss_responses (process, round, body, received_on, declined, load_id, source_file)
               values (%s, %s, %s, %s, %s, %s, %s)""",
            (*key, response.received_on, response.declined, load_id, response.path.name),
        )
        with conn.cursor() as cur:
            cur.executemany(
                """insert into raw.remiss_positions (process, round, body, item_kind, item, position, comment_text)
                   values (%s, %s, %s, %s, %s, %s, %s)""",
                [(*key, p.item_kind, p.item, p.position, text) for p, text in cleaned],
            )
            cur.executemany(
                """insert into restricted.remiss_comments_original (process, round, body, item_kind, item, comment_text)
                   values (%s, %s, %s, %s, %s, %s)""",
                [(*key, p.item_kind, p.item, p.comment) for p, text in cleaned if text != p.comment],
            )
    return {"responses": 1, "replaced": replaced, "positions": len(response.positions)}
