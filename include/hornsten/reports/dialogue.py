"""Sammanställning av dialogerna — the November compilation of phase 3.

Which target groups the dialogue reached and which it did not (``dialogue_coverage``,
``dialogue_forum_coverage``), how each target group received each cornerstone
(``dialogue_reception``), the compilation per cornerstone (``dialogue_compilation``),
the components the dialogue raised that the survey hardly knew (``dialogue_components``),
the poll results (``dialogue_poll_summary``) and the goal matrix (``goal_measures``,
``goal_summary``).
"""

from __future__ import annotations

from hornsten.reports import charts
from hornsten.reports.goals import goal_section
from hornsten.reports.marts import one, rows
from hornsten.reports.model import KeyFigure, Report, Section, Table
from hornsten.reports.safety import number_text, share_text
from hornsten.reports.wording import report_period

NEEDS = "the hornsten_dialogue DAG"
# Stances of a dialogue statement, in chart order, with their colours.
STANCES = (("support", "Stöd"), ("change", "Stöd med ändring"), ("new_proposal", "Nytt förslag"))
STANCE_COLOURS = (charts.GREEN, charts.LIGHT_GREEN, charts.BLUE)


def build(conn, config, period: str | None = None) -> Report:
    period = report_period(config, period)
    coverage = rows(conn, "select * from marts.dialogue_coverage order by target_group_order", needs=NEEDS)
    forums = rows(conn, "select * from marts.dialogue_forum_coverage order by forum_order, forum", needs=NEEDS)
    reception = rows(
        conn, "select * from marts.dialogue_reception order by cornerstone_rank, target_group_order", needs=NEEDS
    )
    compilation = rows(conn, "select * from marts.dialogue_compilation order by compilation_order", needs=NEEDS)
    components = rows(
        conn,
        "select * from marts.dialogue_components "
        "order by dialogue_statements desc, dialogue_target_groups desc, component_label",
        needs=NEEDS,
    )
    polls = rows(conn, "select * from marts.dialogue_poll_summary order by question, option_order, option", needs=NEEDS)
    measures = rows(conn, "select * from marts.goal_measures order by purpose_order, measure_order", needs=NEEDS)
    goals = one(conn, "select * from marts.goal_summary", needs=NEEDS)

    not_reached = [g for g in coverage if g["coverage_status"] == "ej nådd"]
    sections = [
        _coverage_section(coverage, forums, not_reached),
        _reception_section(reception),
        _compilation_section(compilation),
        _components_section(components),
        _poll_section(polls),
        goal_section(measures, goals),
    ]
    return Report(
        name="dialogue",
        title="Sammanställning av dialogerna",
        subtitle=config.title,
        process=config.process,
        municipality=config.municipality,
        period=period,
        sections=sections,
        summary=_summary(coverage, not_reached, goals),
    )


def _summary(coverage: list[dict], not_reached: list[dict], goals: dict) -> str:
    reached = sum(1 for g in coverage if g["is_reached"])
    goal_text = f"; målmatrisen: {goals['summary']}" if goals.get("measures") else ""
    if not coverage:
        return f"Processen har inga målgrupper för dialogen i sin plan{goal_text}."
    if reached == 0:
        return f"Inga dialogmöten är registrerade ännu – alla {len(coverage)} målgrupper återstår att nå{goal_text}."
    if not_reached:
        names = ", ".join(g["target_group_name"] for g in not_reached)
        return f"{reached} av {len(coverage)} målgrupper är nådda i dialogen (ej nådd: {names}){goal_text}."
    return f"Alla {len(coverage)} målgrupper är nådda i dialogen{goal_text}."


