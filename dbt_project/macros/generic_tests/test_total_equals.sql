{% test total_equals(model, column_name, compare_model, compare_column=none) %}
with totals as (
    select
        (select coalesce(sum({{ column_name }}), 0) from {{ model }}) as model_total,
        (select {% if compare_column %}coalesce(sum({{ compare_column }}), 0){% else %}count(*){% endif %}
         from {{ compare_model }}) as compare_total
)
select * from totals where model_total <> compare_total
{% endtest %}
