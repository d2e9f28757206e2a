{{ config(indexes=[{'columns': ['word']}, {'columns': ['text_id']}]) }}

-- One row per word of every text (int_texts: survey answers, dialogue statements,
-- remiss comments): the tokens the codebook is matched against. Words are maximal
-- runs of letters and digits, so hyphenated compounds ("gång-") split too; numbers
-- such as 1177 are words of their own. Whether a word was written with a capital,
-- and whether it starts a sentence, is kept: a capital mid-sentence marks a name
-- (a place in passing, "i Kolmården").
--
-- Incremental, by text: a run splits only the new and changed texts and deletes the
-- words of texts that are gone; a changed codebook or tagging SQL splits every text
-- again (the rule: macros/incremental_tagging.sql).

{%- set scope = tagging_scope(ref('int_texts'), ref('int_tagging_fingerprint')) %}

with

texts as (

    select
        text_id,
        text_body
    from {{ ref('int_texts') }}
    {{ where_text_to_tag(scope) }}

),

words as (

    select
        texts.text_id,
        token.position::integer as word_position,
        lower(token.parts[2]) as word,
        token.parts[2] ~ '^[[:upper:]]' as is_capitalised,
        token.position = 1 or token.parts[1] ~ '[.!?:;]' as starts_sentence
    from texts
    cross join
        lateral regexp_matches(texts.text_body, '([^[:alnum:]]*)([[:alnum:]]+)', 'g')
        with ordinality as token (parts, position)

)

select * from words
