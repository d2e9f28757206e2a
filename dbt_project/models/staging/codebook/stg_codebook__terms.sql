with

source as (

    select * from {{ ref('codebook_terms') }}

),

cleaned as (

    select
        trim(component) as component,
        lower(regexp_replace(trim(term), '\s+', ' ', 'g')) as term,
        lower(trim(match)) as match_kind,
        coalesce(nullif(lower(trim(strength)), ''), 'strong') as strength,
        note
    from source
    -- a term of nothing but punctuation would match every answer
    where regexp_replace(coalesce(term, ''), '[^[:alnum:]]', '', 'g') <> ''

),

renamed as (

    select
        ---------- ids
        md5(component || '|' || match_kind || '|' || term) as term_id,
        component,

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
