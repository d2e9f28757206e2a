"""Presidio analyzer and anonymizer for Swedish free text, built from :mod:`hornsten.privacy.rules`.

Swedish needs recognizers of its own (Presidio ships none): personnummer and
samordningsnummer with their date and Luhn check, Swedish phone numbers, e-mail
addresses also when spelled out ("snabel-a", "(at)", "punkt"), street addresses with
a house number, and names from Sweden's name statistics with the context that makes a
word a name. None of them needs a language model, so the analyzer runs on Presidio's
``NoOpNlpEngine`` (spaCy models are not on PyPI, and tagging every answer with one
would cost far more than the whole ingest). ``ENTITY_KINDS`` maps each entity type
to its kind, whose placeholder replaces it (``[namn]``, ``[adress]``, …).
"""

from __future__ import annotations

from functools import cache

from presidio_analyzer import AnalyzerEngine, EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts, NoOpNlpEngine
from presidio_analyzer.recognizer_registry import RecognizerRegistry
from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import OperatorConfig

from hornsten.privacy import rules

LANGUAGE = "sv"
# Presidio entity type -> the kind of finding (also the placeholder's text).
ENTITY_KINDS = {
    "SE_PERSONNUMMER": "personnummer",
    "EMAIL_ADDRESS": "e-post",
    "PHONE_NUMBER": "telefon",
    "SE_ADDRESS": "adress",
    "PERSON": "namn",
}
KIND_ENTITIES = {kind: entity for entity, kind in ENTITY_KINDS.items()}


class PersonnummerRecognizer(PatternRecognizer):
    """Candidates from the pattern; the date and the Luhn digit decide."""

    def __init__(self) -> None:
        pattern = rules.patterns()["personnummer"]
        super().__init__(
            supported_entity="SE_PERSONNUMMER",
            patterns=[Pattern("personnummer", pattern, 0.5)],
            supported_language=LANGUAGE,
            global_regex_flags=0,
        )
        self._split = rules.compiled()["personnummer"]

    def validate_result(self, pattern_text: str) -> bool:
        match = self._split.fullmatch(pattern_text)
        return match is not None and rules.is_personnummer(*match.groups())


def _pattern_recognizer(entity: str, *names: str) -> PatternRecognizer:
    return PatternRecognizer(
        supported_entity=entity,
        name=f"Swedish{entity.title().replace('_', '')}Recognizer",
        patterns=[Pattern(name, rules.patterns()[name], 1.0) for name in names],
        supported_language=LANGUAGE,
        global_regex_flags=0,
    )


class PersonNameRecognizer(EntityRecognizer):
    """Names from the name lists, in context or as a full name (rules.name_spans)."""

    def __init__(self) -> None:
        super().__init__(supported_entities=["PERSON"], supported_language=LANGUAGE)

    def load(self) -> None:
        rules.name_lists()

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list:
        return [RecognizerResult("PERSON", start, end, 1.0) for start, end in rules.name_spans(text)]


class NoContextEnhancer(ContextAwareEnhancer):
    """The name rules carry their own context ("jag heter", titles); Presidio's lemma
    enhancer has no lemmas without a language model and would only copy the results."""

    def __init__(self) -> None:
        super().__init__(
            context_similarity_factor=0,
            min_score_with_context_similarity=0,
            context_prefix_count=0,
            context_suffix_count=0,
        )

    def enhance_using_context(self, text, raw_results, nlp_artifacts, recognizers, context=None):
        return raw_results


@cache
def analyzer() -> AnalyzerEngine:
    registry = RecognizerRegistry(supported_languages=[LANGUAGE])
    for recognizer in (
        PersonnummerRecognizer(),
        _pattern_recognizer("EMAIL_ADDRESS", "email", "email_obfuscated"),
        _pattern_recognizer("PHONE_NUMBER", "phone"),
        _pattern_recognizer("SE_ADDRESS", "address"),
        PersonNameRecognizer(),
    ):
        registry.add_recognizer(recognizer)
    engine = NoOpNlpEngine(models=[{"lang_code": LANGUAGE, "model_name": "none"}])
    return AnalyzerEngine(
        registry=registry, nlp_engine=engine, supported_languages=[LANGUAGE], context_aware_enhancer=NoContextEnhancer()
    )


@cache
def anonymizer() -> AnonymizerEngine:
    return AnonymizerEngine()


@cache
def operators() -> dict[str, OperatorConfig]:
    return {entity: OperatorConfig("replace", {"new_value": f"[{kind}]"}) for entity, kind in ENTITY_KINDS.items()}


def analyze(text: str) -> list[RecognizerResult]:
    return analyzer().analyze(text, language=LANGUAGE, entities=list(ENTITY_KINDS))


def replace(text: str, results: list[RecognizerResult]) -> str:
    """The text with every (non-overlapping) result replaced by its placeholder."""
    return anonymizer().anonymize(text, results, operators(), merge_entities_with_spaces=False).text
