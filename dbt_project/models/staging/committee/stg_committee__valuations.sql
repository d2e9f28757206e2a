with

source as (

    select * from {{ source('committee', 'committee_valuations') }}
    where process = '{{ var("process") }}'

),

renamed as (

    select
        ---------- ids
        member || ':' || theme as valuation_id,
        member,
        upper(party) as party,
        theme,

        ---------- the valuation as given
        points::float8 as points,
        rank,
        case when points is not null then 'points' else 'rank' end as method,

        ---------- timestamps
        loaded_at

    from source

)

select * from renamed
