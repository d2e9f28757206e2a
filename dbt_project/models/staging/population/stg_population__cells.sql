with

source as (

    select * from {{ ref('population') }}

),

renamed as (

    select
        ---------- ids
        trim(district) || ':' || trim(age_group) || ':' || trim(gender) as cell_key,

        ---------- dimensions (option codes of the process configuration)
        trim(district) as district,
        trim(age_group) as age_group,
        trim(gender) as gender,

        ---------- measures
        population::integer as population,
        coalesce(nullif(trim(source), ''), 'illustrative') as population_source

    from source

)

select * from renamed
