with

source as (

    select * from {{ source('process', 'process_goal_measures') }}
    where process = '{{ var("process") }}'

),

renamed as (

    select
        ---------- ids
        measure,
        purpose,

        ---------- properties
        purpose_name,
        purpose_position as purpose_order,
        measure_name,
        measure_position as measure_order,
        metric,
        params,
        comparison,
        unit,
        note,

        ---------- figures
        target::float8 as target,
        manual_value::float8 as manual_value

    from source

)

select * from renamed
