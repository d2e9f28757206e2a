with

source as (

    select * from {{ source('priorities', 'priority_ranks') }}
    where round_id = '{{ var("priority_round_id") }}'

),

renamed as (

    select
        round_id || ':' || response_id || ':' || rank as rank_id,
        round_id || ':' || response_id as response_key,
        rank::integer as rank,
        item
    from source

)

select * from renamed
