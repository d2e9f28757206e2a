-- What the codebook misses: frequent words and two-word phrases that belong to no
-- component, counted in untagged and tagged answers, with example answers, so the
-- process leaders can propose new components or terms. Stop words, very short words
-- and the privacy placeholders are left out; only terms used by at least
-- var('min_group_size') respondents are listed.

{%- set min_group = var('min_group_size', 5) %}

with

words as (

    select * from {{ ref('int_answer_words') }}

),

vocabulary as (

    select * from {{ ref('int_vocabulary') }}

),

matched_words as (

    select distinct word from {{ ref('int_vocabulary_terms') }}

),

answers as (

    select answer_id, response_key, question_code, answer_text, is_tagged from {{ ref('int_answers_tagged') }}

),

candidate_words as (

    select words.answer_id, words.word_position, words.word, vocabulary.stem_folded
    from words
    join vocabulary using (word)
    where not vocabulary.is_stopword
        and length(words.word) >= 4
        and words.word !~ '^[0-9]+$'
        and words.word not in ('personnummer', 'post', 'telefon')
        and not exists (select 1 from matched_words where matched_words.word = words.word)

),

unigrams as (

    select answer_id, stem_folded as term_key, word as surface, 'ord' as term_type
    from candidate_words

),

bigrams as (

    select a.answer_id, a.stem_folded || ' ' || b.stem_folded as term_key,
           a.word || ' ' || b.word as surface, 'fras' as term_type
    from candidate_words as a
    join candidate_words as b on b.answer_id = a.answer_id and b.word_position = a.word_position + 1

),

occurrences as (

    select distinct grams.answer_id, grams.term_key, grams.surface, grams.term_type,
           answers.response_key, answers.is_tagged, answers.answer_text
    from (select * from unigrams union all select * from bigrams) as grams
    join answers using (answer_id)

),

counted as (

    select
        term_type,
        term_key,
        mode() within group (order by surface) as term,
        count(distinct response_key) as respondents,
        count(distinct answer_id) filter (where not is_tagged) as untagged_answers,
        count(distinct answer_id) filter (where is_tagged) as tagged_answers,
        (array_agg(distinct left(answer_text, 200)))[1:3] as example_answers
    from occurrences
    group by term_type, term_key

),

final as (

    select
        term_type || ':' || term_key as discovery_id,
        term_type,
        term,
        term_key,
        respondents,
        untagged_answers,
        tagged_answers,
        example_answers,
        rank() over (partition by term_type order by untagged_answers desc, respondents desc) as rank_untagged
    from counted
    where respondents >= {{ min_group }}

)

select * from final
