-- Theme share of respondents: a respondent mentions a theme when they mention any
-- of its components. Same cuts and suppression as component_shares.

{{ shares_by_group(
    'theme',
    "select theme as item, theme_label as item_label from " ~ ref('stg_codebook__themes')
) }}
