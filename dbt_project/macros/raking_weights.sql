{#- The CTEs, ending in `final`, of raking (iterative proportional fitting) weights:
    the weighted respondents match the population on each margin — district, age
    group and gender. Respondents outside the population table (unknown district or
    age group, living elsewhere) get no weight and are left out of the weighted
    figures only. Gender is fitted among respondents who gave kvinna/man; the others
    keep their weight on that step. District comes last in each round, so the weights
    add up to the population. The calling model reads its inputs in import CTEs:
      population (district, age_group, gender, population): stg_population__cells,
      respondents (response_key, district, age_group, gender).
    Used by the survey's and the prioritisation round's weights. -#}
{% macro raking_weights() %}
{%- set iterations = var('raking_iterations', 20) %}
district_targets as (

    select
        district,
        sum(population)::float8 as target
    from population
    group by district

),

age_targets as (

    select
        age_group,
        sum(population)::float8 as target
    from population
    group by age_group

),

gender_targets as (

    select
        gender,
        sum(population)::float8 / sum(sum(population)) over () as target_share
    from population
    group by gender

),

in_base as (

    select
        respondents.response_key,
        respondents.district,
        respondents.age_group,
        respondents.gender
    from respondents
    where
        respondents.district in (select district_targets.district from district_targets)
        and respondents.age_group in (select age_targets.age_group from age_targets)

),

-- Every respondent starts at weight 1, so all respondents of a cell (district, age
-- group, gender) keep one weight throughout: the fitting runs on the few hundred cells,
-- each carrying its number of respondents, not on every respondent.
cells as (

    select
        district,
        age_group,
        gender,
        count(*)::float8 as respondents
    from in_base
    group by district, age_group, gender

),

step_0 as (

    select
        district,
        age_group,
        gender,
        respondents,
        1.0::float8 as weight
    from cells

),

{% for i in range(iterations) %}
{%- set previous = 'step_' ~ i -%}

by_gender_{{ i }} as (

    select
        p.district,
        p.age_group,
        p.gender,
        p.respondents,
        case
            when g.target_share is null then p.weight
            else
                p.weight * g.target_share
                * sum(p.respondents * p.weight) filter (where g.target_share is not null) over ()
                / sum(p.respondents * p.weight) over (partition by p.gender)
        end as weight
    from {{ previous }} as p
    left join gender_targets as g using (gender)

),

by_age_{{ i }} as (

    select
        p.district,
        p.age_group,
        p.gender,
        p.respondents,
        p.weight * a.target / sum(p.respondents * p.weight) over (partition by p.age_group) as weight
    from by_gender_{{ i }} as p
    inner join age_targets as a using (age_group)

),

step_{{ i + 1 }} as (

    select
        p.district,
        p.age_group,
        p.gender,
        p.respondents,
        p.weight * d.target / sum(p.respondents * p.weight) over (partition by p.district) as weight
    from by_age_{{ i }} as p
    inner join district_targets as d using (district)

),

{% endfor %}

fitted as (

    select
        district,
        age_group,
        gender,
        weight,
        weight * sum(respondents) over () / sum(respondents * weight) over () as relative_weight
    from step_{{ iterations }}

),

final as (

    select
        in_base.response_key,
        in_base.district,
        in_base.age_group,
        in_base.gender,
        fitted.weight,
        fitted.relative_weight
    from in_base
    inner join fitted
        on
            in_base.district = fitted.district
            and in_base.age_group = fitted.age_group
            -- a missing gender is a cell of its own (and = keeps the join a hash join)
            and coalesce(in_base.gender, '') = coalesce(fitted.gender, '')
            and (in_base.gender is null) = (fitted.gender is null)

)
{%- endmacro %}
