with

source as (

    select * from {{ source('dialogue', 'dialogue_meetings') }}
    where process = '{{ var("process") }}'

),

renamed as (

    select
        ---------- ids
        meeting_id,
        forum,
        target_group,

        ---------- properties
        place,
        participants,
        facilitator,
        source_file,

        ---------- dates
        held_on,
        loaded_at

    from source

)

select * from renamed
