{{ config(indexes=[{'columns': ['text_id']}]) }}

-- Every piece of evidence for a tag: which term matched which word (or phrase) of
-- which text. This is what makes each tag explainable.
--
-- Incremental, by text: a word matches the same terms whichever text it stands in, so
-- a run matches only the words of new and changed texts and deletes the evidence of
-- texts that are gone; a changed codebook or tagging SQL matches every text again
-- (the rule: macros/incremental_tagging.sql).

{%- set scope = tagging_scope(ref('int_texts'), ref('int_tagging_fingerprint')) %}

with

words as (

    select * from {{ ref('int_text_words') }}
    {{ where_text_to_tag(scope) }}

),

vocabulary_terms as (

    select * from {{ ref('int_vocabulary_terms') }}

),

vocabulary as (

    select
        word,
        word_folded,
        word_plain,
        has_swedish_letters
    from {{ ref('int_vocabulary') }}

),

phrase_tokens as (

    select * from {{ ref('int_phrase_tokens') }}

),

terms as (

    select
        term_id,
        strength
    from {{ ref('stg_codebook__terms') }}

),

-- Each vocabulary word that can stand at a position of a phrase: the same word, or —
-- for the last word of a phrase ending in * — any word starting with it. As for
-- single terms, words with å/ä/ö compare as written, others folded.
vocabulary_phrase_tokens as (

    select
        vocabulary.word,
        phrase_tokens.*
    from vocabulary
    inner join phrase_tokens
        on
            not phrase_tokens.is_open_ended and vocabulary.has_swedish_letters
            and vocabulary.word_plain = phrase_tokens.token_plain
    union all
    select
        vocabulary.word,
        phrase_tokens.*
    from vocabulary
    inner join phrase_tokens
        on
            not phrase_tokens.is_open_ended and not vocabulary.has_swedish_letters
            and vocabulary.word_folded = phrase_tokens.token
    union all
    select
        vocabulary.word,
        phrase_tokens.*
    from vocabulary
    inner join phrase_tokens on
        phrase_tokens.is_open_ended
        and case
            when vocabulary.has_swedish_letters
                then vocabulary.word_plain like phrase_tokens.token_plain || '%'
            else vocabulary.word_folded like phrase_tokens.token || '%'
        end

),

word_matches as (

    select
        words.text_id,
        vocabulary_terms.component,
        vocabulary_terms.term_id,
        vocabulary_terms.term,
        vocabulary_terms.match_kind,
        words.word as matched_text,
        words.word_position
    from words
    inner join vocabulary_terms using (word)

),

-- A phrase matches where all its words stand in order: same start position for every token.
phrase_matches as (

    select
        words.text_id,
        vocabulary_phrase_tokens.component,
        vocabulary_phrase_tokens.term_id,
        vocabulary_phrase_tokens.term,
        'phrase' as match_kind,
        string_agg(words.word, ' ' order by words.word_position) as matched_text,
        min(words.word_position) as word_position
    from words
    inner join vocabulary_phrase_tokens using (word)
    group by
        words.text_id,
        vocabulary_phrase_tokens.component,
        vocabulary_phrase_tokens.term_id,
        vocabulary_phrase_tokens.term,
        vocabulary_phrase_tokens.token_count,
        words.word_position - vocabulary_phrase_tokens.token_position
    having count(distinct vocabulary_phrase_tokens.token_position) = vocabulary_phrase_tokens.token_count

),

all_matches as (

    select * from word_matches
    union all
    select * from phrase_matches

),

final as (

    select
        all_matches.*,
        terms.strength as term_strength
    from all_matches
    inner join terms using (term_id)

)

select * from final
