-- How much of what people wrote the codebook captures: share of answers tagged with
-- at least one component, per question and overall. A low share means the codebook
-- misses topics: see discovery_terms.

with

answers as (

    select
        question_code,
        is_tagged,
        component_count
    from {{ ref('int_answers_tagged') }}

),

final as (

    select
        coalesce(question_code, 'alla') as question_code,
        count(*) as answers,
        count(*) filter (where is_tagged) as answers_tagged,
        count(*) filter (where not is_tagged) as answers_untagged,
        round(avg(is_tagged::int)::numeric, 4) as share_tagged,
        round(avg(component_count)::numeric, 2) as components_per_answer
    from answers
    group by rollup (question_code)

)

select * from final
