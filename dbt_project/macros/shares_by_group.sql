{#- The CTEs, ending in `final`, of the share of respondents mentioning each item
    (component or theme), unweighted and weighted, overall and by question, age
    group, gender, district and age group × district; cuts under
    var('min_group_size') respondents suppressed. The calling model reads its inputs
    in import CTEs before these, so that its refs stand in the model:
      answers (response_key, question_code, counting_unit): every free-text answer, with
        the unit the campaign-adjusted share counts (the respondent, or the campaign
        the answer belongs to: marts.answer_campaigns),
      respondents (response_key, age_group, gender, district, weight),
      mentions (response_key, question_code, item, age_group, gender, district,
        weight): who mentioned which item where, with the respondent's cell and
        weight, for each question and for 'alla' (any question); a mention may repeat
        (a theme through several of its components): it counts once,
      items (item, item_label): every item, so items nobody mentioned show as 0.
    `item` names the output columns (<item>, <item>_label).
    For 'alla', a respondent counts as themselves when any of their own (not campaign)
    answers is there or mentions the item, else as the campaign they took part in. -#}
{% macro shares_by_group(item) %}
{%- set min_group = var('min_group_size', 5) %}
-- Not materialized, like the callers' import CTEs: each reader scans the tables, so the
-- planner knows their sizes and aggregates by hashing instead of sorting to disk.
answered as not materialized (

    select distinct response_key, question_code, counting_unit from answers
    union all
    select
        response_key,
        'alla',
        case when bool_or(counting_unit = response_key) then response_key else min(counting_unit) end
    from answers
    group by response_key

),

-- One grouping set per cut; grouping() tells which dimensions a row is cut by, and
-- (cut, group_value) names the group, so that the aggregates join on equality.
-- Summed per question and demographic cell first: the cuts then add up a few thousand
-- cells instead of every respondent's row.
base_cells as (

    select
        answered.question_code,
        respondents.age_group, respondents.gender, respondents.district,
        count(*) as respondents,
        count(*) filter (where answered.counting_unit <> answered.response_key) as campaign_rows,
        sum(respondents.weight) as weight
    from answered
    join respondents using (response_key)
    group by answered.question_code, respondents.age_group, respondents.gender, respondents.district

),

bases as (

    select
        question_code,
        {{ cut_label() }} as cut,
        {{ cut_group_value() }} as group_value,
        age_group, gender, district,
        sum(respondents)::bigint as base_respondents,
        sum(campaign_rows)::bigint as base_campaign_rows,
        sum(weight) as base_weight
    from base_cells
    {{ share_grouping_sets('question_code') }}

),

-- A unit is the respondent or their campaign. Respondents who count as themselves are
-- distinct units by construction, so only the few campaign rows need count(distinct),
-- which PostgreSQL computes by sorting, once per grouping set.
campaign_bases as (

    select
        question_code,
        {{ cut_label() }} as cut,
        {{ cut_group_value() }} as group_value,
        count(distinct counting_unit) as base_campaign_units
    from answered
    join respondents using (response_key)
    where counting_unit <> response_key
    {{ share_grouping_sets('question_code') }}

),

unique_mentions as (

    select distinct * from mentions

),

mention_cells as (

    select
        question_code,
        item,
        age_group, gender, district,
        count(*) as respondents,
        sum(weight) as weight
    from unique_mentions
    group by question_code, item, age_group, gender, district

),

-- The unit a mention counts as is looked up only for the few respondents with an
-- answer in a campaign: every other respondent counts as themselves.
campaign_respondent_mentions as (

    select distinct
        mentions.response_key,
        mentions.question_code,
        mentions.item,
        answers.counting_unit,
        mentions.age_group, mentions.gender, mentions.district
    from mentions
    join answers using (response_key, question_code)
    where mentions.response_key in (
        select answers.response_key from answers where answers.counting_unit <> answers.response_key
    )

),

campaign_mentions as (

    select * from campaign_respondent_mentions
    where counting_unit <> response_key
    union all
    select response_key, 'alla', item, min(counting_unit), age_group, gender, district
    from campaign_respondent_mentions
    group by response_key, item, age_group, gender, district
    having not bool_or(counting_unit = response_key)

),

counts as (

    select
        question_code,
        item,
        {{ cut_label() }} as cut,
        {{ cut_group_value() }} as group_value,
        sum(respondents)::bigint as respondents_mentioning,
        sum(weight) as weight_mentioning
    from mention_cells
    {{ share_grouping_sets('question_code, item') }}

),

campaign_counts as (

    select
        question_code,
        item,
        {{ cut_label() }} as cut,
        {{ cut_group_value() }} as group_value,
        count(*) as campaign_rows_mentioning,
        count(distinct counting_unit) as campaign_units_mentioning
    from campaign_mentions
    {{ share_grouping_sets('question_code, item') }}

),

joined as (

    select
        bases.cut,
        bases.group_value,
        bases.age_group, bases.gender, bases.district,
        bases.question_code,
        items.item,
        items.item_label,
        bases.base_respondents,
        bases.base_weight,
        bases.base_respondents - bases.base_campaign_rows + coalesce(campaign_bases.base_campaign_units, 0)
            as base_units,
        coalesce(counts.respondents_mentioning, 0) as respondents_mentioning,
        coalesce(counts.respondents_mentioning, 0)
        - coalesce(campaign_counts.campaign_rows_mentioning, 0)
        + coalesce(campaign_counts.campaign_units_mentioning, 0) as units_mentioning,
        coalesce(counts.weight_mentioning, 0) as weight_mentioning
    from bases
    left join campaign_bases
        on campaign_bases.question_code = bases.question_code
        and campaign_bases.cut = bases.cut
        and campaign_bases.group_value = bases.group_value
    cross join items
    left join counts
        on counts.question_code = bases.question_code
        and counts.item = items.item
        and counts.cut = bases.cut
        and counts.group_value = bases.group_value
    left join campaign_counts
        on campaign_counts.question_code = bases.question_code
        and campaign_counts.item = items.item
        and campaign_counts.cut = bases.cut
        and campaign_counts.group_value = bases.group_value
    -- a null demographic value is a group of its own only in the overall cut
    where bases.group_value is not null

),

final as (

    select
        md5(cut || '|' || group_value || '|' || question_code || '|' || item) as share_id,
        cut,
        group_value,
        age_group,
        gender,
        district,
        question_code,
        item as {{ item }},
        item_label as {{ item }}_label,
        base_respondents < {{ min_group }} as is_suppressed,
        case when base_respondents >= {{ min_group }} then base_respondents end as base_respondents,
        case when base_respondents >= {{ min_group }} then respondents_mentioning end as respondents_mentioning,
        case when base_respondents >= {{ min_group }}
            then round(respondents_mentioning::numeric / base_respondents, 4) end as share,
        case when base_respondents >= {{ min_group }} and base_weight > 0
            then round((weight_mentioning / base_weight)::numeric, 4) end as weighted_share,
        case when base_respondents >= {{ min_group }}
            then rank() over (partition by cut, group_value, question_code order by respondents_mentioning desc) end
            as rank_in_group,
        -- each organised campaign counted once (one respondent-equivalent), not per respondent
        case when base_respondents >= {{ min_group }} then base_units end as campaign_adjusted_base,
        case when base_respondents >= {{ min_group }} then units_mentioning end as campaign_adjusted_mentioning,
        case when base_respondents >= {{ min_group }}
            then round(units_mentioning::numeric / base_units, 4) end as campaign_adjusted_share,
        case when base_respondents >= {{ min_group }}
            then respondents_mentioning - units_mentioning end as campaign_respondents_merged
    from joined

)
{%- endmacro %}


{#- The grouping sets of the cuts (overall, age group, gender, district, age group ×
    district), each led by `keys`. -#}
{% macro share_grouping_sets(keys) -%}
    group by grouping sets (
        ({{ keys }}),
        ({{ keys }}, age_group),
        ({{ keys }}, gender),
        ({{ keys }}, district),
        ({{ keys }}, age_group, district)
    )
{%- endmacro %}