def _coverage_section(coverage: list[dict], forums: list[dict], not_reached: list[dict]) -> Section:
    section = Section("Vilka målgrupper nåddes?")
    held = sum(g["meetings_held"] for g in coverage)
    planned = sum(g["planned_meetings"] for g in coverage)
    reached = sum(1 for g in coverage if g["is_reached"])
    section.key_figures = [
        KeyFigure("målgrupper nådda", f"{reached} av {len(coverage)}"),
        KeyFigure("dialogmöten", number_text(held), f"{number_text(planned)} planerade"),
        KeyFigure("deltagare", number_text(sum(g["participants"] for g in coverage))),
        KeyFigure("dokumenterade synpunkter", number_text(sum(g["statements"] for g in coverage))),
    ]
    partly = [g for g in coverage if g["coverage_status"] == "delvis nådd"]
    if not coverage:
        section.paragraphs.append("Processens plan har inga målgrupper för dialogen.")
        return section
    section.paragraphs.append(
        f"Dialogen har nått {reached} av {len(coverage)} målgrupper genom {number_text(held)} möten "
        f"av {number_text(planned)} planerade."
    )
    section.paragraphs.append(
        "Ej nådda målgrupper:" if not_reached else "Ej nådda målgrupper: inga – alla målgrupper har nåtts."
    )
    for group in not_reached:
        via = ", ".join(group["forums"]) or "inget forum i planen"
        planned = group["planned_meetings"]
        section.bullets.append(
            f"{group['target_group_name']} (planerat via {via}, {planned} "
            + ("möte planerat)" if planned == 1 else "möten planerade)")
        )
    for group in partly:
        section.bullets.append(
            f"Delvis nådd: {group['target_group_name']} ({group['meetings_held']} av "
            f"{group['planned_meetings']} planerade möten hållna)"
        )
    section.tables.append(
        Table(
            sheet="Målgrupper",
            title="Målgrupper: planerade och hållna möten",
            columns=["Målgrupp", "Status", "Forum eller kontor", "Möten", "Deltagare", "Synpunkter"],
            rows=[
                (
                    g["target_group_name"],
                    g["coverage_status"],
                    ", ".join(g["forums"]),
                    f"{g['meetings_held']} av {g['planned_meetings']}",
                    g["participants"],
                    g["statements"],
                )
                for g in coverage
            ],
            note="Möten: hållna av planerade.",
            show_rows=max(15, len(coverage)),
        )
    )
    if forums:
        section.tables.append(
            Table(
                sheet="Forum och kontor",
                title="Forum och kontor: möten mot planen",
                columns=["Forum eller kontor", "Målgrupp", "Planerade möten", "Hållna möten", "Återstår", "Deltagare"],
                rows=[
                    (
                        f["forum_name"] + (" (via kontoret)" if f["via_office"] else ""),
                        f["target_group_name"],
                        f["planned_meetings"],
                        f["meetings_held"],
                        f["meetings_outstanding"],
                        f["participants"],
                    )
                    for f in forums
                ],
                show_rows=max(15, len(forums)),
            )
        )
    return section


