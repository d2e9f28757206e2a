{{ config(materialized='table') }}

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
