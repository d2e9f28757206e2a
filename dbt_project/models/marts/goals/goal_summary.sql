-- The goal matrix in one line for the report: how many measures are met, not met
-- and not yet measurable, as of var('as_of_date'). Always exactly one row, also
-- before any measure is configured.

with

measures as (

    select * from {{ ref('goal_measures') }}

),

counted as (

    select
        count(*) as measures,
        count(*) filter (where status = 'met') as met,
        count(*) filter (where status = 'not_met') as not_met,
        count(*) filter (where status = 'not_measurable') as not_measurable
    from measures

),

final as (

    select
        measures,
        met,
        not_met,
        not_measurable,
        round(100.0 * met / nullif(measures - not_measurable, 0), 1) as met_share_of_measurable,
        met || ' av ' || measures || ' mått uppfyllda' as summary,
        met || ' uppfyllda, ' || not_met || ' ej uppfyllda, ' || not_measurable || ' ej mätbara' as summary_detail,
        {{ as_of_date() }} as as_of_date
    from counted

)

select * from final
