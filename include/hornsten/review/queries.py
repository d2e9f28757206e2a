"""What the review page reads: the survey bridge with its evidence, the answers, the
respondents' district and age group, the discovery terms, the decisions and proposals.

Every function takes a connection scoped to the process (hornsten.warehouse.schemas),
so ``intermediate.`` and ``marts.`` name the process's own schemas; the review page
connects as hornsten_reviewer, which reads exactly these relations."""

from __future__ import annotations

from dataclasses import dataclass, field

PAGE_SIZE = 25


@dataclass(frozen=True)
class Filters:
    """The component and untagged pages' filters (GET parameters); None: any."""

    question: str | None = None
    theme: str | None = None
    district: str | None = None
    age_group: str | None = None

    def params(self) -> dict[str, str | None]:
        return {"question": self.question, "theme": self.theme, "district": self.district, "age_group": self.age_group}


@dataclass
class Page:
    rows: list[dict]
    total: int
    page: int
    page_size: int = PAGE_SIZE
    extra: dict = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


# The answers' filters, shared by the component and untagged pages (a.: int_answers_tagged,
# r.: marts.respondents). A theme filter keeps answers that also touch that theme.
_FILTERS = """
    (%(question)s::text is null or a.question_code = %(question)s)
    and (%(theme)s::text is null or %(theme)s = any(a.themes))
    and (%(district)s::text is null or r.district = %(district)s)
    and (%(age_group)s::text is null or r.age_group = %(age_group)s)
"""


