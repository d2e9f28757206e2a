""" "Enkäten just nu" — the daily survey-progress report for the process leader.

Responses per day and in total, the respondents against the population by district,
age group and gender, the groups to reach next (marts.underrepresented_groups, most
missing first), the components mentioned most so far (per respondent, and with each
organised campaign counted once when one was found) and the answers written in other
languages than Swedish. The summary sentence names the groups to reach first.

"""

from __future__ import annotations

import datetime as dt

from hornsten.reports import charts, detections
from hornsten.reports.marts import rows
from hornsten.reports.model import KeyFigure, Report, Section, Table
from hornsten.reports.representation import reach_section, representation_section
from hornsten.reports.safety import number_text, share_text
from hornsten.reports.wording import (
    as_float,
    group_phrase,
    join_sv,
    period_date,
    report_period,
    subtitle,
    swedish_date,
)

NEEDS = "the hornsten_components DAG (survey marts)"
REACH_IN_SUMMARY = 3  # groups named in the summary sentence
TOP_COMPONENTS = 10


# --- the report -------------------------------------------------------------------------


def build(conn, config, period: str | None = None) -> Report:
    period = report_period(config, period)
    today = period_date(config, period)

    daily = rows(
        conn,
        """
        select submitted_on, count(*) as responses
        from marts.respondents
        where submitted_on is not null
        group by submitted_on
        order by submitted_on""",
        needs=NEEDS,
    )
    totals = rows(
        conn,
        """
        select count(*) as respondents,
               count(*) filter (where in_weighting_base) as in_base
        from marts.respondents""",
        needs=NEEDS,
    )[0]
    representation = rows(
        conn,
        """
        select dimension, group_value, age_group, gender, district, population, respondents,
               responses_per_1000, population_share, respondent_share, representation_ratio, representation
        from marts.representativeness
        order by dimension, group_value""",
        needs=NEEDS,
    )
    to_reach = rows(
        conn,
        """
        select dimension, group_value, age_group, gender, district, population, respondents,
               responses_per_1000, population_share, respondent_share, representation_ratio,
               missing_responses, outreach_priority
        from marts.underrepresented_groups
        order by outreach_priority""",
        needs=NEEDS,
    )
    components = rows(
        conn,
        """
        select component, component_label, is_suppressed, base_respondents, respondents_mentioning,
               share, weighted_share, rank_in_group, campaign_adjusted_share
        from marts.component_shares
        where cut = 'alla' and question_code = 'alla'
        order by rank_in_group nulls last, component_label""",
        needs=NEEDS,
    )
    campaigns = detections.campaigns(conn)

    total = int(totals.get("respondents") or 0)
    in_base = int(totals.get("in_base") or 0)
    dimension_totals: dict[str, int] = {}
    for row in representation:
        dimension_totals[row["dimension"]] = dimension_totals.get(row["dimension"], 0) + int(row["respondents"] or 0)

    # No demographic question, or no population figures for the groups the survey offers:
    # nothing to compare with, so no group can be said to be missing.
    measurable = bool(representation)
    reach = reach_section(config, to_reach, dimension_totals) if measurable else _not_measurable_section(config)
    sections = [
        _status_section(config, daily, total, in_base, today),
        reach,
        representation_section(config, representation, in_base),
        _components_section(components, detections.campaign_paragraph(config, campaigns)),
        detections.language_section(detections.languages(conn)),
    ]
    return Report(
        name="survey-progress",
        title="Enkäten just nu",
        subtitle=subtitle(config),
        process=config.process,
        municipality=config.municipality,
        period=period,
        sections=sections,
        summary=_summary(config, total, to_reach)
        if measurable or total == 0
        else NOT_MEASURABLE_SUMMARY.format(total=number_text(total)),
    )


NOT_MEASURABLE_SUMMARY = (
    "Hur väl svaren speglar befolkningen kan inte mätas: enkäten frågar inte efter ålder, kön och område "
    "som befolkningsstatistiken har ({total} svar hittills, andelarna är oviktade)."
)


def _not_measurable_section(config) -> Section:
    asked = [q.text for q in config.survey.choice_questions]
    section = Section("Vilka grupper svarar?")
    section.paragraphs.append(
        "Det går inte att mäta hur väl de svarande speglar befolkningen. Enkäten "
        + (
            "frågar inte efter ålder, kön eller område"
            if not asked
            else "frågar inte efter ålder, kön och område på det sätt som befolkningsstatistiken redovisar dem"
        )
        + ", så andelarna i rapporten är oviktade och ingen grupp kan pekas ut som underrepresenterad."
    )
    return section


def _summary(config, total: int, to_reach: list[dict]) -> str:
    if total == 0:
        return "Inga svar har kommit in ännu – sprid länken till enkäten brett."
    if not to_reach:
        return (
            f"Svaren speglar befolkningen väl – ingen grupp är tydligt underrepresenterad "
            f"({number_text(total)} svar hittills)."
        )
    names = [group_phrase(config, g["dimension"], g["group_value"]) for g in to_reach[:REACH_IN_SUMMARY]]
    return (
        f"Nå dessa grupper först: {join_sv(names)} – där saknas flest svar jämfört med befolkningen "
        f"({number_text(total)} svar hittills)."
    )


