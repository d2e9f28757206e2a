"""The municipality's name and district labels as citizens write them, from a process configuration."""

from __future__ import annotations

import re

from hornsten.config import Option, ProcessConfig, normalise_value

# Words in the text of the question "where do you live?" when it has no code "district".
DISTRICT_WORDS = ("bor du", "stadsdel", "område", "ort")


def municipality_name(config: ProcessConfig) -> str:
    """'Norrköpings kommun' -> 'Norrköping' (the genitive s only when the texts use the stem)."""
    name = re.sub(r"\s+(kommun|stad|kommun och stad)$", "", config.municipality.strip(), flags=re.I)
    if name.endswith("s") and len(name) > 3:
        stem = name[:-1]
        texts = " ".join([config.title, *(q.text for q in config.survey.questions)])
        if stem in texts:
            return stem
    return name


def find_choice_question(config: ProcessConfig, code: str, words: tuple[str, ...]) -> int | None:
    """Index among the choice questions: by code first, then by words in the text."""
    choices = config.survey.choice_questions
    for index, question in enumerate(choices):
        if question.code == code:
            return index
    for index, question in enumerate(choices):
        text = question.text.casefold()
        if any(word in text for word in words):
            return index
    return None


def lives_outside(option: Option) -> bool:
    """The option for respondents from outside the municipality (commuters, summer residents)."""
    return bool(re.search(r"inte i|utanför|utanfor|annan kommun", normalise_value(f"{option.code} {option.label}")))


def is_place(option: Option) -> bool:
    """A district one can name in a sentence: not 'outside' and not 'other'."""
    return not lives_outside(option) and not re.search(r"övrig|ovrig", normalise_value(option.label))


def district_labels(config: ProcessConfig) -> list[str]:
    """Labels of the districts inside the municipality, or its name when the survey asks none."""
    index = find_choice_question(config, "district", DISTRICT_WORDS)
    places: list[str] = []
    if index is not None:
        places = [o.label for o in config.survey.choice_questions[index].options if is_place(o)]
    return places or [municipality_name(config)]
