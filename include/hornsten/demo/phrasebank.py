"""The Swedish phrase bank of the sample generators, read from the YAML files in ``data/``.

Generic phrases hold for every process: per codebook component
(``data/components/``), the parts of a survey answer (``data/answers/``), who talks
about what (``data/emphasis.yml``) and the texts of the template samples
(``data/templates/``). A process may add its own sentences and local details in
``data/processes/<process>/``; a process without such files writes with the
generic bank and the district names of its configuration. ``data/README.md``
describes the files. Everything is read once and cached; a file with unknown keys
or a wrong shape is an error naming the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"

# The three question styles: what is good today, what must improve, wishes for the future.
STYLES = ("pos", "neg", "fut")
TERM_KINDS = ("wanted_indefinite", "wanted_definite", "problem_indefinite", "problem_definite")
# Respondents' age classes, by the mean age of their age group (see data/emphasis.yml).
AGE_CLASSES = ("child", "young", "adult", "mid", "old")

# A sentence with this placeholder is about "a district other than the first", the
# generic stand-in for the countryside.
VILLAGE = "{by}"


@dataclass(frozen=True)
class Component:
    """How citizens write about one codebook component."""

    code: str
    weights: dict[str, float]  # how often it comes up, per style
    wanted: tuple[str, ...] = ()  # "cykelbanor"
    wanted_definite: tuple[str, ...] = ()  # "cykelbanorna"
    praised: tuple[str, ...] = ()  # definite forms that only fit praise: "havet"
    problems: tuple[str, ...] = ()  # "skjutningar"
    problems_definite: tuple[str, ...] = ()  # "skjutningarna"
    sentences: dict[str, tuple[str, ...]] = field(default_factory=dict)  # per style

    def terms(self, kind: str) -> tuple[str, ...]:
        return {
            "wanted_indefinite": self.wanted,
            "wanted_definite": self.wanted_definite,
            "problem_indefinite": self.problems,
            "problem_definite": self.problems_definite,
        }[kind]


@dataclass(frozen=True)
class AnswerParts:
    """The component-neutral pieces of a survey answer."""

    term_templates: dict[str, dict[str, tuple[str, ...]]]  # style -> term kind -> templates
    without_component: dict[str, tuple[str, ...]]  # style -> answers
    openers: dict[str, tuple[str, ...]]  # style -> openers
    closers: tuple[str, ...]
    personal_data_frames: dict[str, tuple[str, ...]]  # phone/email/pnr -> frames
    lookalikes: tuple[str, ...]


@dataclass(frozen=True)
class ProcessPhrases:
    """What one process adds to the generic bank; empty for a process without its own files."""

    process: str
    own_sentences: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)  # component -> style
    area_code: str | None = None  # telephone area code without the leading 0
    postcode_prefix: str | None = None
    generic_village_sentences: bool = True

    def sentences(self, component: Component, style: str, own_weight: int = 1) -> list[str]:
        """The generic sentences of a component plus this process's own (each ``own_weight`` times)."""
        generic = component.sentences.get(style, ())
        if not self.generic_village_sentences:
            generic = tuple(s for s in generic if VILLAGE not in s)
        return [*generic, *self.own_sentences.get(component.code, {}).get(style, ()) * own_weight]


@dataclass(frozen=True)
class Emphasis:
    """Factors on the component weights: by age class (survey) and by target-group words (meetings)."""

    age_classes: dict[str, dict[str, float]]
    target_groups: tuple[tuple[tuple[str, ...], dict[str, float]], ...]


def _read(path: Path) -> object:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _mapping(value: object, path: Path, allowed: tuple[str, ...], where: str = "") -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValueError(f"{path}: {where or 'the file'} must be a mapping")
    unknown = sorted(set(value) - set(allowed))
    if unknown:
        raise ValueError(f"{path}: unknown keys {unknown} in {where or 'the file'}; expected {list(allowed)}")
    return value


