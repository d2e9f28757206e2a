""" "Förslag till hörnstenar" — for the steering committee.

The themes ranked by the weighted mean of the citizens' salience, their priority (the
prioritisation round) and the committee's valuation (marts.cornerstones), with how far
the residents' ranking moved each theme; the top ones as the proposed cornerstones; how much
the committee agrees (Kendall's W, marts.committee_agreement, and the party spread
per theme from marts.theme_valuation); and every cornerstone followed down to its
components and example answers (marts.cornerstone_trace, pseudonymised).
"""

from __future__ import annotations

from hornsten.reports import charts, detections
from hornsten.reports.committee import Committee, agreement_section, agreement_word
from hornsten.reports.marts import one, rows
from hornsten.reports.model import KeyFigure, Report, Section, Table
from hornsten.reports.safety import number_text, share_text
from hornsten.reports.wording import (
    as_float,
    decimal_text,
    join_sv,
    number_word,
    question_label,
    quoted,
    report_period,
    subtitle,
)

NEEDS = "the hornsten_components DAG (cornerstone marts; the committee's valuation sheets for its part)"
CLOSE_CALL = 0.03  # a score gap below this between the last cornerstone and the next theme is worth a discussion
DIVERGENCE = 4  # themes the citizens and the committee rank this many places apart are pointed out
EXAMPLES_PER_COMPONENT = 2  # shown in the text; the table has all


def _points(score) -> str:
    """A 0–1 score as points out of 100 with one decimal, Swedish style."""
    number = as_float(score)
    return "–" if number is None else f"{number * 100:.1f}".replace(".", ",")


def build(conn, config, period: str | None = None) -> Report:
    period = report_period(config, period)
    themes = rows(
        conn,
        """
        select cornerstone_rank, theme, theme_label, score, citizen_salience, citizen_priority, committee_valuation,
               citizen_weight, salience_weight, priority_weight, committee_weight, rank_without_priority,
               moved_by_priority, moved_by_salience, moved_by_committee, priority_residents, priority_share_top3,
               citizen_weighted_share, citizen_share, respondents_mentioning, base_respondents, committee_members,
               mean_points, mean_borda, party_spread, basis, is_cornerstone
        from marts.cornerstones
        order by cornerstone_rank, theme_label""",
        needs=NEEDS,
    )
    agreement = one(
        conn,
        """
        select members, parties, themes, kendall_w_members, kendall_w_parties
        from marts.committee_agreement""",
        needs=NEEDS,
    )
    valuation = rows(
        conn,
        """
        select theme, theme_label, members, mean_points, mean_borda, mean_rank, borda_scaled, points_scaled,
               party_spread, parties, committee_rank
        from marts.theme_valuation
        order by committee_rank, theme_label""",
        needs=NEEDS,
    )
    trace = rows(
        conn,
        """
        select cornerstone_rank, theme, theme_label, score, component, component_label, component_weighted_share,
               component_respondents, example_number, question_code, example_answer
        from marts.cornerstone_trace
        order by cornerstone_rank, component_weighted_share desc nulls last, component_label, example_number""",
        needs=NEEDS,
    )

    valued = any(t["committee_valuation"] is not None for t in themes)
    committee_rank = {v["theme"]: v["committee_rank"] for v in valuation}
    cornerstones = [t for t in themes if t["is_cornerstone"]]
    committee = Committee(config.steering_committee)

    campaigns = detections.campaign_section(config, detections.campaigns(conn), adjusted_shown=False)
    sections = [
        _proposal(config, themes, cornerstones, valued, committee_rank, committee),
        *([campaigns] if campaigns else []),
        agreement_section(agreement, valuation, valued, committee),
    ]
    sections += [
        _cornerstone_section(
            config, c, [r for r in trace if r["theme"] == c["theme"]], committee_rank, len(themes), valued, committee
        )
        for c in cornerstones
    ]
    sections.append(_trace_appendix(config, trace))
    return Report(
        name="cornerstones",
        title="Förslag till hörnstenar",
        subtitle=subtitle(config),
        process=config.process,
        municipality=config.municipality,
        period=period,
        sections=sections,
        summary=_summary(themes, cornerstones, agreement, valued, committee),
    )


