-- The language of each of the process's survey answers, as detected after the load
-- (hornsten.survey.detection): ISO 639-1, or 'und' when it cannot be told.

with

source as (

    select * from {{ source('survey', 'answer_languages') }}
    where survey_id = '{{ var("survey_id") }}'

),

renamed as (

    select

        ---------- ids
        survey_id || ':' || response_id || ':' || question_code as answer_id,

        ---------- language
        language,
        confidence as language_confidence,
        method as language_method,
        language not in ('sv', 'und') as is_other_language,

        ---------- timestamps
        detected_at

    from source

)

select * from renamed
