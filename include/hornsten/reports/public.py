"""Det här har vi hört — the feedback page to everyone who took part (återkoppling).

Plain language and charts, for the public: how many took part in each phase, what
people raised most, the cornerstones and how the dialogue received them, and what
happens next. Only counts, shares, themes, components and cornerstones leave the
warehouse here — no statement or comment texts, no body-level remiss detail, no
contact addresses — and cuts under five respondents are left out.

A phase without data yet (a process still in its survey) is shown as under way or
coming, from the process configuration's phases.
"""

from __future__ import annotations

import datetime as dt

from hornsten.reports import charts, detections
from hornsten.reports.marts import one, optional_rows
from hornsten.reports.model import KeyFigure, Report, Section, Table
from hornsten.reports.safety import MIN_GROUP_SIZE, number_text, share_text
from hornsten.reports.wording import join_sv, period_date, phase_state, report_period, swedish_date

TOP_COMPONENTS = 10
STANCES = (("support", "Håller med"), ("change", "Håller med men vill ändra något"), ("new_proposal", "Nytt förslag"))
STANCE_COLOURS = (charts.GREEN, charts.LIGHT_GREEN, charts.BLUE)
KINDS = {
    "parti": "partier",
    "nämnd": "nämnder",
    "styrelse": "styrelser",
    "kontor": "kontor",
    "bolag": "bolag",
    "övrig": "andra",
}


def _day(value: dt.date, year: bool = True) -> str:
    return swedish_date(value, year)


def _span(start: dt.date, end: dt.date) -> str:
    if start == end:
        return _day(start)
    return f"{_day(start, year=start.year != end.year)} – {_day(end)}"


def _reference_day(config, period: str) -> dt.date:
    """The day the page speaks for: the period when it is a date, else today in the process's time zone."""
    return period_date(config, period)


def build(conn, config, period: str | None = None) -> Report:
    period = report_period(config, period)
    day = _reference_day(config, period)
    phases = {p.code: p for p in config.phases}
    respondents = one(
        conn, "select count(*) as respondents from marts.respondents", needs="the hornsten_components DAG"
    )["respondents"]
    components = optional_rows(
        conn,
        f"""
        select component_label, share, respondents_mentioning from marts.component_shares
        where cut = 'alla' and question_code = 'alla' and not is_suppressed and share is not null
          and base_respondents >= {MIN_GROUP_SIZE} and respondents_mentioning >= {MIN_GROUP_SIZE}
        order by share desc, component_label limit {TOP_COMPONENTS}""",
    )
    themes = optional_rows(
        conn,
        f"""
        select theme_label, share from marts.theme_shares
        where cut = 'alla' and question_code = 'alla' and not is_suppressed and share is not null
          and base_respondents >= {MIN_GROUP_SIZE} and respondents_mentioning >= {MIN_GROUP_SIZE}
        order by share desc, theme_label""",
    )
    cornerstones = optional_rows(
        conn,
        "select cornerstone_rank, theme, theme_label, basis from marts.cornerstones "
        "where is_cornerstone order by cornerstone_rank",
    )
    coverage = optional_rows(
        conn,
        "select target_group_name, meetings_held, participants, statements "
        "from marts.dialogue_coverage order by target_group_order",
    )
    reception = optional_rows(
        conn,
        "select row_kind, theme_label, statements, support, change, new_proposal, "
        "top_components from marts.dialogue_compilation order by compilation_order",
    )
    dialogue_topics = optional_rows(
        conn,
        "select component_label from marts.dialogue_components "
        "order by dialogue_statements desc, dialogue_target_groups desc, component_label "
        "limit 5",
    )
    remiss = optional_rows(
        conn,
        "select round, sent_on, status, body_kind, body_order from marts.remiss_status "
        "order by sent_on, round, body_order",
    )
    latest_round = remiss[-1]["round"] if remiss else None
    remiss = [r for r in remiss if r["round"] == latest_round]
    positions = optional_rows(
        conn,
        "select round, position, count(*) as answers from marts.remiss_position_matrix "
        "where item_kind = 'cornerstone' and position is not null group by round, position",
    )
    positions = [p for p in positions if p["round"] == latest_round]

    campaigns = detections.campaign_section(config, optional_rows(conn, detections.CAMPAIGNS_SQL), adjusted_shown=False)
    participants = sum(g["participants"] for g in coverage)
    meetings = sum(g["meetings_held"] for g in coverage)
    answered = sum(1 for r in remiss if r["status"] != "missing")
    sections = [
        _intro_section(config, phases, day, respondents, coverage, participants, meetings, remiss, answered),
        _topics_section(components, themes, respondents, dialogue_topics),
        campaigns,
        *_cornerstone_sections(cornerstones, reception, positions, phases, day),
        _next_section(config, day),
    ]
    return Report(
        name="public",
        title="Det här har vi hört",
        subtitle=config.title,
        process=config.process,
        municipality=config.municipality,
        period=period,
        sections=[s for s in sections if s is not None],
        public=True,
        summary=_summary(config, day, respondents, participants, answered),
    )


