with

source as (

    select * from {{ source('process', 'process_remiss_rounds') }}
    where process = '{{ var("process") }}'

),

renamed as (

    select
        ---------- ids
        round,

        ---------- properties
        name as round_name,
        reminder_days,

        ---------- dates
        sent_on,
        deadline,
        deadline - reminder_days as reminders_from

    from source

)

select * from renamed