def _reception_section(reception: list[dict]) -> Section:
    section = Section("Så togs hörnstenarna emot")
    if not reception:
        section.paragraphs.append("Det finns inga hörnstenar att pröva ännu (beredningens värdering saknas).")
        return section
    cornerstones: dict[str, dict] = {}
    groups: dict[str, dict] = {}
    for r in reception:
        c = cornerstones.setdefault(
            r["theme"], {"label": r["theme_label"], "statements": 0, **{k: 0 for k, _ in STANCES}}
        )
        g = groups.setdefault(
            r["target_group"], {"label": r["target_group_name"], "statements": 0, **{k: 0 for k, _ in STANCES}}
        )
        for total in (c, g):
            total["statements"] += r["statements"]
            for key, _ in STANCES:
                total[key] += r[key]
    statements = sum(c["statements"] for c in cornerstones.values())
    if statements == 0:
        section.paragraphs.append("Inga synpunkter på hörnstenarna är dokumenterade ännu.")
    else:
        support = sum(c["support"] for c in cornerstones.values())
        change = sum(c["change"] for c in cornerstones.values())
        section.paragraphs.append(
            f"Målgrupperna lämnade {number_text(statements)} synpunkter på hörnstenarna: {number_text(support)} "
            f"stödde en hörnsten som den är, {number_text(change)} stödde den med en ändring och "
            f"{number_text(statements - support - change)} var nya förslag inom den."
        )
        discussed = [c for c in cornerstones.values() if c["statements"]]
        best = max(discussed, key=lambda c: (c["support"] / c["statements"], c["statements"]))
        most_change = max(discussed, key=lambda c: (c["change"] / c["statements"], c["statements"]))
        section.paragraphs.append(
            f"Starkast stöd som den är fick {best['label']} ({share_text(best['support'] / best['statements'])} "
            f"av synpunkterna); flest ändringsönskemål gällde {most_change['label']} "
            f"({share_text(most_change['change'] / most_change['statements'])})."
        )
        series = {label: [c[key] for c in cornerstones.values()] for key, label in STANCES}
        section.charts.append(
            charts.stacked_positions(
                "dialogue-reception",
                "Synpunkter per hörnsten",
                [c["label"] for c in cornerstones.values()],
                series,
                colours=STANCE_COLOURS,
            )
        )
        heard = [g for g in groups.values() if g["statements"]]
        if heard:
            section.charts.append(
                charts.stacked_positions(
                    "dialogue-reception-groups",
                    "Synpunkter på hörnstenarna per målgrupp",
                    [g["label"] for g in heard],
                    {label: [g[key] for g in heard] for key, label in STANCES},
                    colours=STANCE_COLOURS,
                )
            )
        silent = [g["label"] for g in groups.values() if not g["statements"]]
        if silent:
            section.paragraphs.append("Inga synpunkter på hörnstenarna från: " + ", ".join(silent) + ".")
    discussed_pairs = [r for r in reception if r["statements"]]
    section.tables.append(
        Table(
            sheet="Mottagande per målgrupp",
            title="Mottagandet av varje hörnsten per målgrupp",
            columns=["Hörnsten", "Målgrupp", "Synpunkter", "Stöd", "Stöd med ändring", "Nytt förslag"],
            rows=[
                (
                    r["theme_label"],
                    r["target_group_name"],
                    r["statements"],
                    r["support"],
                    r["change"],
                    r["new_proposal"],
                )
                for r in discussed_pairs
            ],
            note="Målgrupper utan synpunkter på en hörnsten står under Ej hörda målgrupper i sammanställningen.",
            show_rows=len(discussed_pairs),
        )
    )
    return section


def _quoted(texts: list[str]) -> str:
    return " ".join(f"”{t}”" for t in texts)


def _compilation_section(compilation: list[dict]) -> Section:
    section = Section("Sammanställning per hörnsten")
    if not compilation:
        section.paragraphs.append("Ingen sammanställning ännu.")
        return section
    section.paragraphs.append(
        "Varje hörnsten med de målgrupper som har hörts om den och de som inte har det, hur den togs emot, "
        "vilka komponenter som togs upp mest och exempel på synpunkter. Sista raden samlar förslag utanför "
        "hörnstenarna."
    )
    for row in compilation:
        if not row["statements"]:
            section.bullets.append(f"{row['theme_label']}: inga synpunkter ännu.")
            continue
        top = ", ".join(row["top_components"][:3])
        text = (
            f"{row['theme_label']}: {number_text(row['statements'])} synpunkter från "
            f"{len(row['target_groups_heard'])} målgrupper"
        )
        if row["row_kind"] == "hörnsten":
            text += f", {share_text(row['support_share'])} stöd som den är"
        if top:
            text += f"; mest om {top}"
        section.bullets.append(text + ".")

    def name(r: dict) -> str:
        return r["theme_label"] if r["row_kind"] == "hörnsten" else f"{r['theme_label']} (nya förslag)"

    section.tables.append(
        Table(
            sheet="Sammanställning",
            title="Sammanställning av dialogerna: hörda och ej hörda målgrupper",
            columns=["Hörnsten", "Antal", "Stöd", "Ändring", "Nytt", "Hörda målgrupper", "Ej hörda målgrupper"],
            rows=[
                (
                    name(r),
                    r["statements"],
                    r["support"],
                    r["change"],
                    r["new_proposal"],
                    ", ".join(r["target_groups_heard"]),
                    ", ".join(r["target_groups_not_heard"]),
                )
                for r in compilation
            ],
            note="Antal synpunkter; varav stöd som den är, stöd med ändring och nya förslag.",
            show_rows=len(compilation),
        )
    )
    section.tables.append(
        Table(
            sheet="Sammanställning exempel",
            title="Sammanställning av dialogerna: komponenter och exempel",
            columns=["Hörnsten", "Vanligaste komponenter", "Exempel på synpunkter"],
            rows=[(name(r), ", ".join(r["top_components"]), _quoted(r["example_statements"])) for r in compilation],
            note="Exemplen är pseudonymiserade: personuppgifter är ersatta med t.ex. [namn].",
            show_rows=len(compilation),
        )
    )
    return section