def _close_call(themes: list[dict], cornerstones: list[dict]) -> tuple[dict, dict] | None:
    """The last cornerstone and the first theme after it, when their scores are nearly equal."""
    if not cornerstones or len(themes) <= len(cornerstones):
        return None
    last, following = cornerstones[-1], themes[len(cornerstones)]
    if following["is_cornerstone"]:
        return None
    gap = (as_float(last["score"]) or 0) - (as_float(following["score"]) or 0)
    return (last, following) if gap < CLOSE_CALL else None


def _summary(themes, cornerstones, agreement, valued: bool, committee: Committee) -> str:
    if not cornerstones:
        return "Det finns inga teman att föreslå som hörnstenar ännu – enkätens svar behöver kopplas till teman först."
    names = join_sv([quoted(c["theme_label"]) for c in cornerstones])
    count = number_word(len(cornerstones))
    if not valued:
        return (
            f"Förslag till {count} hörnstenar utifrån invånarnas svar: {names} – {committee.gen} "
            "värdering saknas ännu och kan ändra ordningen."
        )
    w = as_float(agreement.get("kendall_w_members"))
    notes = []
    close = _close_call(themes, cornerstones)
    if close:
        notes.append(f"{quoted(close[0]['theme_label'])} och {quoted(close[1]['theme_label'])} ligger nästan lika")
    if w is not None:
        notes.append(f"{committee.gen} samstämmighet är {agreement_word(w)} (Kendalls W {decimal_text(w)})")
    text = f"Förslag till {count} hörnstenar: {names}"
    if notes:
        text += "; " + join_sv(notes)
        if close or (w is not None and w < 0.5):
            text += ", så förslaget behöver diskuteras"
    return text + "."


def effective_weights(themes: list[dict], rule) -> dict[str, float]:
    """What each input weighs in the scores (the mart's weights over the inputs there are, adding up to 1)."""
    configured = rule.input_weights
    present = {"salience": True}
    present["priority"] = any(t.get("citizen_priority") is not None for t in themes)
    present["committee"] = any(t.get("committee_valuation") is not None for t in themes)
    weights = {}
    for name in ("salience", "priority", "committee"):
        value = themes[0].get(f"{name}_weight") if themes else None
        weight = as_float(value) if value is not None else getattr(configured, name)
        if present[name] and weight:
            weights[name] = weight
    total = sum(weights.values()) or 1
    return {name: w / total for name, w in weights.items()}


def _moved(places) -> str:
    if places is None:
        return "–"
    return "0" if places == 0 else f"{places:+d}".replace("-", "−")


