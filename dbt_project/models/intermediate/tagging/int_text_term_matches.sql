{{ config(
    indexes=[{'columns': ['text_id']}],
    pre_hook=["set local join_collapse_limit = 1", "set local from_collapse_limit = 1"]
) }}

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
        occurrences,
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

-- A phrase is looked for from its rarest word (the anchor: the position whose
-- matching words occur least in the texts). Joining every word of the texts to every
-- phrase word instead pairs each "och" and "i" with every phrase that has one: at
-- 100,000 responses nine million pairs to sort, of which 60,000 made a phrase.
-- Phrases with a word no text has cannot match and get no anchor. The joins run in
-- the order written (the pre-hooks): the planner, which guesses millions of rows for
-- the few thousand vocabulary_phrase_tokens, would otherwise start from that pairing.
phrase_positions as (

    select
        vocabulary_phrase_tokens.term_id,
        vocabulary_phrase_tokens.token_position,
        vocabulary_phrase_tokens.token_count,
        sum(vocabulary.occurrences) as occurrences
    from vocabulary_phrase_tokens
    inner join vocabulary using (word)
    group by
        vocabulary_phrase_tokens.term_id,
        vocabulary_phrase_tokens.token_position,
        vocabulary_phrase_tokens.token_count

),

matchable_phrases as (

    select term_id
    from phrase_positions
    group by term_id, token_count
    having count(*) = token_count

),

anchors as (

    select distinct on (phrase_positions.term_id)
        phrase_positions.term_id,
        phrase_positions.token_position as anchor_position
    from phrase_positions
    inner join matchable_phrases using (term_id)
    order by phrase_positions.term_id, phrase_positions.occurrences, phrase_positions.token_position

),

-- Where each phrase would start, from each word of a text that is its anchor.
phrase_starts as (

    select
        words.text_id,
        vocabulary_phrase_tokens.term_id,
        words.word_position - vocabulary_phrase_tokens.token_position as phrase_start
    from anchors
    inner join vocabulary_phrase_tokens
        on
            anchors.term_id = vocabulary_phrase_tokens.term_id
            and anchors.anchor_position = vocabulary_phrase_tokens.token_position
    inner join words on vocabulary_phrase_tokens.word = words.word

),

-- The words standing at the phrase's positions from that start, where they fit.
phrase_words as (

    select
        phrase_starts.text_id,
        phrase_starts.phrase_start,
        vocabulary_phrase_tokens.component,
        vocabulary_phrase_tokens.term_id,
        vocabulary_phrase_tokens.term,
        vocabulary_phrase_tokens.token_count,
        words.word,
        words.word_position
    from phrase_starts
    inner join phrase_tokens on phrase_starts.term_id = phrase_tokens.term_id
    inner join words
        on
            phrase_starts.text_id = words.text_id
            and phrase_starts.phrase_start + phrase_tokens.token_position = words.word_position
    inner join vocabulary_phrase_tokens
        on
            words.word = vocabulary_phrase_tokens.word
            and phrase_tokens.term_id = vocabulary_phrase_tokens.term_id
            and phrase_tokens.token_position = vocabulary_phrase_tokens.token_position

),

-- A phrase matches where all its words stand in order.
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
    group by text_id, component, term_id, term, token_count, phrase_start
    having count(*) = token_count

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
