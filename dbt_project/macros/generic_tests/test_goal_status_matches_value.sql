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
