{{ config(materialized='table', indexes=[{'columns': ['answer_id'], 'unique': True}]) }}

-- Every answer exactly once, with its components and language; answers that match
-- nothing are kept (is_tagged = false): the untagged bucket, where discovery looks for
-- what the codebook misses. An untagged answer says why (untagged_reason), so one in
-- a language the codebook has no term for is never silently untagged.

with

answers as (

    select * from {{ ref('stg_survey__answers') }}

),

languages as (

    select * from {{ ref('stg_survey__answer_detections') }}

),

bridge as (

    select
        answer_id,
        array_agg(component order by component) as components,
        array_agg(distinct theme order by theme) as themes
    from {{ ref('int_answer_components') }}
    group by answer_id

),

final as (

    select
        answers.answer_id,
        answers.survey_id,
        answers.response_id,
        answers.response_key,
        answers.question_code,
        answers.answer_text,
        coalesce(bridge.components, '{}') as components,
        coalesce(bridge.themes, '{}') as themes,
        coalesce(cardinality(bridge.components), 0) as component_count,
        bridge.answer_id is not null as is_tagged,
        languages.language,
        languages.language_confidence,
        coalesce(languages.is_other_language, false) as is_other_language,
        case
            when bridge.answer_id is not null then null
            when languages.is_other_language then 'language_without_terms'
            when languages.language = 'und' then 'no_words'
            else 'no_term_matched'
        end as untagged_reason
    from answers
    left join bridge using (answer_id)
    left join languages using (answer_id)

)

select * from final
