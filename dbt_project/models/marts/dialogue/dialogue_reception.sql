-- How each target group received each cornerstone: one row per cornerstone and
-- configured target group, with the statements of support, support with a change
-- and new proposals made about it. Pairs without statements are kept (zeros, no
-- share), so a cornerstone a group never discussed is visible as such.

with

cornerstones as (

    select
        cornerstone_rank,
        theme,
        theme_label
    from {{ ref('cornerstones') }}
    where is_cornerstone

),

target_groups as (

    select
        target_group,
        target_group_name,
        target_group_order
    from {{ ref('stg_process__target_groups') }}

),

statements as (

    select
        statements.cornerstone as theme,
        meetings.target_group,
        statements.stance
    from {{ ref('stg_dialogue__statements') }} as statements
    inner join {{ ref('stg_dialogue__meetings') }} as meetings using (meeting_id)
    where statements.cornerstone is not null

),

counted as (

    select
        theme,
        target_group,
        count(*) as statements,
        count(*) filter (where stance = 'stod') as support,
        count(*) filter (where stance = 'andring') as change,
        count(*) filter (where stance = 'nytt_forslag') as new_proposal
    from statements
    group by theme, target_group

),

final as (

    select
        cornerstones.theme || ':' || target_groups.target_group as reception_id,
        cornerstones.cornerstone_rank,
        cornerstones.theme,
        cornerstones.theme_label,
        target_groups.target_group,
        target_groups.target_group_name,
        target_groups.target_group_order,
        coalesce(counted.statements, 0)::integer as statements,
        coalesce(counted.support, 0)::integer as support,
        coalesce(counted.change, 0)::integer as change,
        coalesce(counted.new_proposal, 0)::integer as new_proposal,
        round(counted.support::numeric / nullif(counted.statements, 0), 4) as support_share
    from cornerstones
    cross join target_groups
    left join counted
        on
            cornerstones.theme = counted.theme
            and target_groups.target_group = counted.target_group

)

select * from final
