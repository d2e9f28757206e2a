with

source as (

    select * from {{ source('process', 'process_target_groups') }}
    where process = '{{ var("process") }}'

),

renamed as (

    select
        ---------- ids
        target_group,

        ---------- properties
        name as target_group_name,
        position as target_group_order

    from source

)

select * from renamed