def _proposal(config, themes, cornerstones, valued: bool, committee_rank: dict, committee: Committee) -> Section:
    section = Section("Förslaget")
    rule = config.cornerstones
    measure = (
        "Borda-poängen av ledamöternas rangordning" if rule.committee_measure == "borda" else "ledamöternas medelpoäng"
    )
    weights = effective_weights(themes, rule)
    ranked = "priority" in weights
    if len(weights) > 1:
        parts = ["hur stor andel av de svarande som tar upp temat (viktat, det största temat = 100)"]
        if ranked:
            parts.append(
                "hur högt invånarna satte det när de fick rangordna i prioriteringen "
                "(Borda-poäng, viktat, det högst rankade temat = 100)"
            )
        if "committee" in weights:
            parts.append(f"{committee.gen} värdering ({measure}, det högst värderade temat = 100)")
        shares = [f"invånarnas svar {weights['salience'] * 100:.0f} %"]
        if ranked:
            shares.append(f"deras prioritering {weights['priority'] * 100:.0f} %")
        if "committee" in weights:
            shares.append(f"{committee.gen} värdering {weights['committee'] * 100:.0f} %")
        section.paragraphs.append(
            f"Varje tema får en poäng som väger ihop {number_word(len(parts))} saker: {join_sv(parts)}. "
            f"Av poängen väger {join_sv(shares)}. "
            f"De {number_word(len(cornerstones))} teman med högst poäng föreslås som hörnstenar."
        )
    if not valued:
        section.paragraphs.append(
            f"{committee.name} har inte värderat temana ännu. Ordningen bygger därför bara på invånarnas svar"
            + (" och prioritering" if ranked else " (hur stor andel av de svarande som tar upp varje tema, viktat)")
            + f". De {number_word(len(cornerstones))} främsta föreslås som hörnstenar tills värderingen är klar."
        )
    if ranked:
        moved = [t for t in themes if (t["moved_by_priority"] or 0) != 0 and t["rank_without_priority"] is not None]
        moved = sorted(moved, key=lambda t: -abs(t["moved_by_priority"]))[:4]
        if moved:
            section.paragraphs.append(
                "Invånarnas prioritering flyttade "
                + join_sv(
                    [
                        f"{quoted(t['theme_label'])} från plats {t['rank_without_priority']} till "
                        f"{t['cornerstone_rank']}"
                        for t in moved
                    ]
                )
                + f" ({number_text(themes[0]['priority_residents'] or 0)} invånare rangordnade)."
            )
    for c in cornerstones:
        parts = [
            f"{c['cornerstone_rank']}. {c['theme_label']}: {_points(c['score'])} poäng",
            f"{share_text(as_float(c['citizen_weighted_share']))} av de svarande tar upp temat",
        ]
        if valued and c["theme"] in committee_rank:
            parts.append(f"{committee.who} rankar det som nummer {committee_rank[c['theme']]} av {len(themes)}")
        section.bullets.append(", ".join(parts) + ".")
    close = _close_call(themes, cornerstones)
    if close:
        section.paragraphs.append(
            f"{quoted(close[0]['theme_label'])} ({_points(close[0]['score'])} poäng) och "
            f"{quoted(close[1]['theme_label'])} "
            f"({_points(close[1]['score'])} poäng) ligger nästan lika: det är ett val mellan dem vilket som blir "
            f"hörnsten nummer {len(cornerstones)}."
        )
    if themes:
        section.charts.append(
            charts.horizontal_bars(
                "hornstenar_poang",
                "Teman efter poäng (0–100); hörnstenarna markerade",
                [t["theme_label"] for t in themes],
                [(as_float(t["score"]) or 0) * 100 for t in themes],
                as_share=False,
                highlight=[bool(t["is_cornerstone"]) for t in themes],
            )
        )
    if valued and themes:
        section.charts.append(
            charts.compared_bars(
                "invanare_beredning",
                f"Invånarnas och {committee.gen} prioritering (högsta tema = 100 %)",
                [t["theme_label"] for t in themes],
                [as_float(t["citizen_salience"]) or 0 for t in themes],
                [as_float(t["committee_valuation"]) or 0 for t in themes],
                "Invånarna",
                committee.Who,
            )
        )
        citizen_rank = {
            t["theme"]: n
            for n, t in enumerate(sorted(themes, key=lambda t: -(as_float(t["citizen_salience"]) or 0)), start=1)
        }
        divergent = sorted(
            (
                t
                for t in themes
                if t["theme"] in committee_rank
                and abs(citizen_rank[t["theme"]] - committee_rank[t["theme"]]) >= DIVERGENCE
            ),
            key=lambda t: -abs(citizen_rank[t["theme"]] - committee_rank[t["theme"]]),
        )[:4]
        if divergent:
            section.paragraphs.append(
                f"Invånarna och {committee.who} skiljer sig mest åt om "
                + join_sv(
                    [
                        f"{quoted(t['theme_label'])} (invånarna nr {citizen_rank[t['theme']]}, {committee.who} nr "
                        f"{committee_rank[t['theme']]})"
                        for t in divergent
                    ]
                )
                + ". Där kan dialogen med målgrupperna ge vägledning."
            )
    table_rows = [
        (
            t["cornerstone_rank"],
            t["theme_label"],
            "Ja" if t["is_cornerstone"] else "Nej",
            _points(t["score"]),
            _points(t["citizen_salience"]),
            _points(t["citizen_priority"]),
            _points(t["committee_valuation"]),
            share_text(as_float(t["citizen_weighted_share"])),
            committee_rank.get(t["theme"]),
            _moved(t["moved_by_priority"]),
        )
        for t in themes
    ]
    section.tables.append(
        Table(
            "Teman i rangordning",
            "Alla teman i rangordning",
            [
                "Rang",
                "Tema",
                "Hörnsten",
                "Poäng",
                "Invånarna (0–100)",
                "Prioriteringen (0–100)",
                f"{committee.Who} (0–100)",
                "Andel svarande, viktad",
                f"{committee.Gen} rang",
                "Flyttad av prioriteringen",
            ],
            table_rows,
            show_rows=20,
            note=f"Invånarna: temats viktade andel av de svarande, det största temat = 100. Prioriteringen: "
            "invånarnas rangordning (Borda-poäng, viktat), det högst rankade temat = 100; – utan prioritering. "
            f"{committee.Who}: värderingen, det högst värderade temat = 100. Flyttad: hur många platser "
            "prioriteringen lyfte (+) eller sänkte (−) temat.",
        )
    )
    return section


