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

step_0 as (

    select
        response_key,
        district,
        age_group,
        gender,
        1.0::float8 as weight
    from in_base

),

{% for i in range(iterations) %}
{%- set previous = 'step_' ~ i -%}

by_gender_{{ i }} as (

    select
        p.response_key,
        p.district,
        p.age_group,
        p.gender,
        case
            when g.target_share is null then p.weight
            else
                p.weight * g.target_share
                * sum(p.weight) filter (where g.target_share is not null) over ()
                / sum(p.weight) over (partition by p.gender)
        end as weight
    from {{ previous }} as p
    left join gender_targets as g using (gender)

),

by_age_{{ i }} as (

    select
        p.response_key,
        p.district,
        p.age_group,
        p.gender,
        p.weight * a.target / sum(p.weight) over (partition by p.age_group) as weight
    from by_gender_{{ i }} as p
    inner join age_targets as a using (age_group)

),

step_{{ i + 1 }} as (

    select
        p.response_key,
        p.district,
        p.age_group,
        p.gender,
        p.weight * d.target / sum(p.weight) over (partition by p.district) as weight
    from by_age_{{ i }} as p
    inner join district_targets as d using (district)

),

{% endfor %}

final as (

    select
        response_key,
        district,
        age_group,
        gender,
        weight,
        weight / avg(weight) over () as relative_weight
    from step_{{ iterations }}

)
{%- endmacro %}
