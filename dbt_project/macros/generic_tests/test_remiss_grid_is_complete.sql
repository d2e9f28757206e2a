{% test remiss_grid_is_complete(model, items=true) %}
with counts as (
    select
        (select count(*) from {{ model }}) as model_rows,
        (select count(*) from {{ ref('stg_process__remiss_bodies') }})
        * (select count(*) from {{ ref('stg_process__remiss_rounds') }})
        {%- if items %}
        * ((select count(*) from {{ ref('cornerstones') }} where is_cornerstone)
           + (select count(*) from {{ ref('stg_process__remiss_sections') }}))
        {%- endif %} as expected_rows
)
select * from counts where model_rows <> expected_rows
{% endtest %}
