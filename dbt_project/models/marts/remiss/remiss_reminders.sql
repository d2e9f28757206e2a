-- Who to remind, as of var('as_of_date'): bodies without any response (not even a
-- declining one) in a round whose reminder window has opened — reminder_days
-- before the deadline (process configuration remiss.reminder_days). Until the
-- deadline the reminder asks for the answer in time; after it, it is a reminder
-- of an overdue answer. The remiss DAG mails these to contact_address.

with

status as (

    select * from {{ ref('remiss_status') }}

),

final as (

    select
        remiss_status_id as reminder_id,
        body,
        body_name,
        body_kind,
        contact_address,
        body_order,
        round,
        round_name,
        sent_on,
        deadline,
        as_of_date,
        deadline - as_of_date as days_to_deadline,
        case when as_of_date > deadline then 'overdue' else 'before_deadline' end as reminder_kind,
        case
            when as_of_date > deadline
                then
                    'Påminnelse: ert remissvar på ' || round_name || ' skulle ha kommit in senast '
                    || to_char(deadline, 'YYYY-MM-DD') || '.'
            else
                'Påminnelse: lämna ert remissvar på ' || round_name || ' senast '
                || to_char(deadline, 'YYYY-MM-DD') || '.'
        end as reminder_text
    from status
    where
        status = 'missing'
        and as_of_date >= reminders_from
        and as_of_date >= sent_on

)

select * from final
