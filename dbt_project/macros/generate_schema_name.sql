{#- Custom schemas are used as named (staging, intermediate, marts) instead of being
    prefixed with the target schema, so analysts query staging.stg_survey__answers. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}{{ target.schema }}{%- else -%}{{ custom_schema_name | trim }}{%- endif -%}
{%- endmacro %}
