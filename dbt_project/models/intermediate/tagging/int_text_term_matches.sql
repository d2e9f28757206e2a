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

-- Each phrase's anchor: its longest word, as a rule its rarest. A phrase can only
-- stand where its anchor does, so the texts' words meet the anchors first and the
-- rest of each phrase is looked up at the positions it would take — rather than every
-- occurrence of every phrase word being grouped (common words stand in many phrases:
-- millions of rows sorted at 100,000 responses).
phrase_anchors as (

    select distinct on (term_id)
        term_id,
        token_position
    from phrase_tokens
    order by term_id asc, length(token_plain) desc, token_position asc

),

anchor_words as (

    select vocabulary_phrase_tokens.*
    from vocabulary_phrase_tokens
    inner join phrase_anchors using (term_id, token_position)

),

-- Where a phrase would start in a text: its anchor's position less the anchor's place.
phrase_starts as (

    select
        words.text_id,
        anchor_words.term_id,
        words.word_position - anchor_words.token_position as start_position
    from words
    inner join anchor_words using (word)

),

-- The words standing where each word of the phrase would, when they fit it.
phrase_words as (

    select
        phrase_starts.text_id,
        phrase_starts.start_position,
        vocabulary_phrase_tokens.component,
        vocabulary_phrase_tokens.term_id,
        vocabulary_phrase_tokens.term,
        vocabulary_phrase_tokens.token_count,
        vocabulary_phrase_tokens.token_position,
        words.word,
        words.word_position
    from phrase_starts
    inner join phrase_tokens
        on phrase_starts.term_id = phrase_tokens.term_id
    inner join words
        on
            phrase_starts.text_id = words.text_id
            and phrase_starts.start_position + phrase_tokens.token_position = words.word_position
    inner join vocabulary_phrase_tokens
        on
            phrase_tokens.term_id = vocabulary_phrase_tokens.term_id
            and phrase_tokens.token_position = vocabulary_phrase_tokens.token_position
            and words.word = vocabulary_phrase_tokens.word

),

-- A phrase matches where all its words stand in order from the same start.
phrase_matches as (

    select
        text_id,
        component,
        term_id,
        term,
        'phrase' as match_kind,
        string_agg(word, ' ' order by word_position) as matched_text,
        min(word_position) as word_position
    from phrase_words
    group by
        text_id,
        component,
        term_id,
        term,
        token_count,
        start_position
    having count(distinct token_position) = token_count

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
