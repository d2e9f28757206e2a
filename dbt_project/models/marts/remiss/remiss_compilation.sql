-- The remiss compilation (remissammanställning): for every configured body, round
-- and item of the draft (the grid of remiss_position_matrix), the body's status,
-- its position and its comment with the codebook components the comment raises.
-- Bodies that have not answered, or declined, keep their rows so the compilation
-- shows every body the draft was sent to. Read it ordered by round, body_order,
-- item_order.

with

matrix as (

    select * from {{ ref('remiss_position_matrix') }}

),

status as (

    select
        round,
        body,
        status,
        status_label,
        received_on
    from {{ ref('remiss_status') }}

),

positions as (

    select
        position_id,
        comment_text
    from {{ ref('stg_remiss__positions') }}

),

comment_components as (

    select
        comment_components.position_id,
        array_agg(comment_components.component order by comment_components.component) as components,
        -- in the same order as components, so the two arrays line up
        array_agg(components.component_label order by comment_components.component) as component_labels
    from {{ ref('int_remiss_comment_components') }} as comment_components
    inner join {{ ref('stg_codebook__components') }} as components using (component)
    group by comment_components.position_id

),

final as (

    select
        matrix.position_id as compilation_id,
        matrix.round,
        matrix.round_name,
        matrix.body_order,
        matrix.body,
        matrix.body_name,
        matrix.body_kind,
        status.status,
        status.status_label,
        status.received_on,
        matrix.item_order,
        matrix.item_kind,
        matrix.item,
        matrix.item_name,
        matrix.position,
        matrix.position_label,
        positions.comment_text,
        coalesce(comment_components.components, '{}'::text[]) as components,
        coalesce(comment_components.component_labels, '{}'::text[]) as component_labels
    from matrix
    inner join status using (round, body)
    left join positions using (position_id)
    left join comment_components using (position_id)

)

select * from final