def _summary(config, day: dt.date, respondents: int, participants: int, answered: int) -> str:
    parts = [
        text
        for count, text in (
            (respondents, f"{number_text(respondents)} svar på enkäten"),
            (participants, f"{number_text(participants)} deltagare i dialogmötena"),
            (answered, f"{number_text(answered)} remissvar"),
        )
        if count
    ]
    heard = f"Tack för {_listing(parts)}" if parts else f"Arbetet med {config.title} har börjat"
    upcoming = [p for p in config.phases if p.end >= day]
    if not upcoming:
        return f"{heard} – arbetet med {config.title} är klart."
    now = upcoming[0]
    if now.start <= day:
        return f"{heard} – just nu pågår {_lower(now.name)} till {_day(now.end)}."
    when = f"den {_day(now.start)}" if now.start == now.end else f"från {_day(now.start)}"
    return f"{heard} – nästa steg är {_lower(now.name)} {when}."


def _intro_section(
    config,
    phases: dict,
    day: dt.date,
    respondents: int,
    coverage: list[dict],
    participants: int,
    meetings: int,
    remiss: list[dict],
    answered: int,
) -> Section:
    section = Section("Så många har varit med")
    survey = phases["survey"]
    section.paragraphs.append(
        f"Tack till alla som har delat med sig av sina tankar! Här berättar vi vad vi har hört i arbetet med "
        f"{config.title} och vad som händer nu."
    )
    survey_state = phase_state(survey, day)
    if survey_state == "kommer" and not respondents:
        section.paragraphs.append(f"Enkäten öppnar {_day(survey.start)} och är öppen till {_day(survey.end)}.")
    else:
        section.key_figures.append(
            KeyFigure(
                "svar på enkäten",
                number_text(respondents),
                _span(survey.start, survey.end) + (" (pågår)" if survey_state == "pågår" else ""),
            )
        )
        if survey_state == "pågår":
            section.paragraphs.append(
                f"Enkäten är öppen till {_day(survey.end)}, och {number_text(respondents)} personer har svarat "
                "hittills. Har du inte svarat än? Gör det gärna!"
            )
        else:
            section.paragraphs.append(
                f"Enkäten var öppen {_span(survey.start, survey.end)}, och {number_text(respondents)} personer svarade."
            )
    dialogue = phases.get("dialogue")
    if meetings:
        reached = [g["target_group_name"] for g in coverage if g["meetings_held"]]
        section.key_figures.append(
            KeyFigure("deltagare i dialogmöten", number_text(participants), f"{number_text(meetings)} möten")
        )
        section.paragraphs.append(
            f"På {number_text(meetings)} dialogmöten träffade vi {number_text(participants)} personer från "
            f"{len(reached)} målgrupper: {_listing(reached)}."
        )
    elif dialogue is not None:
        section.paragraphs.append(_not_yet(dialogue, day))
    remiss_phase = phases.get("remiss")
    if answered:
        kinds = _listing(list(dict.fromkeys(KINDS.get(r["body_kind"], "andra") for r in remiss)))
        section.key_figures.append(KeyFigure("remissvar", f"{answered} av {len(remiss)}", kinds))
        section.paragraphs.append(
            f"Förslaget skickades på remiss till {len(remiss)} {kinds}, och {answered} av dem har svarat."
        )
    elif remiss_phase is not None:
        section.paragraphs.append(_not_yet(remiss_phase, day))
    return section


