-- The vision's cornerstones: themes ranked by
--     score = w × citizen salience + (1 − w) × committee valuation
-- where citizen salience is the theme's weighted share of respondents (all
-- questions) divided by the highest theme's, the committee valuation is the mean
-- Borda score (or mean points, per the process's committee_measure) divided by the
-- highest theme's, and w is the process's citizen_weight. Until the committee has
-- valued the themes, the score is the citizen salience alone. The top `count` themes
-- (process configuration) are the cornerstones.

{%- set w = var('cornerstone_citizen_weight') | float %}
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
        committee.members as committee_members,
        committee.mean_points,
        committee.mean_borda,
        committee.party_spread,
        committee.committee_valuation
    from citizens
    left join committee using (theme)

),

scored as (

    select
        *,
        case
            when committee_valuation is null then citizen_salience
            else {{ w }} * citizen_salience + {{ 1 - w }} * committee_valuation
        end as score
    from scaled

),

final as (

    select
        rank() over (order by score desc nulls last, theme asc) as cornerstone_rank,
        theme,
        theme_label,
        round(score::numeric, 4) as score,
        round(citizen_salience::numeric, 4) as citizen_salience,
        round(committee_valuation::numeric, 4) as committee_valuation,
        {{ w }}::numeric as citizen_weight,
        weighted_share as citizen_weighted_share,
        share as citizen_share,
        respondents_mentioning,
        base_respondents,
        committee_members,
        mean_points,
        mean_borda,
        party_spread,
        case
            when committee_valuation is null then 'citizens only (no committee valuation yet)'
            else 'citizens and committee'
        end as basis,
        rank() over (order by score desc nulls last, theme asc) <= {{ top }} as is_cornerstone
    from scored

)

select * from final
