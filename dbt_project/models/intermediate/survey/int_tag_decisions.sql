{{ config(materialized='table', indexes=[{'columns': ['answer_id', 'component'], 'unique': True}]) }}

-- The reviewers' decisions this build applies: the latest per answer and component, on
-- this process's answers. A table, so that the review page can tell the decisions
-- made since (still waiting for the next build) from those in the tags.

with

decisions as (

    select
        decision_id,
        answer_id,
        component,
        decision,
        reviewer,
        decided_at
    from {{ ref('stg_review__tag_decisions') }}
    where is_latest

),

answers as (

    select answer_id from {{ ref('stg_survey__answers') }}

),

final as (

    select
        decisions.answer_id || ':' || decisions.component as answer_component_id,
        decisions.decision_id,
        decisions.answer_id,
        decisions.component,
        decisions.decision,
        decisions.reviewer,
        decisions.decided_at
    from decisions
    inner join answers using (answer_id)

)

select * from final