def _not_yet(phase, day: dt.date) -> str:
    state = phase_state(phase, day)
    if state == "kommer":
        return f"{phase.name}: börjar {_day(phase.start)}."
    if state == "pågår":
        return f"{phase.name}: pågår till {_day(phase.end)} – resultatet kommer senare."
    return f"{phase.name}: klar {_day(phase.end)} – resultatet sammanställs."


def _lower(text: str) -> str:
    """'Tåg och pendling' -> 'tåg och pendling' inside a sentence; names like 'LiU' or 'Ostlänken…' keep theirs."""
    if len(text) > 1 and text[1].islower() and " " in text:
        return text[0].lower() + text[1:]
    return text


def _topics_section(
    components: list[dict], themes: list[dict], respondents: int, dialogue_topics: list[dict]
) -> Section | None:
    if not components and not themes:
        return None
    section = Section("Det här tog flest upp")
    if components:
        first = components[0]
        rest = _listing([_lower(c["component_label"]) for c in components[1:3]]) if len(components) > 1 else ""
        section.paragraphs.append(
            f"I enkäten tog flest upp {_lower(first['component_label'])}: {share_text(first['share'])} av dem "
            f"som svarade skrev om det." + (f" Därefter kom {rest}." if rest else "")
        )
        section.charts.append(
            charts.horizontal_bars(
                "public-components",
                "Det här skrev flest om i enkäten (andel av de svarande)",
                [c["component_label"] for c in components],
                [float(c["share"]) for c in components],
            )
        )
    if themes:
        section.charts.append(
            charts.horizontal_bars(
                "public-themes",
                "Ämnesområden i enkäten (andel av de svarande)",
                [t["theme_label"] for t in themes],
                [float(t["share"]) for t in themes],
            )
        )
        section.tables.append(
            Table(
                sheet="Ämnesområden",
                title="Ämnesområden i enkäten",
                columns=["Ämnesområde", "Andel av de svarande"],
                rows=[(t["theme_label"], share_text(t["share"])) for t in themes],
                show_rows=len(themes),
            )
        )
    if components:
        section.tables.append(
            Table(
                sheet="Vanligaste ämnen",
                title=f"De {len(components)} vanligaste ämnena i enkäten",
                columns=["Ämne", "Andel av de svarande"],
                rows=[(c["component_label"], share_text(c["share"])) for c in components],
                show_rows=len(components),
            )
        )
    if dialogue_topics:
        section.paragraphs.append(
            "På dialogmötena pratade man oftast om "
            + _listing([_lower(t["component_label"]) for t in dialogue_topics])
            + "."
        )
    section.paragraphs.append("Ett svar kan handla om flera saker, så andelarna blir tillsammans mer än 100 %.")
    return section


def _listing(items: list[str]) -> str:
    return join_sv(items)


