{#- The demographic questions (age group, gender, district) the process's survey
    asks, with their option codes: the var demographic_options, JSON written from the
    process configuration (ProcessConfig.dbt_env). Unset — dbt run outside a process,
    e.g. by sqlfluff — means every dimension counts as asked. -#}
{% macro demographic_options() -%}
    {%- set raw = var('demographic_options', '') -%}
    {{ return(fromjson(raw) if raw else none) }}
{%- endmacro %}

{#- The cuts representativeness can be measured on: a dimension the survey asks about,
    and age group × district when it asks both. A survey of free text only (such as
    Norrköping's 2024 survey) has none, and its shares stay unweighted. -#}
{% macro measurable_dimensions() -%}
    {%- set options = demographic_options() -%}
    {%- set asked = [] -%}
    {%- for dimension in ['age_group', 'gender', 'district'] -%}
        {%- if options is none or (options.get(dimension) or []) | length > 0 -%}
            {%- do asked.append(dimension) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if 'age_group' in asked and 'district' in asked -%}
        {%- do asked.append('age_group×district') -%}
    {%- endif -%}
    {{ return(asked) }}
{%- endmacro %}
