-- How well the respondents mirror the population, per district, age group, gender
-- and age group × district: respondents, population, responses per 1,000
-- inhabitants, shares, and the representation ratio (share of respondents ÷ share
-- of population; 1 is perfect, below var('underrepresented_below') is
-- under-represented). Only respondents in the weighting base count.

{%- set below = var('underrepresented_below', 0.8) %}

with

population as (

    select * from {{ ref('stg_population__cells') }}

),

respondents as (

    select * from {{ ref('respondents') }}
    where in_weighting_base

),

population_groups as (

    select
        {{ cut_label() }} as dimension,
        age_group,
        gender,
        district,
        sum(population) as population,
        max(population_source) as population_source
    from population
    group by grouping sets ((age_group), (gender), (district), (age_group, district))

),

respondent_groups as (

    select
        {{ cut_label() }} as dimension,
        age_group,
        gender,
        district,
        count(*) as respondents,
        sum(weight) as weighted_respondents
    from respondents
    group by grouping sets ((age_group), (gender), (district), (age_group, district))

),

joined as (

    select
        p.dimension,
        case p.dimension
            when 'age_group' then p.age_group
            when 'gender' then p.gender
            when 'district' then p.district
            else p.age_group || '×' || p.district
        end as group_value,
        p.age_group,
        p.gender,
        p.district,
        p.population,
        p.population_source,
        coalesce(r.respondents, 0) as respondents,
        coalesce(r.weighted_respondents, 0) as weighted_respondents
    from population_groups as p
    left join respondent_groups as r
        on
            p.dimension = r.dimension
            and r.age_group is not distinct from p.age_group
            and r.gender is not distinct from p.gender
            and r.district is not distinct from p.district

),

shares as (

    select
        *,
        population::float8 / sum(population) over (partition by dimension) as population_share,
        respondents::float8 / nullif(sum(respondents) over (partition by dimension), 0) as respondent_share
    from joined

),

final as (

    select
        dimension || ':' || group_value as group_key,
        dimension,
        group_value,
        age_group,
        gender,
        district,
        population,
        population_source,
        respondents,
        round(weighted_respondents::numeric, 1) as weighted_respondents,
        round((1000.0 * respondents / nullif(population, 0))::numeric, 2) as responses_per_1000,
        round(population_share::numeric, 4) as population_share,
        round(coalesce(respondent_share, 0)::numeric, 4) as respondent_share,
        round((coalesce(respondent_share, 0) / nullif(population_share, 0))::numeric, 3) as representation_ratio,
        case
            when coalesce(respondent_share, 0) / nullif(population_share, 0) < {{ below }} then 'underrepresented'
            when coalesce(respondent_share, 0) / nullif(population_share, 0) > 1 / {{ below }} then 'overrepresented'
            else 'balanced'
        end as representation

    from shares
    -- only the cuts the survey asked about: a group it never asked cannot be missing
    where dimension in (
        {%- for dimension in measurable_dimensions() %}
        '{{ dimension }}'{% if not loop.last %},{% endif %}
        {%- endfor %}
    )

)

select * from final
