{{ config(
    materialized='table',
    indexes=[{'columns': ['word'], 'unique': True}, {'columns': ['stem_folded']}, {'columns': ['word_folded']}]
) }}

-- Every distinct word of the texts, stemmed once with PostgreSQL's Swedish Snowball
-- stemmer (stop words come back empty), and folded for spellings without å/ä/ö.

with

words as (

    select
        word,
        count(*) as occurrences
    from {{ ref('int_text_words') }}
    group by word

),

stemmed as (

    select
        word,
        occurrences,
        ts_lexize('swedish_stem', word) as lexemes,
        {{ fold('word') }} as word_folded
    from words

),

final as (

    select
        word,
        occurrences,
        word_folded,
        {{ fold_umlauts('word') }} as word_plain,
        {{ fold_umlauts('lexemes[1]') }} as stem,
        {{ fold('lexemes[1]') }} as stem_folded,
        word ~ '[åäö]' as has_swedish_letters,
        coalesce(cardinality(lexemes), 0) = 0 as is_stopword
    from stemmed

)

select * from final