def _days(daily: list[dict]) -> tuple[list[dt.date], list[int]]:
    """Every day from the first to the last response, days without responses as 0."""
    counts = {r["submitted_on"]: int(r["responses"]) for r in daily}
    if not counts:
        return [], []
    day, last = min(counts), max(counts)
    days: list[dt.date] = []
    while day <= last:
        days.append(day)
        day += dt.timedelta(days=1)
    return days, [counts.get(d, 0) for d in days]


def _status_section(config, daily, total: int, in_base: int, today: dt.date) -> Section:
    section = Section("Läget just nu")
    days, counts = _days(daily)
    phase = config.phase("survey")
    section.key_figures.append(KeyFigure("svar totalt", number_text(total)))
    if days:
        section.key_figures.append(
            KeyFigure("svar senaste dagen", number_text(counts[-1]), swedish_date(days[-1], year=False))
        )
        week = sum(c for d, c in zip(days, counts, strict=False) if d > days[-1] - dt.timedelta(days=7))
        section.key_figures.append(KeyFigure("svar senaste 7 dagarna", number_text(week)))
    if phase.start <= today <= phase.end:
        left = (phase.end - today).days
        section.key_figures.append(
            KeyFigure("dagar kvar", number_text(left), f"enkäten stänger {swedish_date(phase.end)}")
        )
    elif today > phase.end:
        section.key_figures.append(
            KeyFigure("enkäten är stängd", swedish_date(phase.end, year=False), "sista svarsdag")
        )
    section.paragraphs.append(
        f"Enkäten är öppen {swedish_date(phase.start, year=False)}–{swedish_date(phase.end)}. "
        f"Hittills har {number_text(total)} personer svarat; {number_text(in_base)} av dem bor i kommunen och har "
        "angett ålder och stadsdel, och det är dem jämförelsen med befolkningen bygger på."
    )
    if days:
        best = max(range(len(counts)), key=counts.__getitem__)
        section.paragraphs.append(
            f"Flest svar kom {swedish_date(days[best])} ({number_text(counts[best])} svar). "
            "Toppar brukar följa utskick, annonser och inlägg i sociala medier."
        )
        section.charts.append(charts.daily_line("svar_per_dag", "Svar per dag och totalt", days, counts))
        running, rows_out = 0, []
        for day, count in zip(days, counts, strict=False):
            running += count
            rows_out.append((day.isoformat(), count, running))
        section.tables.append(
            Table(
                "Svar per dag",
                "Svar per dag, senaste dagarna först",
                ["Datum", "Svar", "Totalt"],
                rows_out[::-1],
                show_rows=7,
            )
        )
    return section


def _components_section(components: list[dict], campaign_note: str | None) -> Section:
    section = Section("Vanligaste komponenterna hittills")
    mentioned = [c for c in components if not c["is_suppressed"] and (c["respondents_mentioning"] or 0) > 0]
    if not mentioned:
        section.paragraphs.append("Inga svar har kopplats till komponenter ännu.")
        return section
    weighted = all(c["weighted_share"] is not None for c in mentioned)
    key = "weighted_share" if weighted else "share"
    top = sorted(mentioned, key=lambda c: -(as_float(c[key]) or 0))[:TOP_COMPONENTS]
    section.paragraphs.append(
        "Andel av de svarande som tar upp respektive komponent i någon av de öppna frågorna"
        + (", viktad så att åldersgrupper, kön och stadsdelar väger som i befolkningen." if weighted else ".")
        + " Listan kan ändras när fler svar kommer in."
    )
    if campaign_note:
        section.paragraphs.append(campaign_note)
    section.charts.append(
        charts.horizontal_bars(
            "komponenter_hittills",
            "Vanligaste komponenterna" + (" (viktat)" if weighted else ""),
            [c["component_label"] for c in top],
            [as_float(c[key]) or 0 for c in top],
        )
    )
    table_rows = [
        (
            int(c["rank_in_group"]) if c["rank_in_group"] is not None else None,
            c["component_label"],
            "–" if c["is_suppressed"] else int(c["respondents_mentioning"] or 0),
            share_text(as_float(c["share"])),
            share_text(as_float(c["weighted_share"])),
            *([detections.adjusted_cell(c)] if campaign_note else []),
        )
        for c in components
    ]
    section.tables.append(
        Table(
            "Komponenter hittills",
            "Alla komponenter hittills",
            [
                "Rang",
                "Komponent",
                "Svarande som nämner",
                "Andel",
                "Andel, viktad",
                *([detections.ADJUSTED_COLUMN] if campaign_note else []),
            ],
            table_rows,
            show_rows=10,
        )
    )
    return section
