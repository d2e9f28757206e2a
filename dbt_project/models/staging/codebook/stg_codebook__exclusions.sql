with

seed as (

    select
        component,
        word_prefix,
        note
    from {{ ref('codebook_exclusions') }}

),

-- exclusions approved on the review page join the seed's (once, if exported into it)
approved as (

    select
        component,
        value as word_prefix,
        'granskning: förslag ' || proposal_id || ', godkänt av ' || decided_by as note
    from {{ ref('stg_review__codebook_proposals') }}
    where kind = 'exclusion' and status = 'approved'

),

source as (

    select * from seed
    union all
    select * from approved
    where not exists (
        select from seed
        where trim(seed.component) = approved.component and lower(trim(seed.word_prefix)) = approved.word_prefix
    )

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