def _cornerstone_section(
    config,
    cornerstone: dict,
    trace: list[dict],
    committee_rank: dict,
    n_themes: int,
    valued: bool,
    committee: Committee,
) -> Section:
    section = Section(f"Hörnsten {cornerstone['cornerstone_rank']}: {cornerstone['theme_label']}")
    section.key_figures.append(KeyFigure("poäng", _points(cornerstone["score"]), "av 100"))
    section.key_figures.append(
        KeyFigure(
            "av de svarande tar upp temat",
            share_text(as_float(cornerstone["citizen_weighted_share"])),
            f"viktat; {number_text(cornerstone['respondents_mentioning'])} svarande",
        )
    )
    if valued and cornerstone["theme"] in committee_rank:
        section.key_figures.append(
            KeyFigure(f"i {committee.gen} rangordning", f"{committee_rank[cornerstone['theme']]} av {n_themes}")
        )
    components: dict[str, list[dict]] = {}
    for row in trace:
        components.setdefault(row["component"], []).append(row)
    if not components:
        section.paragraphs.append("Inga exempelsvar finns för temats komponenter.")
        return section
    section.paragraphs.append(
        "Temat består av de här komponenterna (andel av de svarande som tar upp dem, viktat), med exempel på "
        "vad invånarna skrivit:"
    )
    for examples in components.values():
        first = examples[0]
        quotes = "; ".join(quoted(" ".join(e["example_answer"].split())) for e in examples[:EXAMPLES_PER_COMPONENT])
        section.bullets.append(
            f"{first['component_label']} ({share_text(as_float(first['component_weighted_share']))}): {quotes}"
        )
    return section


def _trace_appendix(config, trace: list[dict]) -> Section:
    section = Section("Bilaga: från hörnsten till svar")
    section.paragraphs.append(
        "Varje hörnsten med dess komponenter och upp till tre exempelsvar per komponent. Svaren är "
        "pseudonymiserade: namn, adresser och andra personuppgifter är borttagna."
    )
    questions = {q.code: n for n, q in enumerate(config.survey.text_questions, start=1)}
    section.tables.append(
        Table(
            "Spårbarhet",
            "Hörnstenar, komponenter och exempelsvar",
            ["Hörnsten", "Komponent", "Fråga", "Svar"],
            [
                (
                    f"{r['cornerstone_rank']}. {r['theme_label']}",
                    r["component_label"],
                    f"Fråga {questions[r['question_code']]}"
                    if r["question_code"] in questions
                    else question_label(config, r["question_code"]),
                    r["example_answer"],
                )
                for r in trace
            ],
            show_rows=6,
            note="; ".join(f"Fråga {n}: {question_label(config, code)}" for code, n in questions.items()) + ".",
        )
    )
    return section
