{#- Σ wᵢ × input_ᵢ / Σ wᵢ over the `included` inputs (salience, priority, committee)
    that are not null, as a SQL expression over columns input_<name>; `weights` maps
    each input to its weight. Null when none of them is there. part='weight_sum' gives
    the denominator alone (the weight the inputs there are share). -#}
{% macro cornerstone_weighted_mean(included, weights, part='mean') -%}
    {%- set numerator -%}
        {%- for name in included -%}
            coalesce({{ weights[name] }} * input_{{ name }}, 0){{ ' + ' if not loop.last }}
        {%- endfor -%}
    {%- endset -%}
    {%- set denominator -%}
        {%- for name in included -%}
            (case when input_{{ name }} is not null then {{ weights[name] }} else 0 end){{ ' + ' if not loop.last }}
        {%- endfor -%}
    {%- endset -%}
    {%- if part == 'weight_sum' -%}
        nullif({{ denominator }}, 0)
    {%- else -%}
        ({{ numerator }}) / nullif({{ denominator }}, 0)
    {%- endif -%}
{%- endmacro %}
