-- What the remiss bodies' comments are about: one row per codebook component raised
-- in at least one comment (all rounds), with how many comments and which bodies
-- raised it, the positions those comments went with, and up to three example
-- comments. Components come from the same tagging as the survey, so this can be
-- read side by side with marts.component_shares.

with

comment_components as (

    select * from {{ ref('int_remiss_comment_components') }}

),

positions as (

    select
        position_id,
        comment_text
    from {{ ref('stg_remiss__positions') }}

),

bodies as (

    select
        body,
        body_name,
        body_order
    from {{ ref('stg_process__remiss_bodies') }}

),

components as (

    select
        component,
        component_label
    from {{ ref('stg_codebook__components') }}

),

themes as (

    select
        theme,
        theme_label
    from {{ ref('stg_codebook__themes') }}

),

comments as (

    select
        comment_components.component,
        comment_components.theme,
        comment_components.position_id,
        comment_components.body,
        coalesce(bodies.body_name, comment_components.body) as body_name,
        bodies.body_order,
        comment_components.position,
        positions.comment_text,
        row_number() over (
            partition by comment_components.component, comment_components.body
            order by comment_components.position_id
        ) as rank_in_body
    from comment_components
    inner join positions using (position_id)
    left join bodies using (body)

),

-- Examples from as many bodies as possible: each body's first comment before any
-- body's second, bodies in the configured order.
ranked as (

    select
        *,
        row_number() over (
            partition by component
            order by rank_in_body, body_order nulls last, body, position_id
        ) as example_rank
    from comments

),

aggregated as (

    select
        component,
        theme,
        count(*) as comments,
        count(distinct body) as body_count,
        array_agg(distinct body_name order by body_name) as bodies,
        count(*) filter (where position = 'instammer') as agree,
        count(*) filter (where position = 'instammer_med_andringar') as agree_with_changes,
        count(*) filter (where position = 'instammer_inte') as disagree,
        count(*) filter (where position = 'ingen_asikt') as no_opinion,
        array_agg(body_name || ': ' || comment_text order by example_rank)
        filter (where example_rank <= 3) as example_comments
    from ranked
    group by component, theme

),

final as (

    select
        aggregated.component,
        components.component_label,
        aggregated.theme,
        themes.theme_label,
        aggregated.comments,
        aggregated.body_count,
        aggregated.bodies,
        aggregated.agree,
        aggregated.agree_with_changes,
        aggregated.disagree,
        aggregated.no_opinion,
        aggregated.example_comments
    from aggregated
    left join components using (component)
    left join themes using (theme)

)

select * from final
