{#- The name of the cut a row of a `group by grouping sets` over age_group, gender
    and district belongs to (the overall row is 'alla'). -#}
{% macro cut_label() -%}
    case
        when grouping(age_group) = 0 and grouping(district) = 0 then 'age_group×district'
        when grouping(age_group) = 0 then 'age_group'
        when grouping(gender) = 0 then 'gender'
        when grouping(district) = 0 then 'district'
        else 'alla'
    end
{%- endmacro %}


{#- The group a row of the same grouping sets belongs to within its cut: the value of
    the dimension cut by ('16-24', 'navestad', '16-24×navestad'), 'alla' for the
    overall row, null where a dimension cut by is null. -#}
{% macro cut_group_value() -%}
    case
        when grouping(age_group) = 0 and grouping(district) = 0 then age_group || '×' || district
        when grouping(age_group) = 0 then age_group
        when grouping(gender) = 0 then gender
        when grouping(district) = 0 then district
        else 'alla'
    end
{%- endmacro %}
