{% test goal_summary_adds_up(model) %}
with checks as (
    select
        (select count(*) from {{ model }}) as summary_rows,
        (select count(*) from {{ ref('goal_measures') }}) as measure_rows,
        (select count(*) from {{ ref('stg_process__goal_measures') }}) as configured_measures,
        (select sum(measures) from {{ model }}) as measures,
        (select sum(met + not_met + not_measurable) from {{ model }}) as counted,
        (select count(*) from {{ ref('goal_measures') }} where status = 'met') as met_rows,
        (select sum(met) from {{ model }}) as met
)
select * from checks
where summary_rows <> 1
    or measures <> measure_rows
    or measures <> configured_measures
    or counted <> measures
    or met <> met_rows
{% endtest %}
