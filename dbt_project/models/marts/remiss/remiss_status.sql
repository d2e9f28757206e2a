-- Where every remiss body stands in every round, as of var('as_of_date'): one row
-- per configured body × round. The plan (stg_process__*) drives the rows, so a body
-- that never answered shows up as 'missing' instead of being absent.
--   received  answered on or before the deadline
--   late      answered after the deadline
--   declined  answered that it declines to give an opinion (avstår), whenever
--   missing   no response yet (is_overdue once the deadline has passed)

with

bodies as (

    select * from {{ ref('stg_process__remiss_bodies') }}

),

rounds as (

    select * from {{ ref('stg_process__remiss_rounds') }}

),

responses as (

    select * from {{ ref('stg_remiss__responses') }}

),

positions as (

    select
        response_id,
        count(*) as items_answered
    from {{ ref('stg_remiss__positions') }}
    group by response_id

),

planned as (

    select
        rounds.round || ':' || bodies.body as response_id,
        bodies.body,
        bodies.body_name,
        bodies.body_kind,
        bodies.contact_address,
        bodies.body_order,
        rounds.round,
        rounds.round_name,
        rounds.sent_on,
        rounds.deadline,
        rounds.reminders_from,
        {{ as_of_date() }} as as_of_date
    from bodies
    cross join rounds

),

joined as (

    select
        planned.*,
        responses.received_on,
        responses.declined,
        responses.source_file,
        coalesce(positions.items_answered, 0) as items_answered,
        case
            when responses.response_id is null then 'missing'
            when responses.declined then 'declined'
            when responses.received_on > planned.deadline then 'late'
            else 'received'
        end as status
    from planned
    left join responses using (response_id)
    left join positions using (response_id)

),

final as (

    select
        response_id as remiss_status_id,
        body,
        body_name,
        body_kind,
        contact_address,
        body_order,
        round,
        round_name,
        sent_on,
        deadline,
        reminders_from,
        as_of_date,
        received_on,
        coalesce(declined, false) as declined,
        source_file,
        items_answered,
        status,
        case status
            when 'received' then 'inkommet'
            when 'late' then 'inkommet sent'
            when 'declined' then 'avstår'
            else 'saknas'
        end as status_label,
        -- days after the deadline the response came, or — still missing — has been due
        greatest(coalesce(received_on, as_of_date) - deadline, 0) as days_late,
        status = 'missing' and as_of_date > deadline as is_overdue
    from joined

)

select * from final
