{#- One warehouse, several processes: every model lands in its layer's schema for the
    process being built — staging_<process>, intermediate_<process>, marts_<process> —
    so building one process never mixes in or overwrites another's (the process is
    the var `process`, from the process configuration; hornsten.warehouse.schemas
    names the same schemas in Python). Seeds are the codebook and the population the
    repository ships, the same for every process: they keep their shared schemas.
    Other targets than local and prod (eval, ci, a developer's own) get schemas
    prefixed with the target schema, such as eval_intermediate, so they never
    overwrite what analysts read. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- elif target.name not in ('local', 'prod') -%}
        {{ target.schema }}_{{ custom_schema_name | trim }}
    {%- elif node.resource_type == 'seed' -%}
        {{ custom_schema_name | trim }}
    {%- else -%}
        {{ custom_schema_name | trim }}_{{ modules.re.sub('[^a-z0-9_]', '_', var('process') | lower) }}
    {%- endif -%}
{%- endmacro %}
