-- Which components respondents mention together (across all their answers): pairs
-- with the number of respondents mentioning both, Jaccard similarity and lift
-- (above 1: mentioned together more often than chance). Pairs of fewer than
-- var('min_group_size') respondents are left out.

{%- set min_group = var('min_group_size', 5) %}

with

mentions as (

    select distinct
        response_key,
        component,
        component_label
    from {{ ref('response_components') }}
    where question_code = 'alla'

),

respondents as (

    select count(distinct response_key)::float8 as total from {{ ref('stg_survey__answers') }}

),

singles as (

    select
        component,
        count(*) as respondents
    from mentions
    group by component

),

pairs as (

    select
        a.component as component_a,
        a.component_label as component_a_label,
        b.component as component_b,
        b.component_label as component_b_label,
        count(*) as respondents_both
    from mentions as a
    inner join mentions as b on a.response_key = b.response_key and a.component < b.component
    group by a.component, a.component_label, b.component, b.component_label

),

final as (

    select
        pairs.component_a || ':' || pairs.component_b as pair_id,
        pairs.component_a,
        pairs.component_a_label,
        pairs.component_b,
        pairs.component_b_label,
        pairs.respondents_both,
        sa.respondents as respondents_a,
        sb.respondents as respondents_b,
        round((pairs.respondents_both::float8 / (sa.respondents + sb.respondents - pairs.respondents_both))::numeric, 4)
            as jaccard,
        round((pairs.respondents_both * respondents.total / (sa.respondents::float8 * sb.respondents))::numeric, 3)
            as lift
    from pairs
    inner join singles as sa on pairs.component_a = sa.component
    inner join singles as sb on pairs.component_b = sb.component
    cross join respondents
    where pairs.respondents_both >= {{ min_group }}

)

select * from final
