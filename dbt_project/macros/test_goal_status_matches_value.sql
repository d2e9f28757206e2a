{#- A goal measure's status follows from its value, target and comparison:
    not_measurable exactly when value or target is missing, met exactly when the
    value reaches the target in the measure's direction. Shares lie within 0–100. -#}
{% test goal_status_matches_value(model) %}
select measure, value, target, comparison, status
from {{ model }}
where status <> case
        when value is null or target is null then 'not_measurable'
        when comparison = 'at_least' and value >= target then 'met'
        when comparison = 'at_most' and value <= target then 'met'
        else 'not_met'
    end
    or (unit = 'andel' and (value < 0 or value > 100))
{% endtest %}
