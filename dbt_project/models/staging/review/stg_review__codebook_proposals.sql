with

source as (

    select * from {{ source('review', 'codebook_proposals') }}

),

renamed as (

    select
        ---------- ids
        proposal_id,
        trim(component) as component,

        ---------- the proposal
        kind,
        lower(regexp_replace(trim(value), '\s+', ' ', 'g')) as value,
        lower(trim(match)) as match_kind,
        source_answer_id,
        note,

        ---------- who and when
        proposed_by,
        proposed_at,
        status,
        decided_by,
        decided_at

    from source

)

select * from renamed
