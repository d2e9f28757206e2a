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
    {%- set options = demographic_options() %}
    {%- if options is not none %}
    -- only the groups this process's survey can place a respondent in: another
    -- municipality's districts, or a dimension's options it does not offer, are not
    -- its population
    where
        true
        {%- for dimension in ['district', 'age_group', 'gender'] if options.get(dimension) %}
        and trim({{ dimension }}) in ('{{ options[dimension] | join("', '") }}')
        {%- endfor %}
    {%- endif %}

)

select * from renamed
