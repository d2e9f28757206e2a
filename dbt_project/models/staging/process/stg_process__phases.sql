with

source as (

    select * from {{ source('process', 'process_phases') }}
    where process = '{{ var("process") }}'

),

renamed as (

    select
        ---------- ids
        phase,

        ---------- properties
        name as phase_name,
        position as phase_order,

        ---------- dates
        starts_on,
        ends_on

    from source

)

select * from renamed