def _components_section(components: list[dict]) -> Section:
    section = Section("Det dialogen tillför: komponenter som var ovanliga i enkäten")
    rare = [c for c in components if c["is_rare_in_survey"]]
    if not components:
        section.paragraphs.append("Inga synpunkter från dialogen är kodade ännu.")
        return section
    if rare:
        section.paragraphs.append(
            f"{len(rare)} av de {len(components)} komponenter som togs upp i dialogen nämndes sällan eller aldrig "
            "i enkäten. Det är sådant som dialogen med grupper som sällan svarar på enkäter tillför."
        )
        section.bullets = [
            f"{c['component_label']} ({c['theme_label']}): {number_text(c['dialogue_statements'])} "
            f"synpunkt{'er' if c['dialogue_statements'] != 1 else ''} från {', '.join(c['target_group_names'])}; "
            + (f"nämnd av {share_text(c['survey_share'])} i enkäten" if c["survey_share"] else "inte nämnd i enkäten")
            for c in rare
        ]
    else:
        section.paragraphs.append(
            f"Alla {len(components)} komponenter som togs upp i dialogen nämndes också ofta i enkäten – dialogen "
            "bekräftar det enkäten visade snarare än att lägga till nya ämnen."
        )
    section.tables.append(
        Table(
            sheet="Komponenter i dialogen",
            title="Komponenter som togs upp i dialogen",
            columns=[
                "Komponent",
                "Synpunkter",
                "Målgrupper som tog upp den",
                "Andel i enkäten",
                "Ovanlig i enkäten",
                "Exempel",
            ],
            rows=[
                (
                    c["component_label"],
                    c["dialogue_statements"],
                    ", ".join(c["target_group_names"] or []),
                    share_text(c["survey_share"]),
                    "ja" if c["is_rare_in_survey"] else "nej",
                    _quoted([c["example_statement"]]),
                )
                for c in sorted(components, key=lambda c: not c["is_rare_in_survey"])
            ],
            show_rows=max(15, len(rare)),
        )
    )
    return section


def _poll_section(polls: list[dict]) -> Section:
    section = Section("Mentometerfrågor")
    if not polls:
        section.paragraphs.append("Inga mentometerresultat är registrerade ännu.")
        return section
    questions: dict[str, list[dict]] = {}
    for p in polls:
        questions.setdefault(p["question"], []).append(p)
    for index, (question, options) in enumerate(questions.items(), start=1):
        votes = options[0]["question_votes"]
        top = max(options, key=lambda o: o["votes"])
        section.paragraphs.append(
            f"”{question}” – {number_text(votes)} röster, vanligaste svaret {top['option']} "
            f"({share_text(top['vote_share'])})."
        )
        if votes:
            section.charts.append(
                charts.horizontal_bars(
                    f"dialogue-poll-{index}",
                    question,
                    [o["option"] for o in options],
                    [float(o["vote_share"] or 0) for o in options],
                )
            )
    section.tables.append(
        Table(
            sheet="Mentometerfrågor",
            title="Mentometerfrågor: röster per svarsalternativ",
            columns=["Fråga", "Svarsalternativ", "Röster", "Andel", "Möten"],
            rows=[(p["question"], p["option"], p["votes"], share_text(p["vote_share"]), p["meetings"]) for p in polls],
            show_rows=max(15, len(polls)),
        )
    )
    return section
