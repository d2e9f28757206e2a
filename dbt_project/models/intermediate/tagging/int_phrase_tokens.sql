{{ config(materialized='table') }}

-- The codebook's phrases split into their words, so that phrases are matched as
-- consecutive words of a text (a hash join) rather than by scanning every text.

with

phrases as (

    select
        term_id,
        component,
        term,
        phrase_folded,
        phrase_plain,
        phrase_open_ended
    from {{ ref('stg_codebook__terms') }}
    where match_kind = 'phrase' and phrase_folded <> ''

),

tokens as (

    select
        phrases.term_id,
        phrases.component,
        phrases.term,
        {{ fold('token.word') }} as token,
        token.word as token_plain,
        token.position::integer as token_position,
        count(*) over (partition by phrases.term_id) as token_count,
        phrases.phrase_open_ended
    from phrases
    -- folding keeps every letter a letter, so the plain and folded phrases split alike
    cross join lateral regexp_split_to_table(phrases.phrase_plain, ' ') with ordinality as token (word, position)

),

final as (

    select
        term_id,
        component,
        term,
        token,
        token_plain,
        token_position,
        token_count,
        phrase_open_ended and token_position = token_count as is_open_ended
    from tokens

)

select * from final
