-- Borda points of what each resident ranked: with N places, place 1 gets N points and
-- place N gets 1; what they left out gets 0. Each row is also placed in its theme
-- (the item itself when the round ranks themes), so that the theme scores add up the
-- points of a theme's components.

{%- set places = var('priority_ranks') | int %}

with

ranks as (

    select * from {{ ref('stg_priorities__ranks') }}

),

components as (

    select
        component,
        theme
    from {{ ref('stg_codebook__components') }}

),

final as (

    select
        ranks.rank_id,
        ranks.response_key,
        ranks.rank,
        {% if var('priority_items') == 'themes' -%}
        null::text as component,
        ranks.item as theme,
        {%- else -%}
        ranks.item as component,
        components.theme,
        {%- endif %}
        greatest({{ places }} - ranks.rank + 1, 0) as points
    from ranks
    {% if var('priority_items') != 'themes' -%}
    left join components on ranks.item = components.component
    {%- endif %}

)

select * from final
