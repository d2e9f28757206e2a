-- Meetings held against the plan per forum or office: one row per configured forum,
-- so the process leader sees which councils and offices still owe a meeting.

with

forums as (

    select * from {{ ref('stg_process__forums') }}

),

target_groups as (

    select
        target_group,
        target_group_name
    from {{ ref('stg_process__target_groups') }}

),

meetings as (

    select * from {{ ref('stg_dialogue__meetings') }}

),

statements as (

    select
        meeting_id,
        count(*) as statements
    from {{ ref('stg_dialogue__statements') }}
    group by meeting_id

),

held as (

    select
        meetings.forum,
        count(*) as meetings_held,
        sum(meetings.participants) as participants,
        sum(coalesce(statements.statements, 0)) as statements,
        min(meetings.held_on) as first_meeting_on,
        max(meetings.held_on) as last_meeting_on
    from meetings
    left join statements using (meeting_id)
    group by meetings.forum

),

final as (

    select
        forums.forum,
        forums.forum_name,
        forums.forum_order,
        forums.target_group,
        target_groups.target_group_name,
        forums.via_office,
        forums.planned_meetings,
        coalesce(held.meetings_held, 0)::integer as meetings_held,
        coalesce(held.participants, 0)::integer as participants,
        coalesce(held.statements, 0)::integer as statements,
        held.first_meeting_on,
        held.last_meeting_on,
        greatest(forums.planned_meetings - coalesce(held.meetings_held, 0), 0)::integer as meetings_outstanding
    from forums
    left join target_groups using (target_group)
    left join held using (forum)

)

select * from final
