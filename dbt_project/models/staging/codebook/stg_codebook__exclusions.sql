with

source as (

    select * from {{ ref('codebook_exclusions') }}

),

renamed as (

    select
        trim(component) as component,
        lower(trim(word_prefix)) as word_prefix,
        {{ fold('trim(word_prefix)') }} as word_prefix_folded,
        note

    from source
    where coalesce(trim(word_prefix), '') <> ''

)

select * from renamed
