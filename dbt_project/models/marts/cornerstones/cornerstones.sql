-- The vision's cornerstones: themes ranked by the weighted mean of three inputs,
--     score = Σ wᵢ × inputᵢ / Σ wᵢ   over the inputs a theme has,
-- each input scaled so that the highest theme is 1:
--   salience   how often residents mention the theme (weighted share of respondents,
--              all questions) — the survey;
--   priority   how residents ranked it (mean Borda points, weighted) — the
--              prioritisation round;
--   committee  the steering committee's mean Borda score (or mean points, per the
--              process's committee_measure).
-- The weights wᵢ are the process's cornerstones.weights. An input not there yet (no
-- round, the committee has not valued) is left out and the others share its weight,
-- so until the committee has valued, the score is the citizens' alone. For each input
-- the rank the theme would have without it shows how much it moved the result. The
-- top `count` themes (process configuration) are the cornerstones.

{%- set weights = {
    'salience': var('cornerstone_salience_weight') | float,
    'priority': var('cornerstone_priority_weight') | float,
    'committee': var('cornerstone_committee_weight') | float,
} %}
{%- set inputs = ['salience', 'priority', 'committee'] %}
{%- set top = var('cornerstone_count') | int %}
{%- set measure = var('committee_measure') %}


with

citizens as (

    select
        theme,
        theme_label,
        weighted_share,
        share,
        respondents_mentioning,
        base_respondents
    from {{ ref('theme_shares') }}
    where cut = 'alla' and question_code = 'alla'

),

priorities as (

    select
        theme,
        base_respondents as priority_residents,
        mean_borda as priority_mean_borda,
        weighted_mean_borda as priority_weighted_mean_borda,
        coalesce(weighted_share_top3, share_top3) as priority_share_top3,
        priority_scaled
    from {{ ref('priority_theme_scores') }}
    where cut = 'alla' and not is_suppressed

),

committee as (

    select
        theme,
        members,
        mean_points,
        mean_borda,
        party_spread,
        {{ 'borda_scaled' if measure == 'borda' else 'points_scaled' }} as committee_valuation
    from {{ ref('theme_valuation') }}

),

scaled as (

    select
        citizens.*,
        coalesce(citizens.weighted_share, citizens.share)
        / nullif(max(coalesce(citizens.weighted_share, citizens.share)) over (), 0) as citizen_salience,
        priorities.priority_residents,
        priorities.priority_mean_borda,
        priorities.priority_weighted_mean_borda,
        priorities.priority_share_top3,
        priorities.priority_scaled as citizen_priority,
        committee.members as committee_members,
        committee.mean_points,
        committee.mean_borda,
        committee.party_spread,
        committee.committee_valuation
    from citizens
    left join priorities using (theme)
    left join committee using (theme)

),

inputs as (

    select
        *,
        citizen_salience as input_salience,
        case when {{ weights['priority'] }} > 0 then citizen_priority end as input_priority,
        case when {{ weights['committee'] }} > 0 then committee_valuation end as input_committee
    from scaled

),

scored as (

    select
        *,
        coalesce({{ cornerstone_weighted_mean(inputs, weights) }}, citizen_salience) as score,
        {{ cornerstone_weighted_mean(['priority', 'committee'], weights) }} as score_without_salience,
        {{ cornerstone_weighted_mean(['salience', 'committee'], weights) }} as score_without_priority,
        {{ cornerstone_weighted_mean(['salience', 'priority'], weights) }} as score_without_committee,
        {{ cornerstone_weighted_mean(inputs, weights, 'weight_sum') }} as weight_sum
    from inputs

),

ranked as (

    select
        *,
        rank() over (order by score desc nulls last, theme asc) as cornerstone_rank,
        case
            when input_salience is not null and score_without_salience is not null
                then rank() over (order by score_without_salience desc nulls last, theme asc)
        end as rank_without_salience,
        case
            when input_priority is not null and score_without_priority is not null
                then rank() over (order by score_without_priority desc nulls last, theme asc)
        end as rank_without_priority,
        case
            when input_committee is not null and score_without_committee is not null
                then rank() over (order by score_without_committee desc nulls last, theme asc)
        end as rank_without_committee
    from scored

),

final as (

    select
        cornerstone_rank,
        theme,
        theme_label,
        round(score::numeric, 4) as score,
        round(citizen_salience::numeric, 4) as citizen_salience,
        round(citizen_priority::numeric, 4) as citizen_priority,
        round(committee_valuation::numeric, 4) as committee_valuation,
        {{ weights['salience'] }}::numeric as citizen_weight,
        {{ weights['salience'] }}::numeric as salience_weight,
        -- what the input added to the score, in score points
        round(({{ weights['salience'] }} * input_salience / weight_sum)::numeric, 4) as salience_contribution,
        rank_without_salience,
        rank_without_salience - cornerstone_rank as moved_by_salience,
        {{ weights['priority'] }}::numeric as priority_weight,
        -- what the input added to the score, in score points
        round(({{ weights['priority'] }} * input_priority / weight_sum)::numeric, 4) as priority_contribution,
        rank_without_priority,
        rank_without_priority - cornerstone_rank as moved_by_priority,
        {{ weights['committee'] }}::numeric as committee_weight,
        -- what the input added to the score, in score points
        round(({{ weights['committee'] }} * input_committee / weight_sum)::numeric, 4) as committee_contribution,
        rank_without_committee,
        rank_without_committee - cornerstone_rank as moved_by_committee,
        weighted_share as citizen_weighted_share,
        share as citizen_share,
        respondents_mentioning,
        base_respondents,
        priority_residents,
        priority_mean_borda,
        priority_weighted_mean_borda,
        priority_share_top3,
        committee_members,
        mean_points,
        mean_borda,
        party_spread,
        case
            when input_priority is null and input_committee is null
                then 'citizens only (no committee valuation yet)'
            when input_priority is null then 'citizens and committee'
            when input_committee is null then 'citizens and their priorities (no committee valuation yet)'
            else 'citizens, their priorities and the committee'
        end as basis,
        cornerstone_rank <= {{ top }} as is_cornerstone
    from ranked

)

select * from final
