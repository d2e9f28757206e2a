-- Which target groups the dialogue has reached: one row per configured target group,
-- so a group nobody has met shows up as 'ej nådd' instead of silently missing.
-- A group is 'delvis nådd' while fewer meetings are held than its forums plan.

with

target_groups as (

    select * from {{ ref('stg_process__target_groups') }}

),

forums as (

    select * from {{ ref('stg_process__forums') }}

),

meetings as (

    select * from {{ ref('stg_dialogue__meetings') }}

),

statements as (

    select * from {{ ref('stg_dialogue__statements') }}

),

planned as (

    select
        target_group,
        array_agg(forum_name order by forum_order) as forums,
        sum(planned_meetings) as planned_meetings
    from forums
    group by target_group

),

statements_per_meeting as (

    select
        meeting_id,
        count(*) as statements
    from statements
    group by meeting_id

),

held as (

    select
        meetings.target_group,
        count(*) as meetings_held,
        sum(meetings.participants) as participants,
        sum(coalesce(statements_per_meeting.statements, 0)) as statements,
        min(meetings.held_on) as first_meeting_on,
        max(meetings.held_on) as last_meeting_on
    from meetings
    left join statements_per_meeting using (meeting_id)
    group by meetings.target_group

),

joined as (

    select
        target_groups.target_group,
        target_groups.target_group_name,
        target_groups.target_group_order,
        coalesce(planned.forums, '{}'::text[]) as forums,
        coalesce(planned.planned_meetings, 0)::integer as planned_meetings,
        coalesce(held.meetings_held, 0)::integer as meetings_held,
        coalesce(held.participants, 0)::integer as participants,
        coalesce(held.statements, 0)::integer as statements,
        held.first_meeting_on,
        held.last_meeting_on
    from target_groups
    left join planned using (target_group)
    left join held using (target_group)

),

final as (

    select
        *,
        meetings_held > 0 as is_reached,
        case
            when meetings_held = 0 then 'ej nådd'
            when meetings_held < planned_meetings then 'delvis nådd'
            else 'nådd'
        end as coverage_status
    from joined

)

select * from final
