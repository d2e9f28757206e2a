with

source as (

    select * from {{ source('dialogue', 'dialogue_poll_results') }}
    where process = '{{ var("process") }}'

),

renamed as (

    select
        ---------- ids
        meeting_id || ':' || md5(question || chr(31) || option) as poll_result_id,
        meeting_id,

        ---------- the poll
        question,
        option,
        position as option_order,
        votes

    from source

)

select * from renamed
