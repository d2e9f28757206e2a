{#- Custom schemas are used as named (staging, intermediate, marts) instead of being
    prefixed with the target schema, so analysts query staging.stg_survey__answers.
    Other targets (eval, ci, a developer's own) get prefixed schemas such as
    eval_intermediate, so they never overwrite the models analysts read. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- elif target.name in ('local', 'prod') -%}
        {{ custom_schema_name | trim }}
    {%- else -%}
        {{ target.schema }}_{{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
