-- What the detection after each load (hornsten.survey.detection) found in each of the
-- process's survey answers: its language (ISO 639-1, or 'und' when it cannot be told)
-- and its fingerprint (the hash of its normalised text: equal hashes are the same text).

with

source as (

    select * from {{ source('survey', 'answer_detections') }}
    where survey_id = '{{ var("survey_id") }}'

),

renamed as (

    select

        ---------- ids
        survey_id || ':' || response_id || ':' || question_code as answer_id,
        survey_id || ':' || response_id as response_key,
        question_code,

        ---------- language
        language,
        language_confidence,
        language_method,
        language not in ('sv', 'und') as is_other_language,

        ---------- fingerprint
        text_hash,
        word_count,

        ---------- timestamps
        detected_at

    from source

)

select * from renamed
