"""What a respondent writes: Swedish answers built from the codebook's components.

An answer addresses zero to three components, chosen by the question's style and
the respondent's age. Each component becomes a clause: a hand-written sentence of
the phrase bank, or a term in a template ("mer {i}", "{bd} måste minska"); clauses
are joined as people do (sentences, "och", lists, bullets), sometimes after an
opener or before a closer.
"""

from __future__ import annotations

import bisect
import random

from hornsten.config import ProcessConfig
from hornsten.demo import phrasebank
from hornsten.demo.places import district_labels, municipality_name
from hornsten.demo.survey.sampling import cumulative
from hornsten.demo.text import capitalise, close

# How many components an answer addresses (0, 1, 2, 3), by style.
COMPONENT_COUNTS = {
    "pos": (0.13, 0.45, 0.29, 0.13),
    "neg": (0.12, 0.44, 0.29, 0.15),
    "fut": (0.16, 0.41, 0.28, 0.15),
}
# Share of clauses taken from hand-written sentences (the rest from templates).
SENTENCE_SHARE = 0.55
# A process's own sentences (its landmarks) come up twice as often as a generic one.
OWN_SENTENCE_WEIGHT = 2
# "Not much of <problem> where I live" only makes sense as praise for these.
PRAISE_BY_ABSENCE = {"otrygghet", "brottslighet", "renhallning", "bil_parkering", "miljo_atervinning"}
SLOTS = {
    "wanted_indefinite": "{i}",
    "wanted_definite": "{d}",
    "problem_indefinite": "{bi}",
    "problem_definite": "{bd}",
}


def _templated(style: str, component: phrasebank.Component, templates: dict[str, tuple[str, ...]]) -> list[str]:
    """Every template of the style filled with every fitting term of the component."""
    filled = []
    for kind, slot in SLOTS.items():
        if style == "pos" and kind.startswith("problem") and component.code not in PRAISE_BY_ABSENCE:
            continue
        terms = component.terms(kind)
        if style == "pos" and kind == "wanted_definite":
            terms += component.praised
        for template in templates.get(kind, ()):
            filled += [template.replace(slot, term) for term in terms]
    return filled


class AnswerWriter:
    """Composes answers for one process from precomputed phrase pools."""

    def __init__(self, config: ProcessConfig, rng: random.Random):
        self.rng = rng
        self.city = municipality_name(config)
        self.places = district_labels(config)
        self.villages = self.places[1:] or self.places
        bank = phrasebank.components()
        parts = phrasebank.answer_parts()
        local = phrasebank.process_phrases(config.process)
        self.components = list(bank)
        self.index = {code: i for i, code in enumerate(self.components)}
        # Per style and component: (hand-written sentences, templated phrases).
        self.pools: dict[str, list[tuple[list[str], list[str]]]] = {}
        for style in phrasebank.STYLES:
            pools = []
            for component in bank.values():
                sentences = local.sentences(component, style, own_weight=OWN_SENTENCE_WEIGHT)
                sentences = [s.replace("{stad}", self.city) for s in sentences]
                pools.append((sentences, _templated(style, component, parts.term_templates[style])))
            self.pools[style] = pools
        by_age = phrasebank.emphasis().age_classes
        self.comp_cum = {
            (style, klass): cumulative(
                [c.weights[style] * by_age.get(klass, {}).get(c.code, 1.0) for c in bank.values()]
            )
            for style in phrasebank.STYLES
            for klass in phrasebank.AGE_CLASSES
        }
        self.count_cum = {style: cumulative(p) for style, p in COMPONENT_COUNTS.items()}
        self.none = {s: [t.replace("{stad}", self.city) for t in texts] for s, texts in parts.without_component.items()}
        self.openers = parts.openers
        self.closers = parts.closers

    def component_count(self, style: str) -> int:
        return bisect.bisect_left(self.count_cum[style], self.rng.random())

    def without_component(self, style: str) -> str:
        none = self.none[style]
        return none[int(self.rng.random() * len(none))]

    def pick_components(self, style: str, age_class: str, count: int) -> tuple[str, ...]:
        cum = self.comp_cum[(style, age_class)]
        components = self.components
        random_ = self.rng.random
        chosen: list[str] = []
        while len(chosen) < count:
            code = components[bisect.bisect_left(cum, random_())]
            if code not in chosen:
                chosen.append(code)
        return tuple(chosen)

    def clause(self, style: str, code: str) -> str:
        random_ = self.rng.random
        sentences, templated = self.pools[style][self.index[code]]
        if templated and (not sentences or random_() >= SENTENCE_SHARE):
            text = templated[int(random_() * len(templated))]
        else:
            text = sentences[int(random_() * len(sentences))]
        if "{" in text:
            text = text.replace("{ort}", self.places[int(random_() * len(self.places))])
            text = text.replace(phrasebank.VILLAGE, self.villages[int(random_() * len(self.villages))])
        return text

    def compose(self, style: str, comps: tuple[str, ...]) -> str:
        """One answer about exactly these components."""
        random_ = self.rng.random
        clauses = [self.clause(style, code) for code in comps]
        if len(clauses) > 1:
            clauses[:-1] = [c.rstrip("!") for c in clauses[:-1]]
        end = "." if random_() < 0.7 else ("!" if random_() < 0.3 else "")
        body = _capitalise_ended(clauses[0], end) if len(clauses) == 1 else self._join(clauses, end)
        r = random_()
        if r < 0.12:
            openers = self.openers[style]
            opener = openers[int(random_() * len(openers))]
            separator = "\n" if body.startswith(("-", "*", "1.")) or random_() < 0.15 else " "
            body = opener + separator + (body if opener[-1] in ".!:" else body[:1].lower() + body[1:])
        elif r < 0.19:
            closer = self.closers[int(random_() * len(self.closers))]
            body = close(body) + (" " if random_() < 0.8 else "\n") + closer
        return body

    def _join(self, clauses: list[str], end: str) -> str:
        """Several clauses the ways people join them: sentences, commas and 'och', lists."""
        random_ = self.rng.random
        r = random_()
        if r < 0.40:
            if random_() < 0.15:
                clauses[1] = self.rng.choice(("dessutom ", "och ", "också ", "framför allt ")) + clauses[1]
            body = " ".join(close(capitalise(c)) for c in clauses[:-1]) + " " + capitalise(clauses[-1])
            return body + end if end and body[-1] not in ".!?" else body
        if r < 0.65:
            return _capitalise_ended(", ".join(clauses[:-1]) + " och " + clauses[-1], end)
        if r < 0.75:
            return capitalise(", ".join(clauses))
        if r < 0.83:
            bullet = "- " if random_() < 0.8 else "* "
            return "\n".join(bullet + capitalise(c) for c in clauses)
        if r < 0.88:
            if random_() < 0.5:
                return "\n".join(f"{i}. {capitalise(c)}" for i, c in enumerate(clauses, 1))
            return " ".join(f"{i}) {c}" for i, c in enumerate(clauses, 1))
        if r < 0.94:
            return capitalise("; ".join(clauses))
        return "\n".join(close(capitalise(c)) for c in clauses)


def _capitalise_ended(text: str, end: str) -> str:
    body = capitalise(text)
    return body + end if end and body[-1] not in ".!?" else body
