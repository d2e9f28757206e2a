-- One row per survey respondent (response): demographics, weight, and what they wrote about.

with

responses as (

    select * from {{ ref('stg_survey__responses') }}

),

weights as (

    select
        response_key,
        weight,
        relative_weight
    from {{ ref('int_respondent_weights') }}

),

answers as (

    select
        response_key,
        count(*) as answers_written,
        count(*) filter (where is_tagged) as answers_tagged
    from {{ ref('int_answers_tagged') }}
    group by response_key

),

mentioned as (

    select
        response_key,
        count(distinct component) as components_mentioned
    from {{ ref('int_answer_components') }}
    group by response_key

),

final as (

    select
        responses.response_key,
        responses.survey_id,
        responses.response_id,
        responses.submitted_at,
        responses.submitted_on,
        responses.age_group,
        responses.gender,
        responses.district,
        weights.weight,
        weights.relative_weight,
        weights.weight is not null as in_weighting_base,
        coalesce(answers.answers_written, 0) as answers_written,
        coalesce(answers.answers_tagged, 0) as answers_tagged,
        coalesce(mentioned.components_mentioned, 0) as components_mentioned
    from responses
    left join weights using (response_key)
    left join answers using (response_key)
    left join mentioned using (response_key)

)

select * from final
