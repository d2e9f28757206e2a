{#- Every value is at least min_value (and, when given, at most max_value). -#}
{% test accepted_range_min(model, column_name, min_value, max_value=none) %}
select {{ column_name }} from {{ model }}
where {{ column_name }} < {{ min_value }}
{%- if max_value is not none %} or {{ column_name }} > {{ max_value }}{% endif %}
{% endtest %}
