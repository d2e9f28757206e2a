with

source as (

    select * from {{ source('dialogue', 'dialogue_statements') }}
    where process = '{{ var("process") }}'

),

renamed as (

    select
        ---------- ids
        'dialogue:' || meeting_id || ':' || statement_no as statement_id,
        meeting_id,
        statement_no,
        nullif(cornerstone, '') as cornerstone,

        ---------- the statement
        stance,
        statement_text,
        statement_text ~ '\[(personnummer|e-post|telefon|adress|namn)\]' as had_personal_data

    from source

)

select * from renamed
