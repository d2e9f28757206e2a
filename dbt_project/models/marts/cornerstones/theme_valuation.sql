-- The steering committee's valuation per theme. Every member's sheet becomes a rank
-- (point-givers: ranked by their points, ties sharing the average rank) and a Borda
-- score (themes − rank; the top theme gets themes − 1). mean_points averages the
-- members who gave points. party_spread is the gap between the most and least
-- enthusiastic party (mean Borda scaled 0–1): small means the parties agree.

with

themes as (

    select
        theme,
        theme_label
    from {{ ref('stg_codebook__themes') }}

),

theme_count as (

    select count(*)::float8 as n from themes

),

ranked as (

    select * from {{ ref('int_committee_ranks') }}

),

scored as (

    select
        ranked.*,
        theme_count.n - ranked.effective_rank as borda
    from ranked cross join theme_count

),

by_party as (

    select
        scored.party,
        scored.theme,
        avg(scored.borda) / (max(theme_count.n) - 1) as party_borda_scaled
    from scored cross join theme_count
    group by scored.party, scored.theme

),

spread as (

    select
        theme,
        max(party_borda_scaled) - min(party_borda_scaled) as party_spread,
        count(distinct party) as parties
    from by_party
    group by theme

),

aggregated as (

    select
        theme,
        count(distinct member) as members,
        avg(points) as mean_points,
        avg(borda) as mean_borda,
        sum(borda) as borda_total,
        avg(effective_rank) as mean_rank
    from scored
    group by theme

),

final as (

    select
        themes.theme,
        themes.theme_label,
        coalesce(aggregated.members, 0) as members,
        round(aggregated.mean_points::numeric, 2) as mean_points,
        round(aggregated.mean_borda::numeric, 3) as mean_borda,
        aggregated.borda_total,
        round(aggregated.mean_rank::numeric, 2) as mean_rank,
        round((aggregated.mean_borda / nullif(max(aggregated.mean_borda) over (), 0))::numeric, 4) as borda_scaled,
        round((aggregated.mean_points / nullif(max(aggregated.mean_points) over (), 0))::numeric, 4) as points_scaled,
        round(spread.party_spread::numeric, 3) as party_spread,
        spread.parties,
        rank() over (order by aggregated.mean_borda desc nulls last) as committee_rank
    from themes
    left join aggregated using (theme)
    left join spread using (theme)

)

select * from final
