"""Realistic sample survey exports for development, tests and demonstrations.

:func:`generate_sample` writes, for any process configuration, what municipalities
actually deliver: one export per requested format (UTF-8 CSV, semicolon CSV with a
byte order mark, Windows-1252 CSV as Swedish Excel saves it, an XLSX workbook and a
LimeSurvey "Export responses" CSV), plus one *re-delivery* that repeats some
responses (half identical, half edited later) and adds a few new ones. The answers
are Swedish texts built from the codebook's components (the phrase bank of
:mod:`hornsten.demo.phrasebank`) with the noise of real citizen input, a little
personal data, and a few malformed rows. Ground truth goes next to the exports:

* ``labels.csv`` – for every non-empty generated answer, the components it was
  built from (to measure the tagger);
* ``manifest.json`` – per file: format, layout, rows, every malformed row with its
  reason, re-delivered ids and answers with personal data.

Everything streams (a million responses take a few minutes and little memory) and
is deterministic: the same arguments give the same bytes.

The parts: :mod:`.generator` (a response) with :mod:`.demographics`,
:mod:`.arrivals`, :mod:`.answers`, :mod:`.noise` and :mod:`.personal_data`;
:mod:`.renderer`, :mod:`.sinks` and :mod:`.formats` (the files); :mod:`.malformed`
and :mod:`.redelivery`; :mod:`.sample` ties them together.
"""

from hornsten.demo.survey.formats import FORMATS
from hornsten.demo.survey.sample import SampleFile, SampleResult, generate_sample

__all__ = ["FORMATS", "SampleFile", "SampleResult", "generate_sample"]
