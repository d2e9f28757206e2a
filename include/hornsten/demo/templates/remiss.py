"""Filled remiss response templates from most bodies of a round: most on time, two late,
one declining to answer and two or three missing altogether (:func:`remiss_plan` says which)."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from hornsten.config import ProcessConfig
from hornsten.demo import phrasebank
from hornsten.demo.templates.phrases import TemplatePhrases, component_themes, theme_components
from hornsten.demo.templates.workbook import fill_form, save
from hornsten.dialogue.template import Theme
from hornsten.remiss import template as response_template

# Position weights (instämmer, med ändringar, inte, ingen åsikt) by kind of body.
POSITION_WEIGHTS = {
    "parti": (0.40, 0.35, 0.18, 0.07),
    "nämnd": (0.45, 0.35, 0.05, 0.15),
    "styrelse": (0.55, 0.35, 0.05, 0.05),
    "kontor": (0.45, 0.35, 0.05, 0.15),
    "bolag": (0.35, 0.20, 0.05, 0.40),
    "övrig": (0.40, 0.30, 0.10, 0.20),
}
POSITION_CODES = list(response_template.POSITIONS)
# What fills a comment's placeholders: term kinds in order of preference, or a sentence style.
TERM_SLOTS = {
    "{i}": ("wanted_indefinite",),
    "{d}": ("wanted_definite", "wanted_indefinite"),
    "{bd}": ("problem_definite", "wanted_definite"),
}
SENTENCE_SLOTS = {"{pos}": "pos", "{neg}": "neg", "{fut}": "fut"}


def personal_data_comment(config: ProcessConfig) -> str:
    """The registrar's phone number, in the process's area code (08 without one)."""
    area = phrasebank.process_phrases(config.process).area_code or "8"
    return phrasebank.template_texts("remiss")["personal_data_comment"].replace("{riktnummer}", area)


def remiss_plan(config: ProcessConfig, seed: int = 2035, round_code: str | None = None) -> dict[str, str]:
    """body code -> 'on_time' | 'late' | 'declined' | 'missing' for the remiss samples.

    One body declines (a company if there is one), two or three send nothing (not
    the parties, when that can be helped), two answer after the deadline."""
    bodies = list(config.remiss.bodies)
    if not bodies or not config.remiss.rounds:
        return {}
    round_ = config.remiss.round(round_code)
    rng = random.Random(f"hornsten-remiss-plan:{config.process}:{round_.code}:{seed}")
    order = rng.sample(bodies, len(bodies))
    count = len(order)
    plan = {b.code: "on_time" for b in bodies}
    if count < 2:
        return plan
    declined = next((b for b in order if b.kind == "bolag"), order[0])
    plan[declined.code] = "declined"
    missing = min(rng.choice([2, 3]), max(count - 3, 0))
    candidates = [b for b in order if plan[b.code] == "on_time"]
    candidates.sort(key=lambda b: b.kind == "parti")  # stable: non-parties first, in shuffled order
    for body in candidates[:missing]:
        plan[body.code] = "missing"
    late = min(2, max(sum(1 for s in plan.values() if s == "on_time") - 1, 0))
    for body in [b for b in order if plan[b.code] == "on_time"][:late]:
        plan[body.code] = "late"
    return plan


def _comment(phrases: TemplatePhrases, rng: random.Random, position: str, kind: str, item: str) -> str:
    """A body's comment on one item; often none when it agrees, never without an opinion."""
    texts = phrasebank.template_texts("remiss")
    components = theme_components(item) if kind == "cornerstone" else []
    if components:
        if position == "ingen_asikt" or (position == "instammer" and rng.random() < 0.5):
            return ""
        template = rng.choice(texts["cornerstone_comments"][position])
    elif kind == "section":
        template = rng.choice(texts["section_comments"][position])
        components = list(component_themes())
    else:
        return ""
    component = rng.choice(components)
    for slot, kinds in TERM_SLOTS.items():
        if slot in template:
            template = template.replace(slot, phrases.term(component, kinds))
    for slot, style in SENTENCE_SLOTS.items():
        if slot in template:
            template = template.replace(slot, phrases.clause(component, style))
    return template


def _fill_remiss(
    path: Path, received: dt.date, declined: bool, answers: dict[tuple[str, str], tuple[str, str]]
) -> Path:
    from openpyxl import load_workbook

    book = load_workbook(path)
    fields = response_template.FIELDS
    fill_form(
        book[response_template.FORM], {fields["received_on"]: received, fields["declined"]: "Ja" if declined else "Nej"}
    )
    sheet = book[response_template.POSITIONS_SHEET]
    kinds = {label: code for code, label in response_template.ITEM_KINDS.items()}
    for row in sheet.iter_rows(min_row=2):
        key = (kinds.get(row[1].value), row[2].value)
        if key in answers:
            position, comment = answers[key]
            row[3].value = response_template.POSITIONS[position]
            row[4].value = comment or None
    return save(book, path)


def generate_remiss_templates(
    config: ProcessConfig,
    cornerstones: list[Theme],
    out_dir: Path,
    seed: int = 2035,
    round_code: str | None = None,
) -> list[Path]:
    """Filled response templates from the bodies of the round, following :func:`remiss_plan`."""
    plan = remiss_plan(config, seed, round_code)
    if not plan:
        return []
    out_dir = Path(out_dir)
    round_ = config.remiss.round(round_code)
    rng = random.Random(f"hornsten-remiss:{config.process}:{round_.code}:{seed}")
    phrases = TemplatePhrases(config, rng)
    parts = response_template.items(config, cornerstones)
    span = max((round_.deadline - round_.sent).days, 1)
    paths: list[Path] = []
    unanswered_done = pii_done = False
    for body in config.remiss.bodies:
        status = plan[body.code]
        if status == "missing":
            continue
        if status == "late":
            received = round_.deadline + dt.timedelta(days=rng.randint(3, 20))
        else:  # most answer in the last weeks before the deadline
            received = round_.deadline - dt.timedelta(days=min(int(rng.expovariate(1 / 8)), span - 1))
        answers: dict[tuple[str, str], tuple[str, str]] = {}
        if status != "declined":
            leaning = rng.uniform(0.6, 1.6)  # some bodies are more critical than others
            weights = list(POSITION_WEIGHTS.get(body.kind, POSITION_WEIGHTS["övrig"]))
            weights[1] *= leaning
            weights[2] *= leaning**2
            for kind, code, _ in parts:
                position = rng.choices(POSITION_CODES, weights)[0]
                answers[(kind, code)] = (position, _comment(phrases, rng, position, kind, code))
            if status == "on_time" and not unanswered_done and len(parts) > 1:
                answers.pop((parts[-1][0], parts[-1][1]))  # one item left unanswered
                unanswered_done = True
            if status == "on_time" and not pii_done and answers:
                key = next((k for k, (_, c) in answers.items() if c), next(iter(answers)))
                position, comment = answers[key]
                answers[key] = (position, f"{comment} {personal_data_comment(config)}".strip())
                pii_done = True
        path = out_dir / f"remissvar_{round_.code}_{body.code}.xlsx"
        response_template.write_template(path, config, cornerstones, body.code, round_.code)
        _fill_remiss(path, received, status == "declined", answers)
        paths.append(path)
    return paths
