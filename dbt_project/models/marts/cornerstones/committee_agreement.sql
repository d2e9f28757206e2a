-- How much the steering committee agrees, as one row: Kendall's coefficient of
-- concordance W over the members' rankings (0 = no agreement, 1 = identical
-- rankings), and the same over the parties' mean rankings.

with

ranked as (

    select
        member,
        party,
        theme,
        effective_rank
    from {{ ref('int_committee_ranks') }}

),

stats as (

    select
        count(distinct member)::float8 as m,
        count(distinct party)::float8 as p,
        count(distinct theme)::float8 as n
    from ranked

),

member_sums as (

    select
        theme,
        sum(effective_rank) as rank_sum
    from ranked
    group by theme

),

member_sums_and_mean as (

    select
        rank_sum,
        avg(rank_sum) over () as avg_sum
    from member_sums

),

member_spread as (

    select sum(power(rank_sum - avg_sum, 2)) as s
    from member_sums_and_mean

),

party_ranks as (

    select
        party,
        theme,
        rank() over (partition by party order by avg(effective_rank)) as party_rank
    from ranked
    group by party, theme

),

party_sums as (

    select
        theme,
        sum(party_rank) as rank_sum
    from party_ranks
    group by theme

),

party_sums_and_mean as (

    select
        rank_sum,
        avg(rank_sum) over () as avg_sum
    from party_sums

),

party_spread as (

    select sum(power(rank_sum - avg_sum, 2)) as s
    from party_sums_and_mean

),

-- W = 12 S / (m² (n³ − n)), without tie correction (ties are rare: only equal points).
final as (

    select
        stats.m::integer as members,
        stats.p::integer as parties,
        stats.n::integer as themes,
        round((12 * member_spread.s / nullif(stats.m * stats.m * (power(stats.n, 3) - stats.n), 0))::numeric, 3)
            as kendall_w_members,
        round((12 * party_spread.s / nullif(stats.p * stats.p * (power(stats.n, 3) - stats.n), 0))::numeric, 3)
            as kendall_w_parties
    from stats
    cross join member_spread
    cross join party_spread

)

select * from final
