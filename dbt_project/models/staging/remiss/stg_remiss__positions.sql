with

source as (

    select * from {{ source('remiss', 'remiss_positions') }}
    where process = '{{ var("process") }}'

),

renamed as (

    select
        ---------- ids
        'remiss:' || round || ':' || body || ':' || item_kind || ':' || item as position_id,
        round || ':' || body as response_id,
        round,
        body,
        item_kind,
        item,

        ---------- the position
        position,
        nullif(comment_text, '') as comment_text,
        comment_text ~ '\[(personnummer|e-post|telefon|adress|namn)\]' as had_personal_data

    from source

)

select * from renamed
