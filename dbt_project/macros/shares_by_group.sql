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

-- One grouping set per cut; grouping() tells which dimensions a row is cut by.
bases as (

    select
        question_code,
        {{ cut_label() }} as cut,
        age_group, gender, district,
        count(*) as base_respondents,
        count(distinct counting_unit) as base_units,
        sum(weight) as base_weight
    from base_rows
    group by grouping sets (
        (question_code),
        (question_code, age_group),
        (question_code, gender),
        (question_code, district),
        (question_code, age_group, district)
    )

),

mention_rows as (

    select unit_mentions.question_code, unit_mentions.item, unit_mentions.counting_unit, respondents.*
    from unit_mentions
    join respondents using (response_key)

),

counts as (

    select
        question_code,
        item,
        {{ cut_label() }} as cut,
        age_group, gender, district,
        count(*) as respondents_mentioning,
        count(distinct counting_unit) as units_mentioning,
        sum(weight) as weight_mentioning
    from mention_rows
    group by grouping sets (
        (question_code, item),
        (question_code, item, age_group),
        (question_code, item, gender),
        (question_code, item, district),
        (question_code, item, age_group, district)
    )

),

joined as (

    select
        bases.cut,
        case bases.cut
            when 'alla' then 'alla'
            when 'age_group' then bases.age_group
            when 'gender' then bases.gender
            when 'district' then bases.district
            else bases.age_group || '×' || bases.district
        end as group_value,
        bases.age_group, bases.gender, bases.district,
        bases.question_code,
        items.item,
        items.item_label,
        bases.base_respondents,
        bases.base_weight,
        bases.base_units,
        coalesce(counts.respondents_mentioning, 0) as respondents_mentioning,
        coalesce(counts.units_mentioning, 0) as units_mentioning,
        coalesce(counts.weight_mentioning, 0) as weight_mentioning
    from bases
    cross join items
    left join counts
        on counts.question_code = bases.question_code
        and counts.item = items.item
        and counts.cut = bases.cut
        and counts.age_group is not distinct from bases.age_group
        and counts.gender is not distinct from bases.gender
        and counts.district is not distinct from bases.district
    -- a null demographic value is a group of its own only in the overall cut
    where bases.cut = 'alla'
        or (bases.cut = 'age_group' and bases.age_group is not null)
        or (bases.cut = 'gender' and bases.gender is not null)
        or (bases.cut = 'district' and bases.district is not null)
        or (bases.cut = 'age_group×district' and bases.age_group is not null and bases.district is not null)

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
