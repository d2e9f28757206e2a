-- Every survey answer with its language and its group of identical or near-identical
-- answers: the campaign flag analysts filter on, and the counting unit the
-- campaign-adjusted shares count (a campaign counts as one respondent-equivalent).
-- An answer not yet fingerprinted (detection runs after each load) is its own unit.

with

tagged as (

    select
        answer_id,
        response_key,
        question_code,
        language,
        is_other_language,
        is_tagged,
        untagged_reason
    from {{ ref('int_answers_tagged') }}

),

campaign_groups as (

    select * from {{ ref('int_answer_campaigns') }}

),

final as (

    select
        tagged.answer_id,
        tagged.response_key,
        tagged.question_code,
        tagged.language,
        tagged.is_other_language,
        tagged.is_tagged,
        tagged.untagged_reason,
        campaign_groups.word_count,
        campaign_groups.group_id,
        coalesce(campaign_groups.group_respondents, 1) as group_respondents,
        coalesce(campaign_groups.group_variants, 1) as group_variants,
        coalesce(campaign_groups.is_near_duplicate, false) as is_near_duplicate,
        coalesce(campaign_groups.is_campaign, false) as is_campaign,
        case when campaign_groups.is_campaign then campaign_groups.group_id end as campaign_id,
        case
            when campaign_groups.is_campaign then 'kampanj:' || campaign_groups.group_id
            else tagged.response_key
        end as counting_unit
    from tagged
    left join campaign_groups using (answer_id)

)

select * from final
