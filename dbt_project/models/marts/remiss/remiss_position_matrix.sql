-- The remiss in one grid: every configured body × round × item of the draft —
-- each cornerstone (marts.cornerstones where is_cornerstone, in rank order) and then
-- each configured section — with the body's position, in long form. Items a body
-- has not answered are kept with position null ('ej svarat'), so the grid is
-- complete and a pivot shows the gaps.

with

bodies as (

    select * from {{ ref('stg_process__remiss_bodies') }}

),

rounds as (

    select
        round,
        round_name
    from {{ ref('stg_process__remiss_rounds') }}

),

cornerstones as (

    select
        cornerstone_rank,
        theme,
        theme_label
    from {{ ref('cornerstones') }}
    where is_cornerstone

),

sections as (

    select * from {{ ref('stg_process__remiss_sections') }}

),

positions as (

    select * from {{ ref('stg_remiss__positions') }}

),

items as (

    select
        'cornerstone' as item_kind,
        theme as item,
        theme_label as item_name,
        1 as kind_order,
        cornerstone_rank as order_in_kind
    from cornerstones
    union all
    select
        'section' as item_kind,
        section as item,
        section_name as item_name,
        2 as kind_order,
        section_order as order_in_kind
    from sections

),

ordered_items as (

    select
        item_kind,
        item,
        item_name,
        row_number() over (order by kind_order, order_in_kind, item)::integer as item_order
    from items

),

grid as (

    select
        'remiss:' || rounds.round || ':' || bodies.body || ':' || ordered_items.item_kind || ':' || ordered_items.item
            as position_id,
        bodies.body,
        bodies.body_name,
        bodies.body_kind,
        bodies.body_order,
        rounds.round,
        rounds.round_name,
        ordered_items.item_kind,
        ordered_items.item,
        ordered_items.item_name,
        ordered_items.item_order
    from bodies
    cross join rounds
    cross join ordered_items

),

final as (

    select
        grid.*,
        positions.position,
        case positions.position
            when 'instammer' then 'instämmer'
            when 'instammer_med_andringar' then 'instämmer med ändringar'
            when 'instammer_inte' then 'instämmer inte'
            when 'ingen_asikt' then 'ingen åsikt'
            else 'ej svarat'
        end as position_label,
        positions.comment_text is not null as has_comment
    from grid
    left join positions using (position_id)

)

select * from final
