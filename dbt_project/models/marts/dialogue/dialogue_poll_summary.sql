-- The audience-response polls summed over all meetings: one row per question and
-- option, with the option's share of the question's votes. A question asked at
-- several meetings adds up; options are kept in the order the template showed them.

with

poll_results as (

    select * from {{ ref('stg_dialogue__poll_results') }}

),

options as (

    select
        question,
        option,
        sum(votes) as votes,
        count(distinct meeting_id) as meetings,
        min(option_order) as option_order
    from poll_results
    group by question, option

),

final as (

    select
        md5(question || chr(31) || option) as poll_option_id,
        question,
        option,
        option_order,
        votes::integer as votes,
        (sum(votes) over (partition by question))::integer as question_votes,
        round(votes::numeric / nullif(sum(votes) over (partition by question), 0), 4) as vote_share,
        meetings::integer as meetings
    from options

)

select * from final
