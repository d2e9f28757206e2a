"""Filled meeting templates: one per planned meeting of every forum but those of the unreached groups.

Each file is an empty template from :func:`hornsten.dialogue.template.write_template`
filled in with openpyxl, so a sample goes through exactly the validation a real
delivery does. Statements are sentences of the phrase bank, so the codebook tags
them; one statement carries an e-mail address (pseudonymisation has something to do).
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from hornsten.config import Forum, ProcessConfig, TargetGroup
from hornsten.demo import phrasebank
from hornsten.demo.names import PersonNames
from hornsten.demo.templates.phrases import TemplatePhrases, component_themes
from hornsten.demo.templates.poll import poll_rows
from hornsten.demo.templates.workbook import fill_form, fill_table, save
from hornsten.dialogue import template as meeting_template

PARTICIPANTS = (5, 40)
STATEMENTS = (4, 12)
# Share of a meeting's statements that are new proposals outside the cornerstones.
NEW_PROPOSAL_SHARE = 0.2
# Stance of a statement on a cornerstone, by the style of its sentence.
STYLE_WEIGHTS = {"pos": 0.4, "neg": 0.3, "fut": 0.3}
# Components the survey seldom raises (summed style weight at most this) are heard more
# often in the meetings: the "rare in survey" mart then has something to show.
RARE_IN_SURVEY_WEIGHT = 6
RARE_BOOST = 3.0

PII_STATEMENT: str = phrasebank.template_texts("dialogue")["personal_data_statement"]


def dialogue_window(config: ProcessConfig) -> tuple[dt.date, dt.date]:
    try:
        phase = config.phase("dialogue")
    except KeyError:
        phase = config.phases[-1]
    return phase.start, phase.end


def fill_dialogue(
    path: Path, form: dict[str, object], statements: list[list[object]], poll: list[list[object]]
) -> Path:
    from openpyxl import load_workbook

    book = load_workbook(path)
    fill_form(book[meeting_template.FORM], form)
    fill_table(book[meeting_template.STATEMENTS], statements)
    fill_table(book[meeting_template.POLL], poll)
    return save(book, path)


def label_of(cornerstones: list[meeting_template.Theme], theme: str) -> str:
    return next(t.label for t in cornerstones if t.code == theme)


def _group_key(forum: Forum, group: TargetGroup | None) -> str:
    parts = [forum.code, forum.name] + ([group.code, group.name] if group else [])
    return " ".join(parts).casefold()


def _emphasis(key: str) -> dict[str, float]:
    emphasis: dict[str, float] = {}
    for words, factors in phrasebank.emphasis().target_groups:
        if any(word in key for word in words):
            for component, factor in factors.items():
                emphasis[component] = emphasis.get(component, 1.0) * factor
    return emphasis


def _component_weight(component: str, emphasis: dict[str, float]) -> float:
    survey = sum(phrasebank.components()[component].weights.values())
    boost = RARE_BOOST if survey <= RARE_IN_SURVEY_WEIGHT else 1.0
    # Meetings are less skewed than the survey: the square root flattens the weights.
    return survey**0.5 * boost * emphasis.get(component, 1.0)


def _meeting_days(rng: random.Random, window: tuple[dt.date, dt.date], count: int) -> list[dt.date]:
    start, end = window
    days = [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]
    weekdays = [d for d in days if d.weekday() < 4] or days  # meetings are held Monday to Thursday
    if count <= len(weekdays):
        return sorted(rng.sample(weekdays, count))
    return sorted(rng.choices(weekdays, k=count))


def _venue(rng: random.Random, forum: Forum, key: str, city: str, district: str) -> str:
    """Where the forum meets: the first venue rule of data/templates/dialogue.yml that fits."""
    for rule in phrasebank.template_texts("dialogue")["venues"]:
        if "words" in rule and not any(word in key for word in rule["words"]):
            continue
        if "forum_words" in rule and not any(word in forum.name.casefold() for word in rule["forum_words"]):
            continue
        if rule.get("via_office") and not forum.via_office:
            continue
        place = rng.choice(rule["places"])
        values = {
            "{stad}": lambda: city,
            "{ort}": lambda: district,
            "{forum}": lambda: forum.name,
            "{sal}": lambda: f"{rng.choice('ABCK')}{rng.randint(11, 49)}",
            "{rum}": lambda: str(rng.randint(1, 9)),
        }
        for slot, value in values.items():
            if slot in place:
                place = place.replace(slot, value())
        return place
    raise ValueError("data/templates/dialogue.yml needs a last venue rule without conditions")


def _statements(
    phrases: TemplatePhrases,
    rng: random.Random,
    cornerstones: list[meeting_template.Theme],
    emphasis: dict[str, float],
    count: int,
) -> list[list[object]]:
    """Rows (Hörnsten, Hållning, Synpunkt) of one meeting, no sentence twice."""
    themes = component_themes()
    codes = {t.code for t in cornerstones}
    inside = [c for c in themes if themes[c] in codes]
    outside = [c for c in themes if themes[c] not in codes]
    rows: list[list[object]] = []
    seen: set[str] = set()
    stances = meeting_template.STANCES
    while len(rows) < count:
        if outside and (not inside or rng.random() < NEW_PROPOSAL_SHARE):
            component = rng.choices(outside, [_component_weight(c, emphasis) for c in outside])[0]
            style = "fut" if rng.random() < 0.7 else "neg"
            cornerstone, stance = meeting_template.NO_CORNERSTONE, stances["nytt_forslag"]
        else:
            component = rng.choices(inside, [_component_weight(c, emphasis) for c in inside])[0]
            style = rng.choices(list(STYLE_WEIGHTS), list(STYLE_WEIGHTS.values()))[0]
            cornerstone = label_of(cornerstones, themes[component])
            stance = stances["stod" if style == "pos" else "andring"]
        text = phrases.sentence(component, style)
        if text in seen:
            continue
        seen.add(text)
        rows.append([cornerstone, stance, text])
    return rows


def sample_forums(config: ProcessConfig, unreached: int = 1) -> list[Forum]:
    """The forums that meet in the samples: all but those of the last `unreached` target groups."""
    groups = [g.code for g in config.dialogue.target_groups]
    left_out = set(groups[max(len(groups) - unreached, 0) :]) if unreached > 0 else set()
    return [f for f in config.dialogue.forums if f.target_group not in left_out and f.planned_meetings > 0]


def generate_dialogue_templates(
    config: ProcessConfig,
    cornerstones: list[meeting_template.Theme],
    out_dir: Path,
    seed: int = 2035,
    unreached: int = 1,
) -> list[Path]:
    """One filled meeting template per planned meeting of every forum but the unreached groups'."""
    out_dir = Path(out_dir)
    rng = random.Random(f"hornsten-dialogue:{config.process}:{seed}")
    phrases = TemplatePhrases(config, rng)
    names = PersonNames.from_rng(rng)
    window = dialogue_window(config)
    groups = {g.code: g for g in config.dialogue.target_groups}
    paths: list[Path] = []
    pii_done = False
    for forum in sample_forums(config, unreached):
        key = _group_key(forum, groups.get(forum.target_group))
        emphasis = _emphasis(key)
        facilitator = names.full_name()
        districts = rng.sample(phrases.places, len(phrases.places))
        days = _meeting_days(rng, window, forum.planned_meetings)
        used: set[str] = set()
        for index, held_on in enumerate(days):
            place = _venue(rng, forum, key, phrases.city, districts[index % len(districts)])
            while meeting_template.meeting_id(forum.code, held_on, place) in used:
                place = f"{place} ({index + 1})"
            used.add(meeting_template.meeting_id(forum.code, held_on, place))
            participants = rng.randint(*PARTICIPANTS)
            statements = _statements(phrases, rng, cornerstones, emphasis, rng.randint(*STATEMENTS))
            if not pii_done:
                row = statements[rng.randrange(len(statements))]
                row[2] = f"{row[2]} {PII_STATEMENT}"
                pii_done = True
            suffix = f"_{index + 1}" if forum.planned_meetings > 1 else ""
            path = out_dir / f"dialog_{held_on.isoformat()}_{forum.code}{suffix}.xlsx"
            meeting_template.write_template(path, config, cornerstones, forum=forum.code, held_on=held_on)
            form = {
                meeting_template.FIELDS["place"]: place,
                meeting_template.FIELDS["participants"]: participants,
                meeting_template.FIELDS["facilitator"]: facilitator,
            }
            fill_dialogue(path, form, statements, poll_rows(rng, config, participants, key))
            paths.append(path)
    return paths
