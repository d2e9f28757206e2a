"""Respondents against the population, for "Enkäten just nu": the groups to reach next
(marts.underrepresented_groups, most missing first) and each group's share of the
respondents beside its share of the inhabitants (marts.representativeness), per district,
age group, gender and age group in district. Groups under five respondents show as '–'.
"""

from __future__ import annotations

from hornsten.reports import charts
from hornsten.reports.model import Section, Table
from hornsten.reports.safety import MIN_GROUP_SIZE, number_text, share_text, suppressed
from hornsten.reports.wording import (
    DIMENSION_LABELS,
    as_float,
    decimal_text,
    group_label,
    group_phrase,
    join_sv,
    option_codes,
)

REACH_IN_BULLETS = 6  # groups listed under "Nå dessa grupper först"
DIMENSIONS = ("district", "age_group", "gender", "age_group×district")


def _reach_row(config, group: dict, dimension_totals: dict[str, int]) -> tuple[str, dict]:
    """One group to reach: the bullet text and its table cells, figures suppressed under 5 respondents."""
    respondents = int(group["respondents"] or 0)
    hidden = suppressed(respondents)
    population_share = as_float(group["population_share"])
    target = round((population_share or 0) * dimension_totals.get(group["dimension"], 0))
    phrase = group_phrase(config, group["dimension"], group["group_value"])
    share_pop = share_text(population_share)
    if hidden:
        text = (
            f"{phrase[0].upper()}{phrase[1:]}: färre än {MIN_GROUP_SIZE} svar hittills, "
            f"fast gruppen är {share_pop} av invånarna – målet är ungefär {number_text(target)} svar."
        )
    else:
        text = (
            f"{phrase[0].upper()}{phrase[1:]}: {number_text(respondents)} svar, "
            f"{share_text(as_float(group['respondent_share']))} av de svarande mot {share_pop} av invånarna "
            f"– ungefär {number_text(int(group['missing_responses'] or 0))} svar till behövs."
        )
    cells = {
        "Nr": int(group["outreach_priority"]),
        "Grupp": group_label(config, group["dimension"], group["group_value"]),
        "Invånare": int(group["population"] or 0),
        "Svarande": "–" if hidden else respondents,
        "Andel av de svarande": "–" if hidden else share_text(as_float(group["respondent_share"])),
        "Andel av invånarna": share_pop,
        "Saknade svar": "–" if hidden else int(group["missing_responses"] or 0),
        "Mål, svar": target,
    }
    return text, cells


def reach_section(config, to_reach: list[dict], dimension_totals: dict[str, int]) -> Section:
    section = Section("Nå dessa grupper först")
    if not to_reach:
        section.paragraphs.append(
            "Ingen grupp är tydligt underrepresenterad just nu: alla grupper har minst "
            "fyra femtedelar av sin andel av befolkningen bland de svarande."
        )
        return section
    section.paragraphs.append(
        "De här grupperna har färre svar än deras andel av befolkningen motsvarar. Överst står de som saknar "
        "flest svar – rikta utskick, besök och annonser dit först."
    )
    table_rows = []
    for index, group in enumerate(to_reach):
        text, cells = _reach_row(config, group, dimension_totals)
        if index < REACH_IN_BULLETS:
            section.bullets.append(text)
        table_rows.append(tuple(cells.values()))
    columns = list(_reach_row(config, to_reach[0], dimension_totals)[1])
    section.tables.append(
        Table(
            "Grupper att nå",
            "Underrepresenterade grupper, viktigast först",
            columns,
            table_rows,
            show_rows=10,
            note=(
                "Saknade svar: hur många fler svar gruppen behöver för att nå sin andel av befolkningen med dagens "
                "antal svar. Mål: gruppens andel av invånarna räknat i svar. "
                f"Grupper med färre än {MIN_GROUP_SIZE} svarande visas som –."
            ),
        )
    )
    return section


def representation_section(config, representation: list[dict], in_base: int) -> Section:
    section = Section("Svarande jämfört med befolkningen")
    section.paragraphs.append(
        "Staplarna visar varje grupps andel av de svarande bredvid dess andel av invånarna. Där den mörka stapeln "
        "är kortare än den ljusa behövs fler svar. Kvoten är andelen av de svarande delad med andelen av "
        "invånarna: 1 är rättvisande, under 0,8 räknas som underrepresenterat."
    )
    if any(r.get("population") for r in representation) and in_base == 0:
        section.paragraphs.append("Ingen svarande kan jämföras med befolkningen ännu.")
    by_dimension: dict[str, list[dict]] = {d: [] for d in DIMENSIONS}
    for row in representation:
        by_dimension.setdefault(row["dimension"], []).append(row)
    headings = {"district": "Stadsdel", "age_group": "Åldersgrupp", "gender": "Kön"}
    verdicts = {
        "underrepresented": "underrepresenterad",
        "balanced": "i balans",
        "overrepresented": "överrepresenterad",
    }
    for dimension in DIMENSIONS:
        groups = by_dimension.get(dimension) or []
        if not groups:
            continue
        if dimension == "age_group":
            order = option_codes(config, "age_group")
            groups.sort(key=lambda r: order.index(r["group_value"]) if r["group_value"] in order else len(order))
        elif dimension == "age_group×district":
            # largest cells first (by population only: an order by respondents would reveal suppressed counts)
            groups.sort(key=lambda r: (-int(r["population"] or 0), r["group_value"]))
        else:
            groups.sort(key=lambda r: group_label(config, dimension, r["group_value"]))
        shown = [g for g in groups if not suppressed(g["respondents"])]
        if dimension in headings and shown:
            labels = [group_label(config, dimension, g["group_value"]) for g in shown]
            section.charts.append(
                charts.compared_bars(
                    f"representation_{dimension}",
                    f"{headings[dimension]}: svarande och invånare",
                    labels,
                    [as_float(g["respondent_share"]) or 0 for g in shown],
                    [as_float(g["population_share"]) or 0 for g in shown],
                    "Svarande",
                    "Invånare",
                )
            )
            left_out = [group_label(config, dimension, g["group_value"]) for g in groups if g not in shown]
            if left_out:
                section.paragraphs.append(
                    f"{headings[dimension]}: {join_sv(left_out)} har färre än {MIN_GROUP_SIZE} svarande och visas "
                    "inte i diagrammet."
                )
        table_rows = []
        for g in groups:
            hidden = suppressed(g["respondents"])
            table_rows.append(
                (
                    group_label(config, dimension, g["group_value"]),
                    int(g["population"] or 0),
                    "–" if hidden else int(g["respondents"]),
                    "–" if hidden else number_text(as_float(g["responses_per_1000"])),
                    "–" if hidden else share_text(as_float(g["respondent_share"])),
                    share_text(as_float(g["population_share"])),
                    "–" if hidden else decimal_text(g["representation_ratio"]),
                    verdicts.get(g["representation"], g["representation"]),
                )
            )
        title = DIMENSION_LABELS[dimension]
        cell_note = (
            f"Grupper med färre än {MIN_GROUP_SIZE} svarande visas som –; de räknas ändå som "
            "underrepresenterade när deras andel är för liten."
        )
        section.tables.append(
            Table(
                title,
                f"{title}: svarande och invånare",
                [
                    DIMENSION_LABELS[dimension],
                    "Invånare",
                    "Svarande",
                    "Svar per 1 000 invånare",
                    "Andel av de svarande",
                    "Andel av invånarna",
                    "Kvot",
                    "Bedömning",
                ],
                table_rows,
                show_rows=25 if dimension != "age_group×district" else 12,
                note=cell_note if dimension == "age_group×district" else "",
            )
        )
    return section
