with

source as (

    select * from {{ ref('codebook_places') }}

),

renamed as (

    select
        trim(place) as place,
        lower(trim(word_prefix)) as word_prefix,
        {{ fold('trim(word_prefix)') }} as word_prefix_folded,
        nullif(trim(topic_component), '') as topic_component,
        note

    from source
    where coalesce(trim(word_prefix), '') <> ''

)

select * from renamed
