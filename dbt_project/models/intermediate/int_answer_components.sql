{{ config(materialized='table', indexes=[{'columns': ['answer_id']}, {'columns': ['component']}]) }}

-- The bridge between answers and components: one row per answer and component it
-- addresses, with the terms and words that matched, so every tag can be explained.

with

matches as (

    select * from {{ ref('int_answer_term_matches') }}

),

answers as (

    select answer_id, survey_id, response_id, response_key, question_code
    from {{ ref('stg_survey__answers') }}

),

components as (

    select component, theme from {{ ref('stg_codebook__components') }}

),

grouped as (

    select
        answer_id,
        component,
        array_agg(distinct term order by term) as matched_terms,
        array_agg(distinct matched_text order by matched_text) as matched_words,
        array_agg(distinct match_kind order by match_kind) as match_kinds,
        count(*) as evidence_count,
        bool_and(match_kind like 'typo:%') as only_typo_matches
    from matches
    group by answer_id, component

),

final as (

    select
        grouped.answer_id || ':' || grouped.component as answer_component_id,
        grouped.answer_id,
        answers.survey_id,
        answers.response_id,
        answers.response_key,
        answers.question_code,
        grouped.component,
        components.theme,
        grouped.matched_terms,
        grouped.matched_words,
        grouped.match_kinds,
        grouped.evidence_count,
        grouped.only_typo_matches
    from grouped
    join answers using (answer_id)
    join components using (component)

)

select * from final
