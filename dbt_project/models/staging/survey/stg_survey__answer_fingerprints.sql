-- Each survey answer's fingerprint (the hash of its normalised text) and word count:
-- answers with equal fingerprints are the same text (hornsten.tagging.campaigns).

with

source as (

    select * from {{ source('survey', 'answer_fingerprints') }}
    where survey_id = '{{ var("survey_id") }}'

),

renamed as (

    select

        ---------- ids
        survey_id || ':' || response_id || ':' || question_code as answer_id,
        survey_id || ':' || response_id as response_key,
        question_code,

        ---------- fingerprint
        text_hash,
        word_count

    from source

)

select * from renamed
