-- Every member's valuation as a rank per theme, whichever way they filled in the
-- sheet: point-givers are ranked by their points, ties sharing the average rank.

with

valuations as (

    select * from {{ ref('stg_committee__valuations') }}

),

final as (

    select
        valuations.*,
        case
            when method = 'rank' then rank::float8
            else (2 * rank() over (partition by member order by points desc)
                  + count(*) over (partition by member, points) - 1) / 2.0
        end as effective_rank
    from valuations

)

select * from final
