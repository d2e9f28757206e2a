"""Phase 3: the dialogue meeting template, and reading and loading filled ones.

One workbook per meeting (``hornsten dialogue template``): the meeting (forum or
office, target group, date, place, participants, facilitator), the statements
(cornerstone, stance, text) and the audience-response poll results (question,
option, votes). A meeting is identified by forum, date and place: a corrected
file for the same meeting replaces the earlier one as a whole.

A broken meeting form rejects the whole file (the statements would belong to no
meeting); a bad statement or poll row is quarantined with its reason and the rest
of the meeting loads.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from hornsten.config import ProcessConfig
from hornsten.forms import workbook as tb
from hornsten.privacy.pseudonymise import pseudonymise_text
from hornsten.tagging.codebook import Theme  # a codebook theme: the cornerstones are themes

KIND = "dialogue"
FORM = "Möte"
STATEMENTS = "Synpunkter"
POLL = "Omröstning"
STATEMENT_HEADINGS = ["Hörnsten", "Hållning", "Synpunkt"]
POLL_HEADINGS = ["Fråga", "Alternativ", "Antal röster"]
NO_CORNERSTONE = "(ingen hörnsten – nytt förslag)"
STANCES = {"stod": "Stöd", "andring": "Ändring", "nytt_forslag": "Nytt förslag"}
STANCE_SPELLINGS = [
    ("stod", ["Stöd", "stöder", "för", "ja"]),
    ("andring", ["Ändring", "ändra", "förslag till ändring", "ändras"]),
    ("nytt_forslag", ["Nytt förslag", "nytt", "ny", "förslag"]),
]
FIELDS = {
    "forum": "Forum eller kontor",
    "target_group": "Målgrupp",
    "held_on": "Datum",
    "place": "Plats",
    "participants": "Antal deltagare",
    "facilitator": "Samtalsledare",
}
TEXT_MAX = 4000


@dataclass
class Statement:
    number: int
    cornerstone: str | None
    stance: str
    text: str


@dataclass
class PollResult:
    question: str
    option: str
    votes: int
    position: int


@dataclass
class MeetingReport:
    path: Path
    meeting_id: str
    forum: str
    target_group: str
    held_on: dt.date
    place: str
    participants: int
    facilitator: str
    statements: list[Statement] = field(default_factory=list)
    poll: list[PollResult] = field(default_factory=list)
    problems: list[tb.Problem] = field(default_factory=list)


def meeting_id(forum: str, held_on: dt.date, place: str) -> str:
    """forum:date:place-slug — the same meeting reported twice gets the same id."""
    slug = unicodedata.normalize("NFKD", place.casefold())
    slug = re.sub(r"[^a-z0-9]+", "-", slug.encode("ascii", "ignore").decode()).strip("-") or "plats"
    return f"{forum}:{held_on.isoformat()}:{slug}"


# ----------------------------------------------------------------- template
def write_template(
    path: Path,
    config: ProcessConfig,
    cornerstones: list[Theme],
    forum: str | None = None,
    held_on: dt.date | None = None,
) -> Path:
    """An empty meeting template; `forum` prefills the forum (code)."""
    forums = {f.code: f for f in config.dialogue.forums}
    if forum is not None and forum not in forums:
        raise ValueError(f"unknown forum {forum!r}; the process has {', '.join(forums) or 'no forums'}")
    chosen = forums.get(forum) if forum else None
    groups = {g.code: g.name for g in config.dialogue.target_groups}
    book = tb.new_book(KIND, config.process)
    tb.add_form(
        book,
        FORM,
        [
            (
                FIELDS["forum"],
                chosen.name if chosen else None,
                "Välj i listan: rådet, forumet eller kontoret som höll mötet.",
            ),
            (
                FIELDS["target_group"],
                groups[chosen.target_group] if chosen else None,
                "Målgruppen som nåddes; lämnas tom blir det forumets målgrupp.",
            ),
            (FIELDS["held_on"], held_on, "ÅÅÅÅ-MM-DD"),
            (FIELDS["place"], None, "Lokal eller ort, t.ex. Stadshuset, sal 3."),
            (FIELDS["participants"], None, "Antal deltagare utom samtalsledare och tjänstepersoner."),
            (FIELDS["facilitator"], None, "Den som ledde samtalet (tjänsteperson)."),
        ],
        choices={
            FIELDS["forum"]: [f.name for f in config.dialogue.forums],
            FIELDS["target_group"]: list(groups.values()),
        },
    )
    tb.add_table(
        book,
        STATEMENTS,
        STATEMENT_HEADINGS,
        widths=[40, 16, 100],
        blank_rows=200,
        choices={"Hörnsten": [t.label for t in cornerstones] + [NO_CORNERSTONE], "Hållning": list(STANCES.values())},
    )
    tb.add_table(book, POLL, POLL_HEADINGS, widths=[60, 30, 14], blank_rows=100)
    tb.add_help(
        book,
        [
            f"Dialogmöte om {config.title} — fyll i en mall per möte och lägg den i inkorgen för dialog.",
            f"Bladet {FORM}: forum eller kontor, datum, plats, antal deltagare och samtalsledare måste fyllas i.",
            f"Bladet {STATEMENTS}: en rad per synpunkt. Hörnsten: vilken hörnsten synpunkten gäller "
            f"(välj {NO_CORNERSTONE!r} för förslag utanför hörnstenarna).",
            "Hållning: Stöd (håller med), Ändring (vill ändra hörnstenen) eller Nytt förslag.",
            "Skriv synpunkten som den sades, men utan namn, personnummer, e-post eller telefonnummer.",
            f"Bladet {POLL}: resultat från mentometerknappar — en rad per fråga och svarsalternativ med antal röster.",
            "Skickar du in mallen för samma möte igen (samma forum, datum och plats) ersätter den den förra.",
            "Rader som inte går att läsa in sparas i karantän med skälet; resten av mötet läses in.",
        ],
    )
    return tb.save(book, path)


# ------------------------------------------------------------------ reading
def read_report(path: Path, config: ProcessConfig, themes: list[Theme]) -> MeetingReport:
    """Validate a filled template; raises TemplateError when the meeting form is unusable."""
    book = tb.read_book(path, KIND, config.process, FORM, [STATEMENTS, POLL])
    forums = tb.choice_map([(f.code, [f.name]) for f in config.dialogue.forums])
    groups = tb.choice_map([(g.code, [g.name]) for g in config.dialogue.target_groups])
    forum_groups = {f.code: f.target_group for f in config.dialogue.forums}
    problems: list[tb.Problem] = []
    values: dict[str, object] = {}

    def field_value(key: str) -> tuple[int, object]:
        return book.form.get(tb.normalise_value(FIELDS[key]), (0, None))

    for key in FIELDS:
        number, raw = field_value(key)
        label = FIELDS[key]
        try:
            if key == "target_group" and tb.is_blank(raw):
                continue
            if tb.is_blank(raw):
                raise ValueError(f"{label} is empty")
            if key == "forum":
                code = tb.lookup(forums, raw)
                if code is None:
                    raise ValueError(
                        f"unknown forum or office {tb.text(raw)!r}; "
                        f"known: {', '.join(f.name for f in config.dialogue.forums)}"
                    )
                values[key] = code
            elif key == "target_group":
                code = tb.lookup(groups, raw)
                if code is None:
                    raise ValueError(f"unknown target group {tb.text(raw)!r}")
                values[key] = code
            elif key == "held_on":
                values[key] = tb.as_date(raw)
            elif key == "participants":
                values[key] = tb.as_count(raw)
            else:
                values[key] = tb.text(raw)
        except ValueError as exc:
            problems.append(
                tb.Problem(
                    FORM,
                    number,
                    f"{label}: {exc}" if not str(exc).startswith(label) else str(exc),
                    tb.row_content([label, raw]),
                )
            )
    if problems:
        raise tb.TemplateError(
            f"{Path(path).name}: the meeting form cannot be used: " + "; ".join(p.reason for p in problems), problems
        )
    values.setdefault("target_group", forum_groups[values["forum"]])
    report = MeetingReport(
        path=Path(path),
        meeting_id=meeting_id(values["forum"], values["held_on"], values["place"]),
        forum=values["forum"],
        target_group=values["target_group"],
        held_on=values["held_on"],
        place=values["place"],
        participants=values["participants"],
        facilitator=values["facilitator"],
    )
    theme_codes = tb.choice_map([(t.code, [t.label]) for t in themes])
    stances = tb.choice_map(STANCE_SPELLINGS)
    for number, cells in book.tables[STATEMENTS].rows:
        cells = (cells + [None] * 3)[:3]
        try:
            report.statements.append(_statement(number, cells, theme_codes, stances))
        except ValueError as exc:
            report.problems.append(tb.Problem(STATEMENTS, number, str(exc), tb.row_content(cells)))
    seen: set[tuple[str, str]] = set()
    for number, cells in book.tables[POLL].rows:
        cells = (cells + [None] * 3)[:3]
        try:
            result = _poll_result(number, cells)
            key = (result.question.casefold(), result.option.casefold())
            if key in seen:
                raise ValueError(f"the option {result.option!r} of {result.question!r} is given twice")
            seen.add(key)
            report.poll.append(result)
        except ValueError as exc:
            report.problems.append(tb.Problem(POLL, number, str(exc), tb.row_content(cells)))
    return report


def _statement(number: int, cells: list[object], themes: dict[str, str], stances: dict[str, str]) -> Statement:
    cornerstone_raw, stance_raw, text_raw = cells
    text = tb.text(text_raw)
    if not text:
        raise ValueError("the statement text (Synpunkt) is empty")
    if len(text) > TEXT_MAX:
        raise ValueError(f"the statement is {len(text)} characters long; at most {TEXT_MAX}")
    stance = tb.lookup(stances, stance_raw)
    if stance is None:
        raise ValueError(f"unknown stance (Hållning) {tb.text(stance_raw)!r}; use Stöd, Ändring or Nytt förslag")
    cornerstone = None
    if not tb.is_blank(cornerstone_raw) and tb.text(cornerstone_raw) != NO_CORNERSTONE:
        cornerstone = tb.lookup(themes, cornerstone_raw)
        if cornerstone is None:
            raise ValueError(f"unknown cornerstone (Hörnsten) {tb.text(cornerstone_raw)!r}")
    elif stance != "nytt_forslag":
        raise ValueError("a statement of support or change needs a cornerstone (Hörnsten)")
    return Statement(number, cornerstone, stance, text)


def _poll_result(number: int, cells: list[object]) -> PollResult:
    question, option, votes = (tb.text(cells[0]), tb.text(cells[1]), cells[2])
    if not question or not option:
        raise ValueError("a poll row needs both the question (Fråga) and the option (Alternativ)")
    if tb.is_blank(votes):
        raise ValueError("the number of votes (Antal röster) is empty")
    try:
        count = tb.as_count(votes)
    except ValueError as exc:
        raise ValueError(f"Antal röster: {exc}") from None
    return PollResult(question, option, count, number)


# ------------------------------------------------------------------ loading
def load_report(conn, config: ProcessConfig, report: MeetingReport, load_id: int) -> dict[str, int]:
    """Replace the meeting (and its statements and poll) in one transaction.

    Statement texts are pseudonymised in raw; the originals go to restricted."""
    process = config.process
    cleaned = [(s, pseudonymise_text(s.text)) for s in report.statements]
    with conn.transaction():
        replaced = conn.execute(
            "delete from raw.dialogue_meetings where process = %s and meeting_id = %s",
            (process, report.meeting_id),
        ).rowcount
        conn.execute(
            "delete from restricted.dialogue_statements_original where process = %s and meeting_id = %s",
            (process, report.meeting_id),
        )
        conn.execute(
            """insert into raw.dialogue_meetings (process, meeting_id, forum, target_group, held_on, place,
                   participants, facilitator, load_id, source_file)
               values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)""",
            (
                process,
                report.meeting_id,
                report.forum,
                report.target_group,
                report.held_on,
                report.place,
                report.participants,
                report.facilitator,
                load_id,
                report.path.name,
            ),
        )
        with conn.cursor() as cur:
            cur.executemany(
                """insert into raw.dialogue_statements
                       (process, meeting_id, statement_no, cornerstone, stance, statement_text)
                   values (%s, %s, %s, %s, %s, %s)""",
                [(process, report.meeting_id, s.number, s.cornerstone, s.stance, text) for s, text in cleaned],
            )
            cur.executemany(
                """insert into restricted.dialogue_statements_original
                       (process, meeting_id, statement_no, statement_text)
                   values (%s, %s, %s, %s)""",
                [(process, report.meeting_id, s.number, s.text) for s, text in cleaned if text != s.text],
            )
            cur.executemany(
                """insert into raw.dialogue_poll_results (process, meeting_id, question, option, votes, position)
                   values (%s, %s, %s, %s, %s, %s)""",
                [(process, report.meeting_id, p.question, p.option, p.votes, p.position) for p in report.poll],
            )
    return {"meetings": 1, "replaced": replaced, "statements": len(report.statements), "poll_rows": len(report.poll)}
