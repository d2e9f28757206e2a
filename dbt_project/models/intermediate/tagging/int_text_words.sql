{{ config(materialized='table', indexes=[{'columns': ['word']}, {'columns': ['text_id']}]) }}

-- One row per word of every text (int_texts: survey answers, dialogue statements,
-- remiss comments): the tokens the codebook is matched against. Words are maximal
-- runs of letters and digits, so hyphenated compounds ("gång-") split too; numbers
-- such as 1177 are words of their own.

with

texts as (

    select
        text_id,
        text_body
    from {{ ref('int_texts') }}

),

words as (

    select
        texts.text_id,
        token.position::integer as word_position,
        token.word
    from texts
    cross join
        lateral regexp_split_to_table(lower(texts.text_body), '[^[:alnum:]]+')
        with ordinality as token (word, position)
    where token.word <> ''

)

select * from words
