{#- The CTEs, ending in `final`, of the share of respondents mentioning each item
    (component or theme), unweighted and weighted, overall and by question, age
    group, gender, district and age group × district; cuts under
    var('min_group_size') respondents suppressed. The calling model reads its inputs
    in import CTEs before these, so that its refs stand in the model:
      answers (response_key, question_code, counting_unit): every free-text answer, with
        the unit the campaign-adjusted share counts (the respondent, or the campaign
        the answer belongs to: marts.answer_campaigns),
      respondents (response_key, age_group, gender, district, weight),
      mentions (response_key, question_code, item): who mentioned which item where
        (rows for 'alla' may be there; they are derived here from the questions'),
      items (item, item_label): every item, so items nobody mentioned show as 0.
    `item` names the output columns (<item>, <item>_label).
    For 'alla', a respondent counts as themselves when any of their own (not campaign)
    answers is there or mentions the item, else as the campaign they took part in. -#}
{% macro shares_by_group(item) %}
{%- set min_group = var('min_group_size', 5) %}
answered as (

    select distinct response_key, question_code, counting_unit from answers
    union
    select
        response_key,
        'alla',
        case when bool_or(counting_unit = response_key) then response_key else min(counting_unit) end
    from answers
    group by response_key

),

question_mentions as (

    select distinct mentions.response_key, mentions.question_code, mentions.item, answers.counting_unit
    from mentions
    join answers using (response_key, question_code)

),

unit_mentions as (

    select * from question_mentions
    union all
    select
        response_key,
        'alla',
        item,
        case when bool_or(counting_unit = response_key) then response_key else min(counting_unit) end
    from question_mentions
    group by response_key, item

),

base_rows as (

    select answered.question_code, answered.counting_unit, respondents.*
    from answered
    join respondents using (response_key)

),

-- One grouping set per cut; grouping() tells which dimensions a row is cut by, and
-- (cut, group_value) names the group, so that the aggregates join on equality.
-- A unit is the respondent or their campaign. Respondents who count as themselves are
-- distinct units by construction, so only the campaign units need count(distinct),
-- which PostgreSQL computes by sorting, once per grouping set; counted apart over the
-- few campaign rows, the rest is one hash aggregate.
-- Summed per question and demographic cell first: the cuts then add up a few thousand
-- cells instead of every respondent's row.
base_cells as (

    select
        question_code,
        age_group, gender, district,
        count(*) as respondents,
        count(*) filter (where counting_unit = response_key) as own_units,
        sum(weight) as weight
    from base_rows
    group by question_code, age_group, gender, district

),

bases as (

    select
        question_code,
        {{ cut_label() }} as cut,
        {{ cut_group_value() }} as group_value,
        age_group, gender, district,
        sum(respondents)::bigint as base_respondents,
        sum(own_units)::bigint as base_own_units,
        sum(weight) as base_weight
    from base_cells
    {{ share_grouping_sets('question_code') }}

),

campaign_bases as (

    select
        question_code,
        {{ cut_label() }} as cut,
        {{ cut_group_value() }} as group_value,
        count(distinct counting_unit) as base_campaign_units
    from base_rows
    where counting_unit <> response_key
    {{ share_grouping_sets('question_code') }}

),

mention_rows as (

    select unit_mentions.question_code, unit_mentions.item, unit_mentions.counting_unit, respondents.*
    from unit_mentions
    join respondents using (response_key)

),

mention_cells as (

    select
        question_code,
        item,
        age_group, gender, district,
        count(*) as respondents,
        count(*) filter (where counting_unit = response_key) as own_units,
        sum(weight) as weight
    from mention_rows
    group by question_code, item, age_group, gender, district

),

counts as (

    select
        question_code,
        item,
        {{ cut_label() }} as cut,
        {{ cut_group_value() }} as group_value,
        sum(respondents)::bigint as respondents_mentioning,
        sum(own_units)::bigint as own_units_mentioning,
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
        count(distinct counting_unit) as campaign_units_mentioning
    from mention_rows
    where counting_unit <> response_key
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
        bases.base_own_units + coalesce(campaign_bases.base_campaign_units, 0) as base_units,
        coalesce(counts.respondents_mentioning, 0) as respondents_mentioning,
        coalesce(counts.own_units_mentioning, 0) + coalesce(campaign_counts.campaign_units_mentioning, 0)
            as units_mentioning,
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
