with

source as (

    select * from {{ answers_source() }}

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
        answer_text ~ '\[(personnummer|e-post|telefon)\]' as had_personal_data

    from source

)

select * from renamed
