with

source as (

    select * from {{ ref('codebook_context_words') }}

),

renamed as (

    select
        lower(trim(word)) as word,
        lower(trim(kind)) as kind,
        note

    from source
    where coalesce(trim(word), '') <> ''

)

select * from renamed
