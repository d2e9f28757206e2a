"""Answers planted in a survey sample: an organised campaign (one text, many
respondents), a template signed with each respondent's name, and answers in English
and Arabic (``data/answers/plants.yml``).

They replace generated answers without drawing from the random stream, so the rest of
the sample is the same with or without them, and the same arguments still give the
same bytes. Each group is spread evenly over the sample.
"""

from __future__ import annotations

from hornsten.config import ProcessConfig, Question
from hornsten.demo import phrasebank
from hornsten.demo.places import district_labels
from hornsten.demo.survey.generator import Response
from hornsten.demo.survey.questions import question_styles

# Planting goes to every (total // SLOTS)-th response id: room for the plants and for
# the responses the sample corrupts or re-delivers, which are skipped.
SLOTS = 100


class Planter:
    def __init__(self, config: ProcessConfig, total: int, text_questions: list[Question]):
        bank = phrasebank.plants()
        self.styles = question_styles(text_questions)
        self.queue: list[phrasebank.Plant] = [] if total < bank.min_responses else _spread(_plants(config, bank))
        self.stride = max(1, total // SLOTS)

    def apply(self, rid: int, resp: Response) -> None:
        """Replace one answer of this response by the next plant, when it is a planting slot."""
        if not self.queue or rid % self.stride:
            return
        plant = self.queue.pop(0)
        question = self.styles.index(plant.style) if plant.style in self.styles else 0
        resp.texts[question] = plant.text
        resp.comps[question] = tuple(sorted(plant.components))
        resp.pii[question] = plant.personal


def _plants(config: ProcessConfig, bank: phrasebank.Plants) -> list[list[phrasebank.Plant]]:
    places = district_labels(config)
    template = bank.template
    signed = [
        phrasebank.Plant(
            template.style,
            template.text.replace("{namn}", name).replace("{ort}", places[i % min(2, len(places))]),
            template.components,
            personal=True,
        )
        for i, name in enumerate(bank.names)
    ]
    return [[bank.campaign] * bank.copies, signed, list(bank.other_languages)]


def _spread(groups: list[list[phrasebank.Plant]]) -> list[phrasebank.Plant]:
    """The groups interleaved, each evenly over the whole sequence."""
    keyed = [((k + 0.5) / len(group), g, plant) for g, group in enumerate(groups) for k, plant in enumerate(group)]
    return [plant for _, _, plant in sorted(keyed, key=lambda item: item[:2])]
