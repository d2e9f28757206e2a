{% test reminders_are_the_missing_bodies(model) %}
-- Checked against staging, not against remiss_status, so that a wrong status
-- cannot hide a wrong reminder.
with expected as (
    select rounds.round, bodies.body
    from {{ ref('stg_process__remiss_bodies') }} as bodies
    cross join {{ ref('stg_process__remiss_rounds') }} as rounds
    where {{ as_of_date() }} >= rounds.reminders_from
        and {{ as_of_date() }} >= rounds.sent_on
        and not exists (
            select 1 from {{ ref('stg_remiss__responses') }} as responses
            where responses.round = rounds.round and responses.body = bodies.body
        )
),
actual as (
    select round, body from {{ model }}
),
differences as (
    (select 'missing from reminders' as problem, * from expected except select 'missing from reminders', * from actual)
    union all
    (select 'reminded but not due' as problem, * from actual except select 'reminded but not due', * from expected)
)
select * from differences
{% endtest %}
