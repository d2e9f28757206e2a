-- The groups outreach should go to next: under-represented age groups, genders,
-- districts and age group × district cells, the most missing first. missing_responses
-- is how many more responses the group would need to reach its population share at
-- today's total.

with

groups as (

    select * from {{ ref('representativeness') }} where representation = 'underrepresented'

),

totals as (

    select dimension, sum(respondents) as total_respondents
    from {{ ref('representativeness') }}
    group by dimension

),

final as (

    select
        groups.group_key,
        groups.dimension,
        groups.group_value,
        groups.age_group,
        groups.gender,
        groups.district,
        groups.population,
        groups.respondents,
        groups.responses_per_1000,
        groups.population_share,
        groups.respondent_share,
        groups.representation_ratio,
        greatest(ceil(groups.population_share * totals.total_respondents - groups.respondents), 0)::integer
            as missing_responses,
        row_number() over (
            order by greatest(groups.population_share * totals.total_respondents - groups.respondents, 0) desc,
                     groups.representation_ratio
        ) as outreach_priority
    from groups
    join totals using (dimension)

)

select * from final
