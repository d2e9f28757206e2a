""" "Komponenter och teman" — weekly during the survey and at its close.

What the respondents write about: the share of respondents mentioning each component
and theme, unweighted (as the answers came in) and weighted (age groups, genders and
districts counted as in the population), over all questions and per question, with a
chart per question, and the differences between groups. Cuts of fewer than five
respondents are suppressed in the marts and shown as '–'.
"""

from __future__ import annotations

from hornsten.reports import charts, detections
from hornsten.reports.group_differences import groups_section
from hornsten.reports.marts import rows
from hornsten.reports.model import KeyFigure, Report, Section, Table
from hornsten.reports.ranking import by_share, in_rank_order, share_key
from hornsten.reports.safety import number_text, share_text
from hornsten.reports.wording import as_float, join_sv, quoted, report_period, subtitle

NEEDS = "the hornsten_components DAG (survey marts)"
TOP_OVERALL = 15
TOP_PER_QUESTION = 10

WEIGHTING_NOTE = (
    "Rang efter den viktade andelen. Andel: andel av de svarande som tar upp komponenten eller temat. "
    "Viktad: åldersgrupper, kön och stadsdelar väger som i befolkningen. "
    "Grupper med färre än 5 svarande visas som –."
)


def build(conn, config, period: str | None = None) -> Report:
    period = report_period(config, period)
    coverage = {
        r["question_code"]: r
        for r in rows(
            conn,
            """
        select question_code, answers, answers_tagged, share_tagged, components_per_answer
        from marts.codebook_coverage""",
            needs=NEEDS,
        )
    }
    components = rows(
        conn,
        """
        select question_code, component, component_label, is_suppressed, base_respondents,
               respondents_mentioning, share, weighted_share, rank_in_group, campaign_adjusted_share
        from marts.component_shares
        where cut = 'alla'
        order by question_code, rank_in_group nulls last, component_label""",
        needs=NEEDS,
    )
    themes = rows(
        conn,
        """
        select question_code, theme, theme_label, is_suppressed, base_respondents,
               respondents_mentioning, share, weighted_share, rank_in_group
        from marts.theme_shares
        where cut = 'alla'
        order by question_code, rank_in_group nulls last, theme_label""",
        needs=NEEDS,
    )
    component_themes = {
        r["component"]: r["theme"]
        for r in rows(
            conn,
            """
        select distinct component, theme from marts.response_components""",
            needs=NEEDS,
        )
    }
    component_groups = rows(
        conn,
        """
        select cut, group_value, component, is_suppressed, weighted_share, share
        from marts.component_shares
        where question_code = 'alla' and cut in ('age_group', 'gender')""",
        needs=NEEDS,
    )
    theme_groups = rows(
        conn,
        """
        select cut, group_value, theme, theme_label, is_suppressed, base_respondents, respondents_mentioning,
               share, weighted_share, rank_in_group
        from marts.theme_shares
        where question_code = 'alla' and cut <> 'alla'""",
        needs=NEEDS,
    )

    theme_labels = {t["theme"]: t["theme_label"] for t in themes}
    questions = list(config.survey.text_questions)
    overall = [c for c in components if c["question_code"] == "alla"]
    overall_themes = [t for t in themes if t["question_code"] == "alla"]
    by_question = {q.code: [c for c in components if c["question_code"] == q.code] for q in questions}

    campaigns = detections.campaign_section(config, detections.campaigns(conn))
    sections = [
        _overview(overall, overall_themes, coverage),
        *([campaigns] if campaigns else []),
        _themes_section(overall_themes, themes, questions),
        _components_section(overall, components, questions, component_themes, theme_labels, bool(campaigns)),
    ]
    sections += [
        _question_section(index, question, by_question[question.code], coverage.get(question.code))
        for index, question in enumerate(questions, start=1)
    ]
    sections.append(groups_section(config, overall, component_groups, theme_groups))
    return Report(
        name="components",
        title="Komponenter och teman",
        subtitle=subtitle(config),
        process=config.process,
        municipality=config.municipality,
        period=period,
        sections=sections,
        summary=_summary(overall, overall_themes),
    )


