{#- No personal identity number, e-mail address or phone number in the column
    (public.hornsten_contains_personal_data, installed by the ingest). -#}
{% test no_personal_data(model, column_name) %}
select {{ column_name }} from {{ model }}
where public.hornsten_contains_personal_data({{ column_name }})
{% endtest %}
