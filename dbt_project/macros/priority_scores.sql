{#- The prioritisation round's scores per item (component or theme) and cut, as CTEs
    ending in `final`: Borda points (places − rank + 1 for a ranked item, 0 for one
    the resident left out) averaged over the residents of the cut, and the shares
    who ranked the item at all and in their top three; unweighted and weighted to
    the population (where the round asked who they are); cuts under
    var('min_group_size') residents suppressed. The calling model defines:
      respondents (response_key, age_group, gender, district, weight): every resident,
      points (response_key, item, points, best_rank): what each ranked,
      items (item, item_label): every item, so items nobody ranked show as 0.
    `item` names the output columns (<item>, <item>_label). -#}
{% macro priority_scores(item) %}
{%- set min_group = var('min_group_size', 5) %}
bases as (

    select
        {{ cut_label() }} as cut,
        age_group, gender, district,
        count(*) as base_respondents,
        sum(weight) as base_weight
    from respondents
    group by grouping sets ((), (age_group), (gender), (district))

),

ranked_rows as (

    select points.item, points.points, points.best_rank, respondents.*
    from points
    join respondents using (response_key)

),

sums as (

    select
        item,
        {{ cut_label() }} as cut,
        age_group, gender, district,
        count(*) as residents_ranking,
        count(*) filter (where best_rank <= 3) as residents_top3,
        sum(points) as borda_total,
        sum(weight * points) as weighted_borda_total,
        sum(weight) filter (where best_rank <= 3) as weight_top3
    from ranked_rows
    group by grouping sets ((item), (item, age_group), (item, gender), (item, district))

),

joined as (

    select
        bases.cut,
        case bases.cut
            when 'alla' then 'alla'
            when 'age_group' then bases.age_group
            when 'gender' then bases.gender
            else bases.district
        end as group_value,
        items.item,
        items.item_label,
        bases.base_respondents,
        bases.base_weight,
        coalesce(sums.residents_ranking, 0) as residents_ranking,
        coalesce(sums.residents_top3, 0) as residents_top3,
        coalesce(sums.borda_total, 0) as borda_total,
        coalesce(sums.weighted_borda_total, 0) as weighted_borda_total,
        coalesce(sums.weight_top3, 0) as weight_top3
    from bases
    cross join items
    left join sums
        on sums.item = items.item
        and sums.cut = bases.cut
        and sums.age_group is not distinct from bases.age_group
        and sums.gender is not distinct from bases.gender
        and sums.district is not distinct from bases.district
    -- a null demographic value is a group of its own only in the overall cut
    where bases.cut = 'alla'
        or (bases.cut = 'age_group' and bases.age_group is not null)
        or (bases.cut = 'gender' and bases.gender is not null)
        or (bases.cut = 'district' and bases.district is not null)

),

scored as (

    select
        *,
        borda_total::float8 / nullif(base_respondents, 0) as mean_borda_raw,
        case when base_weight > 0 then weighted_borda_total / base_weight end as weighted_mean_borda_raw
    from joined

),

final as (

    select
        md5(cut || '|' || group_value || '|' || item) as score_id,
        cut,
        group_value,
        item as {{ item }},
        item_label as {{ item }}_label,
        base_respondents < {{ min_group }} as is_suppressed,
        case when base_respondents >= {{ min_group }} then base_respondents end as base_respondents,
        case when base_respondents >= {{ min_group }} then residents_ranking end as residents_ranking,
        case when base_respondents >= {{ min_group }} then residents_top3 end as residents_top3,
        case when base_respondents >= {{ min_group }}
            then round(residents_ranking::numeric / base_respondents, 4) end as share_ranked,
        case when base_respondents >= {{ min_group }}
            then round(residents_top3::numeric / base_respondents, 4) end as share_top3,
        case when base_respondents >= {{ min_group }} and base_weight > 0
            then round((weight_top3 / base_weight)::numeric, 4) end as weighted_share_top3,
        case when base_respondents >= {{ min_group }} then round(mean_borda_raw::numeric, 4) end as mean_borda,
        case when base_respondents >= {{ min_group }}
            then round(weighted_mean_borda_raw::numeric, 4) end as weighted_mean_borda,
        case when base_respondents >= {{ min_group }} then
            round((coalesce(weighted_mean_borda_raw, mean_borda_raw)
                / nullif(max(coalesce(weighted_mean_borda_raw, mean_borda_raw))
                    over (partition by cut, group_value), 0))::numeric, 4)
        end as priority_scaled,
        case when base_respondents >= {{ min_group }} then
            rank() over (
                partition by cut, group_value
                order by coalesce(weighted_mean_borda_raw, mean_borda_raw) desc, item
            )
        end as priority_rank
    from scored

)
{%- endmacro %}