def _cornerstone_sections(
    cornerstones: list[dict], reception: list[dict], positions: list[dict], phases: dict, day: dt.date
) -> list[Section]:
    phase = phases.get("cornerstones")
    # Decided once the committee has valued (with or without the residents' round).
    decided = cornerstones and all(
        c["basis"].endswith("the committee") or c["basis"] == "citizens and committee" for c in cornerstones
    )
    if not decided:
        if phase is None or phase_state(phase, day) == "kommer":
            return []
        return [Section("Visionens hörnstenar", paragraphs=[_not_yet(phase, day)])]
    section = Section("Visionens hörnstenar")
    ranked = any(c["basis"].startswith("citizens, their priorities") for c in cornerstones)
    what = "det ni har skrivit, hur ni rangordnade" if ranked else "det ni har skrivit"
    section.paragraphs.append(
        f"Utifrån {what} och den politiska beredningens värdering har {len(cornerstones)} hörnstenar "
        "tagits fram – de bärande delarna i visionen:"
    )
    section.bullets = [c["theme_label"] for c in cornerstones]
    received = Section("Vad tyckte ni om hörnstenarna?")
    rows_ = [r for r in reception if r["row_kind"] == "hörnsten" and r["statements"]]
    total = sum(r["statements"] for r in rows_)
    if total:
        support = sum(r["support"] for r in rows_)
        change = sum(r["change"] for r in rows_)
        received.paragraphs.append(
            f"På dialogmötena fick deltagarna säga vad de tyckte om hörnstenarna. Av {number_text(total)} "
            f"synpunkter höll {number_text(support)} med om hörnstenen som den var och {number_text(change)} "
            "höll med men ville ändra något."
        )
        received.charts.append(
            charts.stacked_positions(
                "public-reception",
                "Så tyckte deltagarna på dialogmötena om hörnstenarna",
                [r["theme_label"] for r in rows_],
                {label: [r[key] for r in rows_] for key, label in STANCES},
                colours=STANCE_COLOURS,
            )
        )
    elif "dialogue" in phases:
        received.paragraphs.append(_not_yet(phases["dialogue"], day))
    proposals = next((r for r in reception if r["row_kind"] != "hörnsten" and r["statements"]), None)
    if proposals:
        topics = [_lower(t) for t in proposals["top_components"][:3]]
        received.paragraphs.append(
            f"{number_text(proposals['statements'])} nya förslag handlade om annat än hörnstenarna"
            + (f", till exempel {_listing(topics)}." if topics else ".")
            + " De tas med i det fortsatta arbetet."
        )
    answers = {p["position"]: p["answers"] for p in positions}
    answered = sum(answers.values())
    if answered:
        agree = answers.get("instammer", 0) + answers.get("instammer_med_andringar", 0)
        received.paragraphs.append(
            f"I remissen höll de som svarade med om hörnstenarna i {share_text(agree / answered)} av sina svar, "
            "helt eller med ändringar."
        )
    return [section] + ([received] if received.paragraphs else [])


def _next_section(config, day: dt.date) -> Section:
    section = Section("Vad händer nu?")
    upcoming = [p for p in config.phases if p.end >= day]
    if upcoming:
        now = upcoming[0]
        if now.start <= day:
            text = f"Just nu pågår {_lower(now.name)} ({_span(now.start, now.end)})."
        else:
            text = (
                f"Nästa steg är {_lower(now.name)} den {_day(now.start)}."
                if now.start == now.end
                else f"Nästa steg är {_lower(now.name)}, som börjar {_day(now.start)}."
            )
        if now.description:
            text += " " + now.description
        section.paragraphs.append(text)
    else:
        section.paragraphs.append("Alla delar av arbetet är klara. Tack för att du var med!")
    for phase in config.phases:
        state = phase_state(phase, day)
        line = f"{phase.name}, {_span(phase.start, phase.end)}: {state}"
        milestones = [f"{m.name} {_day(m.date)}" for m in phase.milestones]
        section.bullets.append(line + (f" ({'; '.join(milestones)})" if milestones else ""))
    section.tables.append(
        Table(
            sheet="Tidplan",
            title="Tidplan",
            columns=["Del av arbetet", "Från", "Till", "Läge"],
            rows=[(p.name, p.start, p.end, phase_state(p, day)) for p in config.phases],
            show_rows=len(config.phases),
        )
    )
    return section
