-- One process's survey answers (its survey id, var survey_id).
-- `hornsten eval` (var eval_answers_relation) tags hand-labelled answers instead of
-- the survey's, so that the evaluation measures exactly the production SQL.

with

source as (

    {% if var('eval_answers_relation', '') %}
    select * from {{ source('eval_input', 'answers') }}
    {% else %}
    select * from {{ source('survey', 'survey_answers') }}
    -- one warehouse holds several processes' surveys: only this process's answers
    where survey_id = '{{ var("survey_id") }}'
    {% endif %}

),

renamed as (

    select

        ---------- ids
        survey_id || ':' || response_id || ':' || question_code as answer_id,
        survey_id,
        response_id,
        survey_id || ':' || response_id as response_key,
        question_code,

        ---------- text
        answer_text,
        length(answer_text) as answer_length,
        answer_text ~ '\[(personnummer|e-post|telefon|adress|namn)\]' as had_personal_data

    from source

)

select * from renamed
