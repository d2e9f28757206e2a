with

source as (

    select * from {{ source('process', 'process_remiss_sections') }}
    where process = '{{ var("process") }}'

),

renamed as (

    select
        ---------- ids
        section,

        ---------- properties
        name as section_name,
        position as section_order

    from source

)

select * from renamed
