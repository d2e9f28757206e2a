"""Meeting templates with faults: one rejected whole, one with bad rows among good ones, and a corrected re-delivery."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from hornsten.config import ProcessConfig
from hornsten.demo import phrasebank
from hornsten.demo.names import PersonNames
from hornsten.demo.templates.dialogue import dialogue_window, fill_dialogue
from hornsten.demo.templates.phrases import TemplatePhrases, first_component
from hornsten.demo.templates.poll import poll_questions
from hornsten.demo.templates.workbook import fill_table, save
from hornsten.demo.text import sentence
from hornsten.dialogue import template as meeting_template

# Where the flawed template's bad rows are (sheet, row): see flawed_dialogue_template.
FLAWED_ROWS = [(meeting_template.STATEMENTS, 4), (meeting_template.STATEMENTS, 6), (meeting_template.POLL, 4)]
CORRECTION_NOTE: str = phrasebank.template_texts("dialogue")["correction_note"]


def bad_dialogue_template(config: ProcessConfig, cornerstones: list[meeting_template.Theme], path: Path) -> Path:
    """A meeting whose form cannot be used (unknown forum, a date that is not a date): rejected whole."""
    path = Path(path)
    meeting_template.write_template(path, config, cornerstones)
    rng = random.Random(f"hornsten-bad:{config.process}")
    phrases = TemplatePhrases(config, rng)
    stances = meeting_template.STANCES
    statements = [[meeting_template.NO_CORNERSTONE, stances["nytt_forslag"], phrases.sentence("lokal_mat", "fut")]]
    if cornerstones:
        component = first_component(cornerstones[0].code)
        statements.append([cornerstones[0].label, stances["stod"], phrases.sentence(component, "pos")])
    fields = meeting_template.FIELDS
    form = {
        fields["forum"]: "Kvartersrådet i Atlantis",
        fields["held_on"]: "nästa tisdag",
        fields["place"]: "Stadshuset, sal 2",
        fields["participants"]: 12,
        fields["facilitator"]: PersonNames.from_rng(rng).full_name(),
    }
    return fill_dialogue(path, form, statements, [["Vad tyckte du om mötet?", "Mycket bra", 7]])


def flawed_dialogue_template(config: ProcessConfig, cornerstones: list[meeting_template.Theme], path: Path) -> Path:
    """A valid meeting with two bad statement rows and one bad poll row among good rows.

    Synpunkter row 4 has an unknown stance ('Kanske'), row 6 is support without a
    cornerstone; Omröstning row 4 has the votes 'många'. Four statements and three
    poll rows are good."""
    if not cornerstones:
        raise ValueError("the flawed sample needs at least one cornerstone")
    if not config.dialogue.forums:
        raise ValueError(f"process {config.process!r} has no dialogue forums")
    path = Path(path)
    forum = config.dialogue.forums[0]
    start, end = dialogue_window(config)
    held_on = start + dt.timedelta(days=min(10, (end - start).days))
    rng = random.Random(f"hornsten-flawed:{config.process}")
    phrases = TemplatePhrases(config, rng)
    first, second = cornerstones[0], cornerstones[1 % len(cornerstones)]
    c1, c2 = first_component(first.code), first_component(second.code)
    stances = meeting_template.STANCES
    statements = [
        [first.label, stances["stod"], phrases.sentence(c1, "pos")],  # row 2
        [second.label, stances["andring"], phrases.sentence(c2, "neg")],  # row 3
        [first.label, "Kanske", phrases.sentence(c1, "neg")],  # row 4: bad
        [meeting_template.NO_CORNERSTONE, stances["nytt_forslag"], phrases.sentence("lokal_mat", "fut")],
        [None, stances["stod"], phrases.sentence(c2, "pos")],  # row 6: bad
        [second.label, stances["andring"], phrases.sentence(c2, "fut")],  # row 7
    ]
    question = next((q for q, _ in poll_questions(config) if "tyckte" in q.casefold()), "Vad tyckte du om mötet?")
    poll = [
        [question, "Mycket bra", 9],
        [question, "Ganska bra", 6],
        [question, "Ganska dåligt", "många"],
        [question, "Mycket dåligt", 1],
    ]
    meeting_template.write_template(path, config, cornerstones, forum=forum.code, held_on=held_on)
    fields = meeting_template.FIELDS
    form = {
        fields["place"]: "Kulturhuset, lilla salen",
        fields["participants"]: 18,
        fields["facilitator"]: PersonNames.from_rng(rng).full_name(),
    }
    return fill_dialogue(path, form, statements, poll)


def corrected_redelivery(path: Path, out_path: Path) -> Path:
    """A corrected copy of a filled meeting template under a new name: the first statement's
    text changed, one new proposal added; forum, date and place unchanged (same meeting)."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    sheet = book[meeting_template.STATEMENTS]
    filled = [row for row in range(2, sheet.max_row + 1) if sheet.cell(row=row, column=3).value not in (None, "")]
    if not filled:
        raise ValueError(f"{Path(path).name}: no statement to correct")
    cell = sheet.cell(row=filled[0], column=3)
    cell.value = f"{str(cell.value).rstrip()} {CORRECTION_NOTE}"
    added = next(s for s in phrasebank.components()["lokal_mat"].sentences["fut"] if "{" not in s)
    proposal = [meeting_template.NO_CORNERSTONE, meeting_template.STANCES["nytt_forslag"], sentence(added)]
    fill_table(sheet, [proposal], first_row=filled[-1] + 1)
    return save(book, Path(out_path))
