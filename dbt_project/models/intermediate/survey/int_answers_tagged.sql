{{ config(materialized='table', indexes=[{'columns': ['answer_id'], 'unique': True}]) }}

-- Every answer exactly once, with its components; answers that match nothing are
-- kept (is_tagged = false): the untagged bucket, where discovery looks for what the
-- codebook misses.

with

answers as (

    select * from {{ ref('stg_survey__answers') }}

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
        bridge.answer_id is not null as is_tagged
    from answers
    left join bridge using (answer_id)

)

select * from final
