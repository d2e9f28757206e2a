-- The residents' priorities per component: Borda score and top-three share, overall
-- and by age group, gender and district, unweighted and weighted; cuts under 5
-- residents suppressed (macros/priority_scores.sql). Empty when the round ranks themes.

with

respondents as (

    select * from {{ ref('int_priority_respondents') }}

),

points as (

    select
        response_key,
        component as item,
        points,
        rank as best_rank
    from {{ ref('int_priority_points') }}
    where component is not null

),

items as (

    select
        component as item,
        component_label as item_label
    from {{ ref('stg_codebook__components') }}
    {% if var('priority_items') == 'themes' -%}
    where false
    {%- endif %}

),

{{ priority_scores('component') }}

select * from final
