with

source as (

    select * from {{ source('process', 'process_remiss_bodies') }}
    where process = '{{ var("process") }}'

),

renamed as (

    select
        ---------- ids
        body,

        ---------- properties
        kind as body_kind,
        name as body_name,
        contact as contact_address,
        position as body_order

    from source

)

select * from renamed