def _texts(value: object, path: Path, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError(f"{path}: {where} must be a list of texts")
    return tuple(value)


def _by_style(value: object, path: Path, where: str) -> dict[str, tuple[str, ...]]:
    styles = _mapping(value, path, STYLES, where)
    return {style: _texts(texts, path, f"{where}.{style}") for style, texts in styles.items()}


def _factors(value: object, path: Path, where: str) -> dict[str, float]:
    factors = _mapping(value, path, tuple(components()), where)
    if not all(isinstance(f, int | float) and f >= 0 for f in factors.values()):
        raise ValueError(f"{path}: the factors of {where} must be numbers of at least 0")
    return {code: float(f) for code, f in factors.items()}


def _component(path: Path) -> Component:
    raw = _mapping(_read(path), path, ("weights", "wanted", "praised", "problems", "sentences"))
    weights = _mapping(raw.get("weights"), path, STYLES, "weights")
    if set(weights) != set(STYLES) or not all(isinstance(w, int | float) and w >= 0 for w in weights.values()):
        raise ValueError(f"{path}: weights needs a number of at least 0 for each of {list(STYLES)}")
    wanted = _mapping(raw.get("wanted"), path, ("indefinite", "definite"), "wanted")
    problems = _mapping(raw.get("problems"), path, ("indefinite", "definite"), "problems")
    component = Component(
        code=path.stem,
        weights={style: float(weights[style]) for style in STYLES},
        wanted=_texts(wanted.get("indefinite"), path, "wanted.indefinite"),
        wanted_definite=_texts(wanted.get("definite"), path, "wanted.definite"),
        praised=_texts(raw.get("praised"), path, "praised"),
        problems=_texts(problems.get("indefinite"), path, "problems.indefinite"),
        problems_definite=_texts(problems.get("definite"), path, "problems.definite"),
        sentences=_by_style(raw.get("sentences"), path, "sentences"),
    )
    if not component.wanted:
        raise ValueError(f"{path}: wanted.indefinite needs at least one term")
    return component


@cache
def components() -> dict[str, Component]:
    """Every component of the bank, by code (one file each in ``data/components/``)."""
    paths = sorted((DATA_DIR / "components").glob("*.yml"))
    if not paths:
        raise FileNotFoundError(f"no phrase files in {DATA_DIR / 'components'}")
    return {path.stem: _component(path) for path in paths}


@cache
def answer_parts() -> AnswerParts:
    folder = DATA_DIR / "answers"
    path = folder / "term_templates.yml"
    templates = _mapping(_read(path), path, STYLES)
    term_templates = {
        style: {
            kind: _texts(texts, path, f"{style}.{kind}")
            for kind, texts in _mapping(kinds, path, TERM_KINDS, style).items()
        }
        for style, kinds in templates.items()
    }
    path = folder / "without_component.yml"
    without_component = _by_style(_read(path), path, "the file")
    path = folder / "openers_closers.yml"
    framing = _mapping(_read(path), path, ("openers", "closers"))
    openers = _by_style(framing.get("openers"), path, "openers")
    closers = _texts(framing.get("closers"), path, "closers")
    path = folder / "personal_data.yml"
    personal = _mapping(_read(path), path, ("frames", "lookalikes"))
    frames = _mapping(personal.get("frames"), path, ("phone", "email", "pnr"), "frames")
    return AnswerParts(
        term_templates=term_templates,
        without_component=without_component,
        openers=openers,
        closers=closers,
        personal_data_frames={kind: _texts(texts, path, f"frames.{kind}") for kind, texts in frames.items()},
        lookalikes=_texts(personal.get("lookalikes"), path, "lookalikes"),
    )


@dataclass(frozen=True)
class Plant:
    """One planted answer: the style of question it goes to, its text and its labels."""

    style: str
    text: str
    components: tuple[str, ...]
    language: str = "sv"
    personal: bool = False  # it carries personal data (a name)


@dataclass(frozen=True)
class Plants:
    min_responses: int
    campaign: Plant
    copies: int
    template: Plant
    names: tuple[str, ...]
    other_languages: tuple[Plant, ...]


def _plant(entry: dict, path: Path, where: str) -> Plant:
    style = entry.get("style")
    if style not in STYLES:
        raise ValueError(f"{path}: {where}.style must be one of {STYLES}")
    return Plant(
        style=style,
        text=str(entry.get("text", "")),
        components=_texts(entry.get("components"), path, f"{where}.components"),
        language=str(entry.get("language", "sv")),
    )


@cache
def plants() -> Plants:
    """The campaign, template and other-language answers planted in samples (``data/answers/plants.yml``)."""
    path = DATA_DIR / "answers" / "plants.yml"
    keys = ("style", "text", "components", "language")
    data = _mapping(_read(path), path, ("min_responses", "campaign", "template", "other_languages"))
    campaign = _mapping(data.get("campaign"), path, (*keys, "copies"), "campaign")
    template = _mapping(data.get("template"), path, (*keys, "names"), "template")
    others = data.get("other_languages")
    if not isinstance(others, list):
        raise ValueError(f"{path}: other_languages must be a list")
    return Plants(
        min_responses=int(data.get("min_responses", 0)),
        campaign=_plant(campaign, path, "campaign"),
        copies=int(campaign.get("copies", 0)),
        template=_plant(template, path, "template"),
        names=_texts(template.get("names"), path, "template.names"),
        other_languages=tuple(
            _plant(_mapping(entry, path, keys, f"other_languages[{i}]"), path, f"other_languages[{i}]")
            for i, entry in enumerate(others)
        ),
    )


@cache
def process_phrases(process: str) -> ProcessPhrases:
    """A process's own sentences and details from ``data/processes/<process>/``, if it has any."""
    folder = DATA_DIR / "processes" / process
    own: dict[str, dict[str, tuple[str, ...]]] = {}
    path = folder / "sentences.yml"
    if path.exists():
        known = components()
        for code, styles in _mapping(_read(path), path, tuple(known)).items():
            own[code] = _by_style(styles, path, code)
    settings: dict = {}
    path = folder / "settings.yml"
    if path.exists():
        settings = _mapping(_read(path), path, ("area_code", "postcode_prefix", "generic_village_sentences"))
    return ProcessPhrases(
        process=process,
        own_sentences=own,
        area_code=None if settings.get("area_code") is None else str(settings["area_code"]),
        postcode_prefix=None if settings.get("postcode_prefix") is None else str(settings["postcode_prefix"]),
        generic_village_sentences=bool(settings.get("generic_village_sentences", True)),
    )


@cache
def emphasis() -> Emphasis:
    """Which components people of an age class or a target group talk about more or less."""
    path = DATA_DIR / "emphasis.yml"
    raw = _mapping(_read(path), path, ("age_classes", "target_groups"))
    by_age = _mapping(raw.get("age_classes"), path, AGE_CLASSES, "age_classes")
    groups = []
    for number, entry in enumerate(raw.get("target_groups") or [], start=1):
        where = f"target group {number}"
        entry = _mapping(entry, path, ("words", "factors"), where)
        groups.append((_texts(entry.get("words"), path, where), _factors(entry.get("factors"), path, where)))
    return Emphasis(
        age_classes={klass: _factors(factors, path, klass) for klass, factors in by_age.items()},
        target_groups=tuple(groups),
    )


@cache
def template_texts(name: str) -> dict:
    """The texts of the dialogue or remiss samples (``data/templates/<name>.yml``)."""
    path = DATA_DIR / "templates" / f"{name}.yml"
    texts = _read(path)
    if not isinstance(texts, dict):
        raise ValueError(f"{path}: must be a mapping")
    return texts
