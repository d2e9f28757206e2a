-- Every member's valuation as a rank per theme, whichever way they filled in the
-- sheet: point-givers are ranked by their points, ties sharing the average rank.

with

valuations as (

    select * from {{ ref('stg_committee__valuations') }}

),

final as (

    select
        valuations.valuation_id,
        valuations.member,
        valuations.party,
        valuations.theme,
        valuations.points,
        valuations.rank,
        valuations.method,
        valuations.loaded_at,
        case
            when valuations.method = 'rank' then valuations.rank::float8
            else (
                2 * rank() over (partition by valuations.member order by valuations.points desc)
                + count(*) over (partition by valuations.member, valuations.points) - 1
            ) / 2.0
        end as effective_rank
    from valuations

)

select * from final
