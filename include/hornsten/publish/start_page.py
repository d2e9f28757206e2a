"""The start page: what we heard, in short; why we asked and what was promised,
beside what came of it; then the public report's figures and charts."""

from __future__ import annotations

import datetime as dt

from hornsten.config.dialogue_plan import INFLUENCE_LABELS, INFLUENCE_LEVELS, INFLUENCE_MEANING
from hornsten.publish.model import Block, Page, Promise
from hornsten.reports.model import Section, Table
from hornsten.reports.safety import number_text
from hornsten.reports.wording import join_sv, swedish_date

SLUG = "index"


def promises(config, day: dt.date, covered: set[str]) -> list[Promise]:
    """Each feedback promise with its due date and whether it was kept: kept when this
    site covers the phase, late when the date has passed without it."""
    plan = config.dialogue_plan
    if plan is None:
        return []
    found = []
    for promise in plan.feedback:
        phase = config.phase(promise.after_phase)
        due = phase.end + dt.timedelta(days=promise.within_days)
        if promise.after_phase in covered:
            state = "gjort"
        elif day > due:
            state = "försenat"
        else:
            state = "kommer"
        found.append(Promise(phase.name, due, list(promise.channels), state))
    return found


STATE_TEXT = {"gjort": "Gjort – du läser det här", "kommer": "Kommer", "försenat": "Försenat"}


def plan_block(config) -> Block | None:
    plan = config.dialogue_plan
    if plan is None:
        return None
    decision = plan.decision
    section = Section("Därför frågade vi dig")
    section.paragraphs.append(plan.purpose.strip())
    section.paragraphs.append(
        f"{decision.body} beslutade den {swedish_date(decision.date)} att vi ska fråga invånarna. "
        f"Beslutet har diarienummer {decision.case_number}."
    )
    section.paragraphs.append(
        f"Hur mycket kan du påverka? Det här är {INFLUENCE_LABELS[plan.influence].lower()}: steg "
        f"{plan.influence_step} av {len(INFLUENCE_LEVELS)} på delaktighetstrappan. {INFLUENCE_MEANING[plan.influence]}"
        + (f" {plan.influence_note.strip()}" if plan.influence_note else "")
    )
    return Block(section, ladder=[(INFLUENCE_LABELS[level], level == plan.influence) for level in INFLUENCE_LEVELS])


def promise_block(found: list[Promise], outcome: list[str]) -> Block | None:
    if not found and not outcome:
        return None
    section = Section("Det här lovade vi – och det här blev det")
    if found:
        section.paragraphs.append("Vi lovade att berätta vad som kom fram. Så här går det med det.")
        section.tables.append(
            Table(
                sheet="Återkoppling",
                title="Vi lovade att återkoppla",
                columns=["Efter", "Senast", "Var", "Läge"],
                rows=[(p.after, swedish_date(p.due), join_sv(p.channels), STATE_TEXT[p.state]) for p in found],
                show_rows=len(found),
            )
        )
    section.bullets = outcome
    return Block(section)


def outcome_lines(respondents: int, components: int, cornerstones: list[dict]) -> list[str]:
    """What came of the answers, step by step."""
    lines = []
    if respondents:
        lines.append(f"{number_text(respondents)} personer svarade på enkäten.")
    if components:
        lines.append(f"Vi läste alla svar och hittade {number_text(components)} ämnen som kom tillbaka ofta.")
    if cornerstones:
        lines.append(f"Av dem blev {len(cornerstones)} hörnstenar i visionen.")
    return lines


def build(config, public_report, day: dt.date, covered: set[str], counts: dict, cornerstones: list[dict]) -> Page:
    """`public_report`: the public report's sections (hornsten.reports.public), the first
    of which holds the key figures; `cornerstones` with their page slugs, empty until decided."""
    sections = list(public_report.sections)
    intro, rest = sections[0], sections[1:]
    blocks = [
        Block(intro),
        plan_block(config),
        promise_block(
            promises(config, day, covered),
            outcome_lines(counts.get("respondents", 0), counts.get("components", 0), cornerstones),
        ),
    ]
    for section in rest:
        if section.title == "Visionens hörnstenar" and cornerstones:
            # The cornerstones as links to their own pages instead of a plain list.
            blocks.append(
                Block(
                    Section(section.title, paragraphs=section.paragraphs),
                    links=[(c["theme_label"], f"{c['slug']}.html") for c in cornerstones],
                )
            )
        elif section.title != "Vad händer nu?":  # the process page tells it in full
            blocks.append(Block(section))
    return Page(
        slug=SLUG,
        title="Det här har vi hört",
        nav_title="Start",
        lead=public_report.summary.rstrip(".") + ".",
        blocks=[b for b in blocks if b is not None],
    )
