-- What the codebook misses: frequent words and two-word phrases that belong to no
-- component, counted in untagged and tagged answers, with example answers, so the
-- process leaders can propose new components or terms. Stop words, short words,
-- numbers and the privacy placeholders are left out; only terms used by at least
-- var('min_group_size') respondents are listed, the 300 most frequent in untagged
-- answers of each kind.

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

grams as (

    select
        answer_id,
        'ord' as term_type,
        stem_folded as term_key,
        word as surface
    from candidate_words
    union all
    select
        a.answer_id,
        'fras' as term_type,
        a.stem_folded || ' ' || b.stem_folded as term_key,
        a.word || ' ' || b.word as surface
    from candidate_words as a
    inner join candidate_words as b on a.answer_id = b.answer_id and b.word_position = a.word_position + 1

),

counted as (

    select
        grams.term_type,
        grams.term_key,
        min(grams.surface) as term,
        count(distinct answers.response_key) as respondents,
        count(distinct grams.answer_id) filter (where not answers.is_tagged) as untagged_answers,
        count(distinct grams.answer_id) filter (where answers.is_tagged) as tagged_answers
    from grams
    inner join answers using (answer_id)
    group by grams.term_type, grams.term_key

),

kept as (

    select
        *,
        rank()
            over (partition by term_type order by untagged_answers desc, respondents desc, term_key asc)
            as rank_untagged
    from counted
    where respondents >= {{ min_group }}

),

top_terms as (

    select * from kept
    where rank_untagged <= 300

),

example_ids as (

    select distinct on (grams.term_type, grams.term_key, grams.answer_id)
        grams.term_type,
        grams.term_key,
        grams.answer_id
    from grams
    inner join top_terms using (term_type, term_key)

),

numbered as (

    select
        example_ids.*,
        row_number()
            over (partition by example_ids.term_type, example_ids.term_key order by md5(example_ids.answer_id))
            as n
    from example_ids

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
