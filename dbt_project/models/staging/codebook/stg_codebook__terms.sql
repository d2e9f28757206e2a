-- The Swedish codebook and its terms in other languages, matched by the same SQL: an
-- answer in English or Arabic is tagged by the terms written in it.

with

swedish as (

    select
        component,
        term,
        match,
        strength,
        'sv' as language,
        note
    from {{ ref('codebook_terms') }}

),

other_languages as (

    select
        component,
        term,
        match,
        strength,
        language,
        note
    from {{ ref('codebook_terms_other_languages') }}

),

-- terms a reviewer proposed and one with can_approve approved (the review page); the
-- seed stays the base, and an approved term exported into it later counts once
approved as (

    select
        component,
        value as term,
        match_kind,
        'strong' as strength,
        'sv' as language,
        'granskning: förslag ' || proposal_id || ', godkänt av ' || decided_by as note
    from {{ ref('stg_review__codebook_proposals') }}
    where kind = 'term' and status = 'approved'

),

source as (

    select * from swedish
    union all
    select * from other_languages
    union all
    select * from approved
    where not exists (
        select from swedish
        where
            trim(swedish.component) = approved.component
            and lower(trim(swedish.match)) = approved.match_kind
            and lower(regexp_replace(trim(swedish.term), '\s+', ' ', 'g')) = approved.term
    )

),

cleaned as (

    select
        trim(component) as component,
        lower(regexp_replace(trim(term), '\s+', ' ', 'g')) as term,
        lower(trim(match)) as match_kind,
        coalesce(nullif(lower(trim(strength)), ''), 'strong') as strength,
        lower(trim(language)) as language,
        note
    from source
    -- a term of nothing but punctuation would match every answer
    where regexp_replace(coalesce(term, ''), '[^[:alnum:]]', '', 'g') <> ''

),

renamed as (

    select
        ---------- ids
        -- a Swedish term keeps the id it always had; one in another language may be spelt like a Swedish one
        case
            when language = 'sv' then md5(component || '|' || match_kind || '|' || term)
            else md5(component || '|' || match_kind || '|' || term || '|' || language)
        end as term_id,
        component,
        language,

        ---------- the term as written and in the forms the matcher compares
        term,
        match_kind,
        strength,
        {{ fold('term') }} as term_folded,
        {{ fold_umlauts('term') }} as term_plain,
        case when match_kind = 'stem' then {{ swedish_stem('term') }} end as term_stem,
        case
            when match_kind = 'stem' then {{ fold_umlauts("(ts_lexize('swedish_stem', term))[1]") }}
        end as term_stem_plain,
        case
            when match_kind = 'phrase'
                then trim(regexp_replace({{ fold("replace(term, '*', '')") }}, '[^[:alnum:]]+', ' ', 'g'))
        end as phrase_folded,
        case
            when match_kind = 'phrase'
                then trim(regexp_replace({{ fold_umlauts("replace(term, '*', '')") }}, '[^[:alnum:]]+', ' ', 'g'))
        end as phrase_plain,
        match_kind = 'phrase' and term like '%*' as phrase_open_ended,
        note

    from cleaned

)

select * from renamed
