-- One row per respondent, question and component mentioned — plus one row per
-- respondent and component for all questions together (question_code = 'alla').
-- With the respondent's demographics and weight, it answers questions like "which
-- components do young people in Navestad mention most, weighted?" in one query.

with

bridge as (

    select distinct
        response_key,
        question_code,
        component,
        theme
    from {{ ref('int_answer_components') }}

),

per_question as (

    select
        response_key,
        question_code,
        component,
        theme
    from bridge
    union all
    select distinct
        response_key,
        'alla' as question_code,
        component,
        theme
    from bridge

),

respondents as (

    select
        response_key,
        age_group,
        gender,
        district,
        weight
    from {{ ref('respondents') }}

),

components as (

    select
        component,
        component_label
    from {{ ref('stg_codebook__components') }}

),

final as (

    select
        per_question.response_key || ':' || per_question.question_code || ':' || per_question.component
            as response_component_id,
        per_question.response_key,
        per_question.question_code,
        per_question.component,
        components.component_label,
        per_question.theme,
        respondents.age_group,
        respondents.gender,
        respondents.district,
        respondents.weight
    from per_question
    inner join respondents using (response_key)
    inner join components using (component)

)

select * from final
