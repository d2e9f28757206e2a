-- One row per organised campaign found in the survey: how many respondents and
-- answers, how many variants of the text, in which questions, an example (the
-- pseudonymised text of its representative) and the components it was tagged with.

with

answers as (

    select * from {{ ref('answer_campaigns') }}
    where is_campaign

),

texts as (

    select
        answer_id,
        answer_text,
        components
    from {{ ref('int_answers_tagged') }}

),

examples as (

    select distinct on (answers.campaign_id)
        answers.campaign_id,
        texts.answer_text as example_text,
        texts.components
    from answers
    inner join texts using (answer_id)
    order by answers.campaign_id, answers.answer_id

),

sizes as (

    select
        campaign_id,
        count(distinct response_key) as respondents,
        count(*) as answers,
        max(group_variants) as variants,
        count(*) filter (where is_near_duplicate) as near_identical_answers,
        array_agg(distinct question_code order by question_code) as question_codes
    from answers
    group by campaign_id

),

final as (

    select
        sizes.campaign_id,
        sizes.respondents,
        sizes.answers,
        sizes.variants,
        sizes.near_identical_answers,
        sizes.question_codes,
        examples.example_text,
        examples.components
    from sizes
    inner join examples using (campaign_id)

)

select * from final
