{{ config(materialized='table', indexes=[{'columns': ['answer_id']}, {'columns': ['component']}]) }}

-- The bridge between answers and components: one row per answer and component it
-- addresses, with the terms and words that matched, so every tag can be explained.
-- A reviewer's latest decision on a tag overrides the machine: a rejected tag is
-- dropped, an added one joins with the reviewer as its evidence (tag_source).

with

evidence as (

    select
        text_id as answer_id,
        component,
        matched_terms,
        matched_words,
        match_kinds,
        evidence_count,
        only_typo_matches
    from {{ ref('int_text_components') }}
    where text_source = 'survey'

),

decisions as (

    select
        answer_id,
        component,
        decision,
        reviewer,
        decided_at
    from {{ ref('int_tag_decisions') }}

),

-- full join: an added tag has no machine evidence, a machine tag most often no decision
decided as (

    select
        answer_id,
        component,
        coalesce(evidence.matched_terms, array['granskare:' || decisions.reviewer]) as matched_terms,
        coalesce(evidence.matched_words, '{}') as matched_words,
        coalesce(evidence.match_kinds, array['granskning']) as match_kinds,
        coalesce(evidence.evidence_count, 0) as evidence_count,
        coalesce(evidence.only_typo_matches, false) as only_typo_matches,
        case when evidence.answer_id is null then 'reviewer' else 'machine' end as tag_source,
        decisions.decision as review_decision,
        decisions.reviewer as decided_by,
        decisions.decided_at
    from evidence
    full outer join decisions using (answer_id, component)
    where
        coalesce(decisions.decision, 'accept') <> 'reject'
        and (evidence.answer_id is not null or decisions.decision = 'add')

),

answers as (

    select
        answer_id,
        survey_id,
        response_id,
        response_key,
        question_code
    from {{ ref('stg_survey__answers') }}

),

components as (

    select
        component,
        theme
    from {{ ref('stg_codebook__components') }}

),

final as (

    select
        decided.answer_id || ':' || decided.component as answer_component_id,
        decided.answer_id,
        answers.survey_id,
        answers.response_id,
        answers.response_key,
        answers.question_code,
        decided.component,
        components.theme,
        decided.matched_terms,
        decided.matched_words,
        decided.match_kinds,
        decided.evidence_count,
        decided.only_typo_matches,
        decided.tag_source,
        decided.review_decision,
        decided.decided_by,
        decided.decided_at
    from decided
    inner join answers using (answer_id)
    inner join components using (component)

)

select * from final
