with

source as (

    select * from {{ source('survey', 'survey_responses') }}
    -- one warehouse holds several processes' surveys: only this process's responses
    where survey_id = '{{ var("survey_id") }}'

),

renamed as (

    select

        ---------- ids
        survey_id,
        response_id,
        survey_id || ':' || response_id as response_key,
        respondent_key,
        load_id,

        ---------- demographics (option codes from the process configuration)
        closed_answers ->> 'age_group' as age_group,
        closed_answers ->> 'gender' as gender,
        closed_answers ->> 'district' as district,
        closed_answers,

        ---------- timestamps
        submitted_at,
        submitted_at_source,
        (submitted_at at time zone '{{ var("timezone") }}')::date as submitted_on,
        first_loaded_at,
        updated_at

    from source

)

select * from renamed
