-- The residents' priorities per theme: a resident's points for a theme are the Borda
-- points of what they ranked in it (its components, or the theme itself when the
-- round ranks themes); the top-three share counts who put any of it in their top
-- three. Same cuts, weighting and suppression as priority_component_scores.

with

respondents as (

    select * from {{ ref('int_priority_respondents') }}

),

points as (

    select
        response_key,
        theme as item,
        sum(points) as points,
        min(rank) as best_rank
    from {{ ref('int_priority_points') }}
    group by response_key, theme

),

items as (

    select
        theme as item,
        theme_label as item_label
    from {{ ref('stg_codebook__themes') }}

),

{{ priority_scores('theme') }}

select * from final
