with

source as (

    select * from {{ source('priorities', 'priority_responses') }}
    -- one warehouse holds several processes' rounds: only this process's
    where round_id = '{{ var("priority_round_id") }}'

),

renamed as (

    select

        ---------- ids
        round_id,
        response_id,
        round_id || ':' || response_id as response_key,
        respondent_key,
        load_id,

        ---------- demographics (option codes from the process configuration)
        closed_answers ->> 'age_group' as age_group,
        closed_answers ->> 'gender' as gender,
        closed_answers ->> 'district' as district,

        ---------- timestamps
        submitted_at,
        submitted_at_source,
        (submitted_at at time zone '{{ var("timezone") }}')::date as submitted_on,
        updated_at

    from source

)

select * from renamed
