-- The groups outreach should go to next: under-represented age groups, genders,
-- districts and age group × district cells, the most missing first. missing_responses
-- is how many more responses the group would need to reach its population share at
-- today's total.

with

underrepresented as (

    select * from {{ ref('representativeness') }}
    where representation = 'underrepresented'

),

totals as (

    select
        dimension,
        sum(respondents) as total_respondents
    from {{ ref('representativeness') }}
    group by dimension

),

shortfalls as (

    select
        underrepresented.*,
        underrepresented.population_share * totals.total_respondents - underrepresented.respondents as shortfall
    from underrepresented
    inner join totals using (dimension)

),

final as (

    select
        group_key,
        dimension,
        group_value,
        age_group,
        gender,
        district,
        population,
        respondents,
        responses_per_1000,
        population_share,
        respondent_share,
        representation_ratio,
        greatest(ceil(shortfall), 0)::integer as missing_responses,
        row_number() over (order by greatest(shortfall, 0) desc, representation_ratio asc) as outreach_priority
    from shortfalls

)

select * from final
