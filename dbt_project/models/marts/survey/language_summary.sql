-- Answers per detected language, per question and for all questions ('alla'): how
-- many, their share, and how many the codebook tagged — so answers in other
-- languages are counted, and seen when the codebook has no terms for them.

with

answers as (

    select
        question_code,
        response_key,
        coalesce(language, 'und') as language,
        is_other_language,
        is_tagged
    from {{ ref('int_answers_tagged') }}

),

counted as (

    select
        coalesce(question_code, 'alla') as question_code,
        language,
        bool_or(is_other_language) as is_other_language,
        count(*) as answers,
        count(distinct response_key) as respondents,
        count(*) filter (where is_tagged) as tagged_answers,
        count(*) filter (where not is_tagged) as untagged_answers
    from answers
    group by grouping sets ((question_code, language), (language))

),

final as (

    select
        md5(question_code || '|' || language) as language_summary_id,
        question_code,
        language,
        is_other_language,
        answers,
        respondents,
        round(answers::numeric / sum(answers) over (partition by question_code), 4) as share_of_answers,
        tagged_answers,
        untagged_answers
    from counted

)

select * from final
