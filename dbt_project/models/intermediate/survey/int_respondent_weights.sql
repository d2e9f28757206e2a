{#- No nested loops: after twenty rounds of window sums the planner cannot tell how
    many cells there are, and would go through every respondent once per cell. -#}
{{ config(
    materialized='table',
    pre_hook="set local enable_nestloop = off"
) }}

-- Raking weights of the survey's respondents to the population (district, age group,
-- gender): macros/raking_weights.sql.

with

population as (

    select * from {{ ref('stg_population__cells') }}

),

respondents as (

    select
        response_key,
        district,
        age_group,
        gender
    from {{ ref('stg_survey__responses') }}

),

{{ raking_weights() }}

select * from final
