"""The pages about the process itself: how it went (phases and dates, who took part
in each), the goal matrix, and the accessibility statement the law asks for."""

from __future__ import annotations

import datetime as dt

from hornsten.publish.model import Block, Page
from hornsten.reports.goals import goal_section
from hornsten.reports.model import Section, Table
from hornsten.reports.safety import number_text
from hornsten.reports.wording import phase_state, swedish_date

STATES = {"kommer": "Kommer", "pågår": "Pågår nu", "klar": "Klar"}


def _span(phase) -> str:
    if phase.start == phase.end:
        return swedish_date(phase.start)
    return f"{swedish_date(phase.start, year=phase.start.year != phase.end.year)} – {swedish_date(phase.end)}"


def process_page(config, day: dt.date, taking_part: dict[str, str]) -> Page:
    """`taking_part`: phase code -> who took part, in words ("1 234 svar")."""
    steps = Section("Steg för steg")
    steps.paragraphs.append(f"Arbetet har {len(config.phases)} steg. Här ser du vad som har hänt och vad som kommer.")
    timeline = Section("Tidplan")
    timeline.tables.append(
        Table(
            sheet="Tidplan",
            title="Stegen i arbetet",
            columns=["Steg", "När", "Läge", "Vem var med"],
            rows=[(p.name, _span(p), STATES[phase_state(p, day)], taking_part.get(p.code, "–")) for p in config.phases],
            show_rows=len(config.phases),
        )
    )
    blocks = [Block(steps), Block(timeline)]
    for phase in config.phases:
        section = Section(phase.name)
        section.paragraphs.append(f"{_span(phase)}. {STATES[phase_state(phase, day)]}.")
        text = phase.plain_description or phase.description
        if text:
            section.paragraphs.append(" ".join(text.split()))
        section.bullets = [f"{m.name}: {swedish_date(m.date)}" for m in phase.milestones]
        blocks.append(Block(section))
    return Page(
        slug="processen",
        title="Så går arbetet till",
        nav_title="Processen",
        lead=f"Från enkät till beslut: så arbetar {config.municipality} med {config.title}.",
        blocks=blocks,
    )


def goals_page(measures: list[dict], goals: dict) -> Page:
    section = goal_section(measures, goals) if goals else goal_section([], {})
    intro = Section("Vad ville vi uppnå?")
    intro.paragraphs.append(
        "Innan arbetet började bestämde politikerna vad dialogen skulle leda till. Här ser du om vi nådde målen."
    )
    return Page(
        slug="malmatris",
        title="Målen för dialogen",
        nav_title="Målen",
        lead="Målmatrisen visar målen för dialogen och hur det gick.",
        blocks=[Block(intro), Block(section)],
    )


def accessibility_page(config, contact: str | None) -> Page:
    """Tillgänglighetsredogörelse: required of every public website (lag 2018:1937, DIGG's model)."""
    status = Section("Hur tillgänglig är webbplatsen?")
    status.paragraphs += [
        f"{config.municipality} står bakom den här webbplatsen. Vi vill att alla ska kunna läsa den.",
        "Webbplatsen ska följa lagen om tillgänglighet till digital offentlig service. Den ska nå nivå AA i WCAG 2.1.",
        "Varje sida testas automatiskt med verktyget axe innan den publiceras. Alla diagram har en tabell eller text "
        "bredvid. Sidorna fungerar utan Javascript och går att skriva ut.",
    ]
    report = Section("Hittar du något som inte fungerar?")
    report.paragraphs.append(
        f"Skriv till oss på {contact}. Berätta vilken sida det gäller och vad som inte fungerar."
        if contact
        else f"Kontakta {config.municipality} och berätta vilken sida det gäller och vad som inte fungerar."
    )
    report.paragraphs.append(
        "Är du inte nöjd med vårt svar? Då kan du kontakta Myndigheten för digital förvaltning (DIGG). "
        "DIGG har tillsyn över lagen."
    )
    return Page(
        slug="tillganglighet",
        title="Tillgänglighet",
        nav_title="Tillgänglighet",
        lead="Så arbetar vi för att alla ska kunna använda webbplatsen.",
        blocks=[Block(status), Block(report)],
    )


def taking_part(respondents: int, participants: int, meetings: int, answered: int, bodies: int) -> dict[str, str]:
    found = {}
    if respondents:
        found["survey"] = f"{number_text(respondents)} svar"
    if meetings:
        found["dialogue"] = f"{number_text(participants)} personer på {number_text(meetings)} möten"
    if bodies:
        found["remiss"] = f"{number_text(answered)} av {number_text(bodies)} svarade"
    return found
