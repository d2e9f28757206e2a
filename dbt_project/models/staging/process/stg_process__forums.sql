with

source as (

    select * from {{ source('process', 'process_forums') }}
    where process = '{{ var("process") }}'

),

renamed as (

    select
        ---------- ids
        forum,
        target_group,

        ---------- properties
        name as forum_name,
        via_office,
        planned_meetings,
        position as forum_order

    from source

)

select * from renamed
