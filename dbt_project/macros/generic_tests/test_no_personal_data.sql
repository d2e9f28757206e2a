{% test no_personal_data(model, column_name) %}
select {{ column_name }} from {{ model }}
where public.hornsten_contains_personal_data({{ column_name }})
{% endtest %}
