with

source as (

    select * from {{ source('review', 'tag_decisions') }}

),

renamed as (

    select
        ---------- ids
        decision_id,
        answer_id,
        trim(component) as component,

        ---------- the decision
        decision,
        reviewer,
        decided_at,
        note,

        -- a later decision on the same tag replaces the earlier ones
        row_number() over (
            partition by answer_id, trim(component) order by decided_at desc, decision_id desc
        ) = 1 as is_latest

    from source

)

select * from renamed
