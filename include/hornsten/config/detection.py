"""How a survey's answers are checked for their language and for organised campaigns.

Defaults (process configuration key ``survey.detection``; every key optional):

- ``languages``: the languages an answer may be detected as (ISO 639-1), the ones common
  among Swedish municipalities' residents that lingua knows (it has no Tigrinya). Fewer
  candidates make lingua faster and surer; Swedish must be among them.
- ``campaign_min_words`` 12: a shorter answer is never a campaign — many people write
  "Bättre kollektivtrafik" on their own.
- ``campaign_min_respondents`` 5: a campaign is the same (or a near-identical) text from at
  least this many respondents.
- ``campaign_similarity`` 0.7: the Jaccard similarity of word 3-shingles from which two
  long texts are variants of one template (one word changed in a 20-word text leaves
  0.74; unrelated answers on the same subject stay under 0.3).
"""

from __future__ import annotations

from pydantic import Field, field_validator

from hornsten.config.base import StrictModel

DEFAULT_LANGUAGES = ("sv", "en", "ar", "so", "fi", "fa", "pl", "tr", "bs", "es", "de")


class Detection(StrictModel):
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    campaign_min_words: int = Field(default=12, ge=3)
    campaign_min_respondents: int = Field(default=5, ge=2)
    campaign_similarity: float = Field(default=0.7, ge=0.5, le=1.0)

    @field_validator("languages")
    @classmethod
    def _known_languages(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        from lingua import IsoCode639_1

        codes = tuple(dict.fromkeys(code.strip().lower() for code in value))
        unknown = []
        for code in codes:
            try:
                IsoCode639_1.from_str(code)
            except ValueError:
                unknown.append(code)
        if unknown:
            raise ValueError(f"languages {unknown} are not ISO 639-1 codes the language detector knows")
        if "sv" not in codes:
            raise ValueError("languages must include sv (Swedish)")
        return codes
