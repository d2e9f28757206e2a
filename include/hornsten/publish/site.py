"""The whole site from the marts: the pages in navigation order."""

from __future__ import annotations

import datetime as dt

from hornsten.publish import cornerstone_pages, process_pages, start_page
from hornsten.publish.model import Site
from hornsten.reports import public
from hornsten.reports.marts import optional_rows
from hornsten.reports.safety import MIN_GROUP_SIZE


def covered_phases(config, day: dt.date) -> set[str]:
    """The phases that have ended by `day`: what a site published that day reports on."""
    return {p.code for p in config.phases if p.end < day}


def build(conn, config, day: dt.date, logo_file: str | None) -> Site:
    from hornsten.warehouse.schemas import scoped

    conn = scoped(conn, config.process)
    report = public.build(conn, config, day.isoformat())
    decided = optional_rows(
        conn,
        """select cornerstone_rank, theme, theme_label, citizen_share, citizen_weighted_share, respondents_mentioning,
                  salience_weight, priority_weight, committee_weight, citizen_priority, priority_share_top3,
                  priority_residents, rank_without_salience, rank_without_priority, rank_without_committee
           from marts.cornerstones
           -- decided once the committee has valued (with or without the residents' round)
           where is_cornerstone and committee_valuation is not null
           order by cornerstone_rank""",
    )
    for cornerstone in decided:
        cornerstone["slug"] = cornerstone_pages.slug(cornerstone["cornerstone_rank"], cornerstone["theme_label"])
    respondents = optional_rows(conn, "select count(*) as n from marts.respondents")
    components = optional_rows(
        conn,
        """
        select count(*) as n from marts.component_shares
        where cut = 'alla' and question_code = 'alla' and not is_suppressed and respondents_mentioning >= %s""",
        (MIN_GROUP_SIZE,),
    )
    counts = {
        "respondents": respondents[0]["n"] if respondents else 0,
        "components": components[0]["n"] if components else 0,
    }
    pages = [start_page.build(config, report, day, covered_phases(config, day), counts, decided)]
    pages += _cornerstone_pages(conn, decided)
    pages.append(process_pages.process_page(config, day, _taking_part(conn, counts["respondents"])))
    measures = optional_rows(conn, "select * from marts.goal_measures order by purpose_order, measure_order")
    summary = optional_rows(conn, "select * from marts.goal_summary")
    if config.goals.purposes:
        pages.append(process_pages.goals_page(measures, summary[0] if summary else {}))
    pages.append(process_pages.accessibility_page(config, config.site.contact))
    return Site(
        process=config.process,
        title=config.title,
        municipality=config.municipality,
        colour=config.site.colour,
        logo_file=logo_file,
        logo_alt=config.site.logo_alt or f"{config.municipality}s logotyp",
        day=day,
        pages=pages,
    )


def _cornerstone_pages(conn, decided: list[dict]) -> list:
    if not decided:
        return []
    themes = [c["theme"] for c in decided]
    components = optional_rows(
        conn,
        """
        with themed as (select distinct component, theme from marts.response_components where theme = any(%s))
        select themed.theme, s.component, s.component_label, s.share, s.weighted_share, s.respondents_mentioning
        from themed
        join marts.component_shares s
          on s.component = themed.component and s.cut = 'alla' and s.question_code = 'alla' and not s.is_suppressed
        order by s.weighted_share desc nulls last, s.component_label""",
        (themes,),
    )
    examples = optional_rows(
        conn,
        "select theme, component_label, example_answer from marts.cornerstone_trace "
        "order by cornerstone_rank, component_weighted_share desc nulls last, component_label, example_number",
    )
    compilation = {
        r["theme"]: r
        for r in optional_rows(
            conn,
            "select theme, statements, support, change, new_proposal, target_groups_heard "
            "from marts.dialogue_compilation where row_kind = 'hörnsten'",
        )
    }
    positions = optional_rows(
        conn,
        """
        with latest as (select round from marts.remiss_status order by sent_on desc, round desc limit 1)
        select item, position, count(*) as answers from marts.remiss_position_matrix, latest
        where item_kind = 'cornerstone' and position is not null and remiss_position_matrix.round = latest.round
        group by item, position""",
    )
    pages = []
    for cornerstone in decided:
        theme = cornerstone["theme"]
        pages.append(
            cornerstone_pages.build(
                cornerstone,
                len(decided),
                [c for c in components if c["theme"] == theme],
                [e for e in examples if e["theme"] == theme],
                compilation.get(theme),
                {p["position"]: p["answers"] for p in positions if p["item"] == theme},
            )
        )
    return pages


def _taking_part(conn, respondents: int) -> dict[str, str]:
    coverage = optional_rows(conn, "select meetings_held, participants from marts.dialogue_coverage")
    remiss = optional_rows(
        conn,
        """
        with latest as (select round from marts.remiss_status order by sent_on desc, round desc limit 1)
        select status from marts.remiss_status, latest where remiss_status.round = latest.round""",
    )
    return process_pages.taking_part(
        respondents,
        sum(g["participants"] or 0 for g in coverage),
        sum(g["meetings_held"] or 0 for g in coverage),
        sum(1 for r in remiss if r["status"] != "missing"),
        len(remiss),
    )