def _dicts(cursor) -> list[dict]:
    names = [c.name for c in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def components_overview(conn) -> list[dict]:
    """Every component with its theme, how many answers carry it (by the machine or a
    reviewer) and on how many of them a reviewer has decided."""
    return _dicts(
        conn.execute(
            """
            with tagged as (
                select component, count(*) as tagged, count(*) filter (where tag_source = 'reviewer') as added
                from intermediate.int_answer_components
                group by component
            ),
            reviewed as (
                select d.component, count(distinct d.answer_id) as reviewed
                from review.tag_decisions d
                join intermediate.int_answers_tagged a using (answer_id)
                group by d.component
            )
            select c.theme, t.theme_label, c.component, c.component_label,
                   coalesce(tagged.tagged, 0) as tagged, coalesce(tagged.added, 0) as added,
                   coalesce(reviewed.reviewed, 0) as reviewed
            from staging.stg_codebook__components c
            join staging.stg_codebook__themes t using (theme)
            left join tagged using (component)
            left join reviewed using (component)
            order by t.theme_label, c.component_label
            """
        )
    )


def component(conn, code: str) -> dict | None:
    rows = _dicts(
        conn.execute(
            """select c.component, c.component_label, c.definition, c.theme, t.theme_label
               from staging.stg_codebook__components c join staging.stg_codebook__themes t using (theme)
               where c.component = %s""",
            (code,),
        )
    )
    return rows[0] if rows else None


def component_choices(conn) -> list[dict]:
    return _dicts(
        conn.execute("select component, component_label from staging.stg_codebook__components order by component_label")
    )


def themes(conn) -> list[dict]:
    return _dicts(conn.execute("select theme, theme_label from staging.stg_codebook__themes order by theme_label"))


def component_answers(conn, code: str, filters: Filters, page: int = 1) -> Page:
    """The answers tagged with ``code``, newest decision information beside each: who
    decided in the tags as built (tag_source, decided_by) and a later decision that
    waits for the next build (pending_decision)."""
    params = {**filters.params(), "component": code, "limit": PAGE_SIZE, "offset": (page - 1) * PAGE_SIZE}
    rows = _dicts(
        conn.execute(
            f"""
            select a.answer_id, a.question_code, a.answer_text, a.components, r.district, r.age_group,
                   b.matched_terms, b.matched_words, b.tag_source, b.review_decision, b.decided_by, b.decided_at,
                   latest.decision as pending_decision, latest.reviewer as pending_by, latest.decided_at as pending_at,
                   count(*) over () as total
            from intermediate.int_answer_components b
            join intermediate.int_answers_tagged a using (answer_id)
            left join marts.respondents r on r.response_key = a.response_key
            left join intermediate.int_tag_decisions applied
                on applied.answer_id = b.answer_id and applied.component = b.component
            left join lateral (
                select d.decision_id, d.decision, d.reviewer, d.decided_at
                from review.tag_decisions d
                where d.answer_id = b.answer_id and d.component = b.component
                order by d.decided_at desc, d.decision_id desc
                limit 1
            ) latest on latest.decision_id is distinct from applied.decision_id
            where b.component = %(component)s and {_FILTERS}
            order by (b.tag_source = 'reviewer') desc, b.evidence_count, a.answer_id
            limit %(limit)s offset %(offset)s
            """,
            params,
        )
    )
    total = rows[0]["total"] if rows else _count_component(conn, code, filters)
    return Page(rows, total, page)


def _count_component(conn, code: str, filters: Filters) -> int:
    return conn.execute(
        f"""select count(*) from intermediate.int_answer_components b
            join intermediate.int_answers_tagged a using (answer_id)
            left join marts.respondents r on r.response_key = a.response_key
            where b.component = %(component)s and {_FILTERS}""",
        {**filters.params(), "component": code},
    ).fetchone()[0]


def pending_decisions(conn, code: str | None = None) -> list[dict]:
    """Decisions made since the last build (not yet in the tags), latest per answer and component."""
    return _dicts(
        conn.execute(
            """
            select d.decision_id, d.answer_id, d.component, d.decision, d.reviewer, d.decided_at, a.answer_text
            from (
                select distinct on (answer_id, component) *
                from review.tag_decisions
                where %(component)s::text is null or component = %(component)s
                order by answer_id, component, decided_at desc, decision_id desc
            ) d
            join intermediate.int_answers_tagged a using (answer_id)
            left join intermediate.int_tag_decisions applied using (answer_id, component)
            where applied.decision_id is distinct from d.decision_id
            order by d.decided_at desc
            """,
            {"component": code},
        )
    )


def untagged_answers(conn, filters: Filters, page: int = 1) -> Page:
    params = {**filters.params(), "limit": PAGE_SIZE, "offset": (page - 1) * PAGE_SIZE}
    rows = _dicts(
        conn.execute(
            f"""
            select a.answer_id, a.question_code, a.answer_text, r.district, r.age_group, count(*) over () as total
            from intermediate.int_answers_tagged a
            left join marts.respondents r on r.response_key = a.response_key
            where not a.is_tagged and {_FILTERS}
            order by a.answer_id
            limit %(limit)s offset %(offset)s
            """,
            params,
        )
    )
    total = rows[0]["total"] if rows else 0
    return Page(rows, total, page)


def discovery_terms(conn, limit: int = 40) -> list[dict]:
    """The most frequent words and phrases of untagged answers no term covers (marts.discovery_terms)."""
    return _dicts(
        conn.execute(
            """select term_type, term, respondents, untagged_answers, tagged_answers
               from marts.discovery_terms order by untagged_answers desc, term limit %s""",
            (limit,),
        )
    )


def answer(conn, answer_id: str) -> dict | None:
    rows = _dicts(
        conn.execute(
            """select a.answer_id, a.question_code, a.answer_text, a.components
               from intermediate.int_answers_tagged a where a.answer_id = %s""",
            (answer_id,),
        )
    )
    return rows[0] if rows else None


def filter_values(conn) -> dict[str, list[str]]:
    """The questions, districts and age groups that occur, for the filters' choices."""
    questions = [r[0] for r in conn.execute("select distinct question_code from intermediate.int_answers_tagged")]
    districts = [
        r[0] for r in conn.execute("select distinct district from marts.respondents where district is not null")
    ]
    ages = [r[0] for r in conn.execute("select distinct age_group from marts.respondents where age_group is not null")]
    return {"questions": sorted(questions), "districts": sorted(districts), "age_groups": sorted(ages)}


def proposals(conn) -> list[dict]:
    """Every codebook proposal, the undecided first."""
    return _dicts(
        conn.execute(
            """select p.*, c.component_label
               from review.codebook_proposals p
               left join staging.stg_codebook__components c using (component)
               order by (p.status = 'proposed') desc, p.proposed_at desc, p.proposal_id desc"""
        )
    )