def _summary(overall: list[dict], overall_themes: list[dict]) -> str:
    top_components, top_themes = by_share(overall), by_share(overall_themes)
    if not top_components or not top_themes:
        return "Inga svar har kopplats till komponenter ännu."
    weighted = share_key(overall_themes) == "weighted_share"
    theme, component = top_themes[0], top_components[0]
    how = ", viktat" if weighted else ""
    field = "weighted_share" if weighted else "share"
    return (
        f"Vanligast är temat {quoted(theme['theme_label'])} ({share_text(as_float(theme[field]))} av de "
        f"svarande{how}) och komponenten {quoted(component['component_label'])} "
        f"({share_text(as_float(component[field]))})."
    )


def _overview(overall: list[dict], overall_themes: list[dict], coverage: dict) -> Section:
    section = Section("Översikt")
    base = next((c["base_respondents"] for c in overall if c["base_respondents"] is not None), None)
    section.key_figures.append(KeyFigure("svarande på de öppna frågorna", number_text(base)))
    total = coverage.get("alla")
    if total:
        section.key_figures.append(
            KeyFigure(
                "av svaren kopplade till komponenter",
                share_text(as_float(total["share_tagged"])),
                f"{number_text(total['answers_tagged'])} av {number_text(total['answers'])} svar",
            )
        )
    section.key_figures.append(
        KeyFigure(
            "komponenter nämnda", number_text(len(by_share(overall))), f"av {number_text(len(overall))} i kodboken"
        )
    )
    section.key_figures.append(KeyFigure("teman nämnda", number_text(len(by_share(overall_themes)))))
    section.paragraphs.append(
        "Varje svar på de öppna frågorna kopplas till de komponenter det tar upp, och komponenterna hör till "
        "teman. Andelarna visas både oviktade – så som svaren kom in – och viktade, så att åldersgrupper, kön "
        "och stadsdelar väger som i befolkningen. Skiljer sig de två åt har grupper som svarat mer än andra "
        "påverkat resultatet."
    )
    differences = [c for c in by_share(overall) if c["weighted_share"] is not None and c["share"] is not None]
    differences.sort(key=lambda c: -abs(as_float(c["weighted_share"]) - as_float(c["share"])))
    for c in differences[:3]:
        if abs(as_float(c["weighted_share"]) - as_float(c["share"])) < 0.01:
            break
        section.bullets.append(
            f"{c['component_label']}: {share_text(as_float(c['share']))} oviktat, "
            f"{share_text(as_float(c['weighted_share']))} viktat."
        )
    if section.bullets:
        section.paragraphs.append("Störst skillnad mellan oviktad och viktad andel:")
    return section


def _share_cells(item: dict | None) -> tuple:
    if item is None or item["is_suppressed"]:
        return ("–", "–", "–")
    return (
        int(item["respondents_mentioning"] or 0),
        share_text(as_float(item["share"])),
        share_text(as_float(item["weighted_share"])),
    )


def _weighted_cell(found: dict | None) -> str:
    if found is None or found["is_suppressed"]:
        return "–"
    return share_text(as_float(found["weighted_share"]))


def _question_columns(questions) -> tuple[list[str], str]:
    names = [f"Fråga {i}, viktad" for i in range(1, len(questions) + 1)]
    note = "; ".join(f"Fråga {i}: {q.text}" for i, q in enumerate(questions, start=1))
    return names, note


def _themes_section(overall_themes: list[dict], themes: list[dict], questions) -> Section:
    section = Section("Teman")
    ranked = by_share(overall_themes)
    if not ranked:
        section.paragraphs.append("Inga teman har nämnts ännu.")
        return section
    key = share_key(overall_themes)
    section.paragraphs.append(
        f"{quoted(ranked[0]['theme_label'])} är det tema som flest tar upp, följt av "
        f"{join_sv([quoted(t['theme_label']) for t in ranked[1:3]])}. Ett tema räknas som nämnt när svaret tar upp "
        "någon av dess komponenter."
    )
    section.charts.append(
        charts.horizontal_bars(
            "teman",
            "Teman, andel av de svarande" + (" (viktat)" if key == "weighted_share" else ""),
            [t["theme_label"] for t in ranked],
            [as_float(t[key]) or 0 for t in ranked],
        )
    )
    per_question = {(t["question_code"], t["theme"]): t for t in themes}
    names, note = _question_columns(questions)
    table_rows = []
    for rank, t in in_rank_order(overall_themes, "theme_label"):
        cells = [rank, t["theme_label"], *_share_cells(t)]
        for q in questions:
            found = per_question.get((q.code, t["theme"]))
            cells.append(_weighted_cell(found))
        table_rows.append(tuple(cells))
    section.tables.append(
        Table(
            "Teman",
            "Teman, alla frågor och per fråga",
            ["Rang", "Tema", "Svarande som nämner", "Andel", "Andel, viktad", *names],
            table_rows,
            show_rows=20,
            note=f"{note}. {WEIGHTING_NOTE}",
        )
    )
    return section


