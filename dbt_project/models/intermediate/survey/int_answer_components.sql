{{ config(materialized='table', indexes=[{'columns': ['answer_id']}, {'columns': ['component']}]) }}

-- The bridge between answers and components: one row per answer and component it
-- addresses, with the terms and words that matched, so every tag can be explained.

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
        evidence.answer_id || ':' || evidence.component as answer_component_id,
        evidence.answer_id,
        answers.survey_id,
        answers.response_id,
        answers.response_key,
        answers.question_code,
        evidence.component,
        components.theme,
        evidence.matched_terms,
        evidence.matched_words,
        evidence.match_kinds,
        evidence.evidence_count,
        evidence.only_typo_matches
    from evidence
    inner join answers using (answer_id)
    inner join components using (component)

)

select * from final
