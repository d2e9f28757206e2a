with

source as (

    select * from {{ source('remiss', 'remiss_responses') }}
    where process = '{{ var("process") }}'

),

renamed as (

    select
        ---------- ids
        round || ':' || body as response_id,
        round,
        body,

        ---------- properties
        declined,
        source_file,

        ---------- dates
        received_on,
        loaded_at

    from source

)

select * from renamed
