"""Filled dialogue and remiss templates for demonstrations and tests.

Every file here is written the way a facilitator or a registrar would produce it:
an empty template from :func:`hornsten.dialogue.template.write_template` or
:func:`hornsten.remiss.template.write_template`, then filled in with openpyxl. So a
sample goes through exactly the validation a real delivery does.

* :func:`generate_dialogue_templates` (:mod:`.dialogue`) – one filled meeting
  template per planned meeting of every forum, except the forums of the last
  ``unreached`` target groups (so the coverage mart shows a group not yet reached).
* :func:`generate_remiss_templates` (:mod:`.remiss`) – responses from most remiss
  bodies: most on time, two late, one declining to answer and two or three missing.
* :func:`bad_dialogue_template`, :func:`flawed_dialogue_template` and
  :func:`corrected_redelivery` (:mod:`.dialogue_flaws`) – a file rejected whole, a
  file with three bad rows among good ones, and a corrected re-delivery of a meeting.

Everything is deterministic: the same arguments give the same bytes.
"""

from hornsten.demo.templates.dialogue import (
    PII_STATEMENT,
    RARE_IN_SURVEY_WEIGHT,
    generate_dialogue_templates,
    sample_forums,
)
from hornsten.demo.templates.dialogue_flaws import (
    CORRECTION_NOTE,
    FLAWED_ROWS,
    bad_dialogue_template,
    corrected_redelivery,
    flawed_dialogue_template,
)
from hornsten.demo.templates.phrases import component_themes
from hornsten.demo.templates.poll import SATISFACTION, poll_options
from hornsten.demo.templates.remiss import generate_remiss_templates, personal_data_comment, remiss_plan

__all__ = [
    "CORRECTION_NOTE",
    "FLAWED_ROWS",
    "PII_STATEMENT",
    "RARE_IN_SURVEY_WEIGHT",
    "SATISFACTION",
    "bad_dialogue_template",
    "component_themes",
    "corrected_redelivery",
    "flawed_dialogue_template",
    "generate_dialogue_templates",
    "generate_remiss_templates",
    "personal_data_comment",
    "poll_options",
    "remiss_plan",
    "sample_forums",
]
