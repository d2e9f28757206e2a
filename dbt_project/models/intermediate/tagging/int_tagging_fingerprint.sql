{{ config(materialized='table') }}

-- One row: the fingerprint of everything a text's tags depend on besides the text —
-- the codebook as the tagging reads it (terms with their matching forms, exclusions,
-- places, context words; approved review proposals included, notes left out: a note
-- tags nothing) and the SQL of the tagging models and of the macros they call. The
-- per-text models tag everything again when it differs from the one their texts were
-- tagged with (int_tagged_texts; macros/incremental_tagging.sql).

with

terms as (

    select
        md5(
            string_agg(
                concat_ws(
                    '|', term_id, component, language, term, match_kind, strength, term_folded, term_plain,
                    term_stem, term_stem_plain, phrase_folded, phrase_plain, phrase_open_ended
                ),
                e'\n' order by term_id, language
            )
        ) as terms_hash
    from {{ ref('stg_codebook__terms') }}

),

exclusions as (

    select
        md5(
            string_agg(concat_ws('|', component, word_prefix_folded), e'\n' order by component, word_prefix_folded)
        ) as exclusions_hash
    from {{ ref('stg_codebook__exclusions') }}

),

places as (

    select
        md5(
            string_agg(
                concat_ws('|', word_prefix_folded, topic_component), e'\n' order by word_prefix_folded, topic_component
            )
        ) as places_hash
    from {{ ref('stg_codebook__places') }}

),

context_words as (

    select md5(string_agg(concat_ws('|', word, kind), e'\n' order by word, kind)) as context_words_hash
    from {{ ref('stg_codebook__context_words') }}

),

final as (

    select
        md5(
            concat_ws(
                '/',
                terms.terms_hash,
                exclusions.exclusions_hash,
                places.places_hash,
                context_words.context_words_hash,
                '{{ tagging_code_fingerprint() }}'
            )
        ) as tagging_fingerprint
    from terms
    cross join exclusions
    cross join places
    cross join context_words

)

select * from final
