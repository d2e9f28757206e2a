{{ config(materialized='table', indexes=[{'columns': ['word']}, {'columns': ['answer_id']}]) }}

-- One row per word of every text (int_texts: survey answers, dialogue statements,
-- remiss comments): the tokens the codebook is matched against. `answer_id` is the
-- text's id. Words are maximal runs of letters and digits, so hyphenated compounds
-- ("gång-") split too; numbers such as 1177 are words of their own.

with

answers as (

    select text_id as answer_id, text_body as answer_text from {{ ref('int_texts') }}

),

words as (

    select
        answers.answer_id,
        token.position::integer as word_position,
        token.word
    from answers
    cross join lateral regexp_split_to_table(lower(answers.answer_text), '[^[:alnum:]]+')
        with ordinality as token (word, position)
    where token.word <> ''

)

select * from words
