{#- Fails for every row where the column is not the sum of its parts (e.g.
    statements = support + change + new_proposal). -#}
{% test parts_add_up(model, column_name, parts) %}
select * from {{ model }}
where {{ column_name }} is distinct from ({{ parts | join(' + ') }})
{% endtest %}