def _components_section(overall, components, questions, component_themes, theme_labels, adjusted: bool) -> Section:
    section = Section("Komponenter, alla frågor")
    ranked = by_share(overall)
    if not ranked:
        section.paragraphs.append("Inga komponenter har nämnts ännu.")
        return section
    key = share_key(overall)
    top = ranked[:TOP_OVERALL]
    section.paragraphs.append(
        f"De {len(top)} komponenter som flest svarande tar upp i någon av frågorna. Alla "
        f"{len(overall)} komponenter finns i tabellen och i Excel-filen."
    )
    section.charts.append(
        charts.horizontal_bars(
            "komponenter_alla",
            "Vanligaste komponenterna, alla frågor" + (" (viktat)" if key == "weighted_share" else ""),
            [c["component_label"] for c in top],
            [as_float(c[key]) or 0 for c in top],
        )
    )
    per_question = {(c["question_code"], c["component"]): c for c in components}
    names, note = _question_columns(questions)
    table_rows = []
    for rank, c in in_rank_order(overall, "component_label"):
        theme = component_themes.get(c["component"])
        cells = [rank, c["component_label"], theme_labels.get(theme, theme or "–"), *_share_cells(c)]
        if adjusted:
            cells.append(detections.adjusted_cell(c))
        for q in questions:
            found = per_question.get((q.code, c["component"]))
            cells.append(_weighted_cell(found))
        table_rows.append(tuple(cells))
    section.tables.append(
        Table(
            "Komponenter",
            "Alla komponenter, alla frågor och per fråga",
            [
                "Rang",
                "Komponent",
                "Tema",
                "Svarande som nämner",
                "Andel",
                "Andel, viktad",
                *([detections.ADJUSTED_COLUMN] if adjusted else []),
                *names,
            ],
            table_rows,
            show_rows=15,
            note=f"{note}. {WEIGHTING_NOTE}",
        )
    )
    return section


def _question_section(index: int, question, items: list[dict], coverage: dict | None) -> Section:
    section = Section(f"Fråga {index}: {question.text}")
    base = next((c["base_respondents"] for c in items if c["base_respondents"] is not None), None)
    section.key_figures.append(KeyFigure("svarande på frågan", number_text(base)))
    if coverage:
        section.key_figures.append(
            KeyFigure("av svaren kopplade till komponenter", share_text(as_float(coverage["share_tagged"])))
        )
        section.key_figures.append(
            KeyFigure("komponenter per svar", number_text(as_float(coverage["components_per_answer"])), "i genomsnitt")
        )
    ranked = by_share(items)
    if not ranked:
        section.paragraphs.append("Inga svar på frågan har kopplats till komponenter ännu.")
        return section
    key = share_key(items)
    top = ranked[:TOP_PER_QUESTION]
    section.paragraphs.append(
        f"Vanligast i svaren på frågan är {join_sv([quoted(c['component_label']) for c in top[:3]])}."
    )
    section.charts.append(
        charts.horizontal_bars(
            f"komponenter_{question.code}",
            f"Fråga {index}: vanligaste komponenterna" + (" (viktat)" if key == "weighted_share" else ""),
            [c["component_label"] for c in top],
            [as_float(c[key]) or 0 for c in top],
        )
    )
    table_rows = [(rank, c["component_label"], *_share_cells(c)) for rank, c in in_rank_order(items, "component_label")]
    section.tables.append(
        Table(
            f"Fråga {index} – {question.code}",
            f"Fråga {index}: alla komponenter",
            ["Rang", "Komponent", "Svarande som nämner", "Andel", "Andel, viktad"],
            table_rows,
            show_rows=10,
            note=WEIGHTING_NOTE,
        )
    )
    return section
