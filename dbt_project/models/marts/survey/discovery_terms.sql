-- What the codebook misses: frequent words and two-word phrases that belong to no
-- component, counted in untagged and tagged answers, with example answers, so the
-- process leaders can propose new components or terms. Stop words, short words,
-- numbers and the privacy placeholders are left out; only terms used by at least
-- var('min_group_size') respondents are listed, the 300 most frequent in untagged
-- answers of each kind.

{#- Hash joins: the planner cannot see how many candidate words a CTE holds and would
    sort every one of them twice to pair each word with the next. -#}
{{ config(pre_hook="set local enable_mergejoin = off") }}
{%- set min_group = var('min_group_size', 5) %}

with

words as (

    select
        text_id as answer_id,
        word_position,
        word
    from {{ ref('int_text_words') }}

),

vocabulary as (

    select
        word,
        stem_folded
    from {{ ref('int_vocabulary') }}
    where
        not is_stopword
        and length(word) >= 4
        and word !~ '^[0-9]+$'
        and word not in ('personnummer', 'post', 'telefon', 'adress', 'namn')
        and word not in (select terms.word from {{ ref('int_vocabulary_terms') }} as terms)

),

answers as (

    select
        answer_id,
        response_key,
        is_tagged
    from {{ ref('int_answers_tagged') }}

),

candidate_words as (

    select
        words.answer_id,
        words.word_position,
        words.word,
        vocabulary.stem_folded
    from words
    inner join vocabulary using (word)

),

bigrams as (

    select
        a.answer_id,
        'fras' as term_type,
        a.stem_folded || ' ' || b.stem_folded as term_key,
        a.word || ' ' || b.word as surface
    from candidate_words as a
    inner join candidate_words as b on a.answer_id = b.answer_id and b.word_position = a.word_position + 1

),

grams as (

    select
        answer_id,
        'ord' as term_type,
        stem_folded as term_key,
        word as surface
    from candidate_words
    union all
    select * from bigrams

),

-- One row per term and answer it occurs in: each count below is then a plain count
-- over hashed groups, not a count(distinct) that sorts every occurrence.
term_answers as (

    select
        grams.term_type,
        grams.term_key,
        grams.answer_id,
        answers.response_key,
        answers.is_tagged,
        min(grams.surface) as surface
    from grams
    inner join answers using (answer_id)
    group by grams.term_type, grams.term_key, grams.answer_id, answers.response_key, answers.is_tagged

),

respondent_terms as (

    select distinct
        term_type,
        term_key,
        response_key
    from term_answers

),

term_respondents as (

    select
        term_type,
        term_key,
        count(*) as respondents
    from respondent_terms
    group by term_type, term_key

),

counted as (

    select
        term_answers.term_type,
        term_answers.term_key,
        min(term_answers.surface) as term,
        count(*) filter (where not term_answers.is_tagged) as untagged_answers,
        count(*) filter (where term_answers.is_tagged) as tagged_answers
    from term_answers
    group by term_answers.term_type, term_answers.term_key

),

kept as (

    select
        counted.*,
        term_respondents.respondents,
        rank()
            over (
                partition by counted.term_type
                order by counted.untagged_answers desc, term_respondents.respondents desc, counted.term_key asc
            )
            as rank_untagged
    from counted
    inner join term_respondents using (term_type, term_key)
    where term_respondents.respondents >= {{ min_group }}

),

top_terms as (

    select * from kept
    where rank_untagged <= 300

),

numbered as (

    select
        term_answers.term_type,
        term_answers.term_key,
        term_answers.answer_id,
        row_number()
            over (partition by term_answers.term_type, term_answers.term_key order by md5(term_answers.answer_id))
            as n
    from term_answers
    inner join top_terms using (term_type, term_key)

),

examples as (

    select
        numbered.term_type,
        numbered.term_key,
        array_agg(left(texts.answer_text, 200) order by numbered.n) as example_answers
    from numbered
    inner join {{ ref('stg_survey__answers') }} as texts using (answer_id)
    where numbered.n <= 3
    group by numbered.term_type, numbered.term_key

),

final as (

    select
        top_terms.term_type || ':' || top_terms.term_key as discovery_id,
        top_terms.term_type,
        top_terms.term,
        top_terms.term_key,
        top_terms.respondents,
        top_terms.untagged_answers,
        top_terms.tagged_answers,
        examples.example_answers,
        top_terms.rank_untagged
    from top_terms
    inner join examples using (term_type, term_key)

)

select * from final
