"""One generated survey response: closed answers, free-text answers and a respondent id."""

from __future__ import annotations

import random

from hornsten.config import ProcessConfig, Question
from hornsten.demo import phrasebank
from hornsten.demo.names import PersonNames
from hornsten.demo.survey import noise
from hornsten.demo.survey.answers import AnswerWriter
from hornsten.demo.survey.arrivals import Arrivals
from hornsten.demo.survey.demographics import Demographics
from hornsten.demo.survey.personal_data import PersonalData
from hornsten.demo.survey.questions import question_styles

PII_RATE = 0.003
LOOKALIKE_RATE = 0.006
RESPONDENT_RATE = 0.40
# The same person answering twice, among those who give a respondent id.
REPEAT_RESPONDENT_RATE = 0.03
# Answers left empty, by question style.
EMPTY_RATE = {"pos": 0.07, "neg": 0.09, "fut": 0.14, "assoc": 0.05}
# What a place brings to mind is mostly what people like about it, but not only.
ASSOC_PRAISE = 0.65
# Room left in a free-text field for a sentence with personal data.
PERSONAL_DATA_ROOM = 120
_ALNUM = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"


class Response:
    __slots__ = ("rid", "choices", "texts", "comps", "pii", "respondent")

    def __init__(self, rid, choices, texts, comps, pii, respondent):
        self.rid = rid
        self.choices = choices  # option index per choice question, -1 = unanswered
        self.texts = texts  # per text question
        self.comps = comps  # tuple of component codes per text question
        self.pii = pii  # bool per text question
        self.respondent = respondent  # "" or an e-mail-like or token-like identifier


class ResponseGenerator:
    """Responses for one process, all drawn from one seeded random stream."""

    def __init__(self, config: ProcessConfig, rng: random.Random, text_questions: list[Question] | None = None):
        """`text_questions`: those the exports have a column for (default: all of the survey's)."""
        self.rng = rng
        self.random = rng.random
        self.window = config.survey_window
        self.max_length = config.survey.text_max_length
        self.text_questions = config.survey.text_questions if text_questions is None else text_questions
        self.choice_questions = config.survey.choice_questions
        self.styles = question_styles(self.text_questions)
        self.demographics = Demographics(config)
        self.arrivals = Arrivals(config, rng)
        self.writer = AnswerWriter(config, rng)
        self.names = PersonNames.from_rng(rng)
        self.personal = PersonalData(rng, self.names, phrasebank.process_phrases(config.process))
        self._recent_respondents: list[str] = []

    @property
    def district_q(self) -> int | None:
        return self.demographics.district_q

    @property
    def age_q(self) -> int | None:
        return self.demographics.age_q

    def response(self, rid: int) -> Response:
        choices, age_class = self.demographics.draw(self.rng)
        texts, comps, pii = [], [], []
        for style in self.styles:
            text, used, personal = self.answer(style, age_class)
            texts.append(text)
            comps.append(used)
            pii.append(personal)
        return Response(rid, choices, texts, comps, pii, self.respondent())

    def respondent(self) -> str:
        random_ = self.random
        if random_() >= RESPONDENT_RATE:
            return ""
        recent = self._recent_respondents
        if recent and random_() < REPEAT_RESPONDENT_RATE:
            return recent[int(random_() * len(recent))]
        value = self.names.email() if random_() < 0.5 else self.token(12)
        recent.append(value)
        if len(recent) > 500:
            del recent[:250]
        return value

    def token(self, length: int = 15) -> str:
        return "".join(self.rng.choices(_ALNUM, k=length))

    def answer(self, style: str, age_class: str) -> tuple[str, tuple[str, ...], bool]:
        """(text, its components, whether it carries personal data); empty when skipped."""
        writer = self.writer
        if self.random() < EMPTY_RATE[style]:
            return "", (), False
        style = self.concrete(style)
        count = writer.component_count(style)
        if count == 0:
            comps: tuple[str, ...] = ()
            text = writer.without_component(style)
        else:
            comps = writer.pick_components(style, age_class, count)
            text = writer.compose(style, comps)
        return self.finish(text, comps)

    def concrete(self, style: str) -> str:
        """The phrasebank's style an answer is written in: an association is praise or a complaint."""
        if style != "assoc":
            return style
        return "pos" if self.random() < ASSOC_PRAISE else "neg"

    def rewrite(self, style: str, comps: tuple[str, ...]) -> tuple[str, bool]:
        """The same components in new words (an edited submission)."""
        style = self.concrete(style)
        text = self.writer.compose(style, comps) if comps else self.writer.without_component(style)
        text, _, personal = self.finish(text, comps)
        return text, personal

    def finish(self, text: str, comps: tuple[str, ...]) -> tuple[str, tuple[str, ...], bool]:
        """Citizen noise, then (rarely) personal data or a look-alike number."""
        text = noise.add_noise(self.rng, text)
        limit = self.max_length - PERSONAL_DATA_ROOM
        if len(text) > limit:
            text = text[:limit].rstrip()
        personal = False
        r = self.random()
        if r < PII_RATE:
            text = self.personal.add_personal_data(text)
            personal = True
        elif r < PII_RATE + LOOKALIKE_RATE:
            text = self.personal.add_lookalike(text)
        return text, tuple(sorted(comps)), personal
