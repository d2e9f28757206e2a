{% test weights_sum_to_population(model) %}
with weights as (
    select sum(weight) as total_weight from {{ model }}
),
population as (
    select sum(population) as total_population
    from {{ ref('stg_population__cells') }}
    where district in (select distinct district from {{ model }})
)
select * from weights cross join population
where (select count(*) from {{ model }}) > 0
    and abs(total_weight - total_population) > 0.001 * total_population
{% endtest %}
