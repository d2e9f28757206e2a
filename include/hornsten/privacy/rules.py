"""The definition of personal data in free text, read from ``data/detection.yml`` and
``data/person_names.csv``.

One definition serves two engines: the Presidio recognizers
(:mod:`hornsten.privacy.recognizers`) and the warehouse check
``public.hornsten_contains_personal_data``, which reads the same patterns, names and
context phrases from tables that :mod:`hornsten.warehouse.pii_reference` fills from
what this module returns. Everything here is pure and cached: the files are read once
per process.

Names are decided on words rather than one regular expression, because a name is a
word *in a list* — something a table lookup answers in SQL and a set in Python. The
rules (:func:`name_spans`):

* full name: a listed first name, one space, a surname (listed, or of a Swedish
  surname form such as -sson, -ström, -qvist), both capitalised, unless both are
  also everyday words ("Sten Berg");
* strong context ("jag heter", "min dotter", "mvh", …) right before: any
  capitalised word that is not a pronoun or the like, or a listed first name in
  lower case ("jag heter anna");
* weak context (titles such as "rektor", "doktor", and "heter"): a listed name;
* a signature "/Anna": a listed name right after a slash.

A name found extends over the capitalised name words right after it ("Anna Maria
Svensson"), up to three words.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

MAX_NAME_WORDS = 3
PATTERN_NAMES = (
    "personnummer",
    "email",
    "email_obfuscated",
    "phone",
    "address",
    "word",
    "capitalised",
    "lowercase",
    "surname_like",
    "strong_gap",
    "weak_gap",
    "slash_gap",
    "address_prefilter",
    "two_capitalised",
    "slash_capital",
    "name_context_folded",
    "at_prefilter",
)
# Matched case-insensitively, in Python as with PostgreSQL's ~*.
CASE_INSENSITIVE = frozenset({"name_context_folded"})


@dataclass(frozen=True)
class NameLists:
    first: frozenset[str]
    surnames: frozenset[str]
    common: frozenset[str]
    first_lower: frozenset[str]
    not_names: frozenset[str]


@dataclass(frozen=True)
class Contexts:
    strong: frozenset[str]
    weak: frozenset[str]


def _data_text(name: str) -> str:
    return (resources.files("hornsten.privacy") / "data" / name).read_text(encoding="utf-8")


@cache
def _detection() -> dict[str, Any]:
    return yaml.safe_load(_data_text("detection.yml"))


def context_variants(phrase: str) -> tuple[str, ...]:
    """The writings a context phrase is recognised in: as listed, capitalised, in capitals.

    Listed rather than matched case-insensitively because PostgreSQL's case folding of
    å/ä/ö depends on the database locale; the variants make both engines agree."""
    return tuple(dict.fromkeys((phrase, phrase[:1].upper() + phrase[1:], phrase.upper())))


@cache
def contexts() -> Contexts:
    spec = _detection()["context"]
    return Contexts(
        strong=frozenset(v for phrase in spec["strong"] for v in context_variants(phrase)),
        weak=frozenset(v for phrase in spec["weak"] for v in context_variants(phrase)),
    )


def alternation(words: Iterable[str]) -> str:
    """A regular expression matching exactly ``words``, as a trie: shared beginnings are
    written once ("min (?:dotter|son)"), branches in sorted order. Same matches as the
    words joined by "|", but PostgreSQL's regex engine takes about 1.6 times as long
    to test a text against a flat list of the some 270 context phrases."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        return "(?:" + "|".join(branches) + ")" + ("?" if "" in node else "")

    return emit(trie)


@cache
def patterns() -> dict[str, str]:
    """Every pattern with its fragments and character classes filled in."""
    spec = _detection()
    context = contexts()
    phrases = context.strong | context.weak
    fragments = dict(
        spec["fragments"],
        CONTEXT=alternation(phrases),
        CONTEXT_FOLDED=alternation({phrase.lower() for phrase in phrases}),
    )
    result = {}
    for name in PATTERN_NAMES:
        pattern = spec["patterns"][name]
        for key, value in fragments.items():
            pattern = pattern.replace(f"%{key}%", value)
        for key, value in spec["classes"].items():
            pattern = pattern.replace(f"%{key}%", value)
        if re.search("%[A-Za-z_]+%", pattern):
            raise ValueError(f"detection.yml: pattern {name!r} has an unknown %FRAGMENT%")
        result[name] = pattern
    return result


@cache
def compiled() -> dict[str, re.Pattern[str]]:
    return {
        name: re.compile(pattern, re.IGNORECASE if name in CASE_INSENSITIVE else 0)
        for name, pattern in patterns().items()
    }


@cache
def name_lists() -> NameLists:
    rows = list(csv.DictReader(_data_text("person_names.csv").splitlines()))
    first = frozenset(r["name"] for r in rows if r["first_name"] == "1")
    spec = _detection()["names"]
    common = frozenset(spec["common_words"])
    return NameLists(
        first=first,
        surnames=frozenset(r["name"] for r in rows if r["surname"] == "1"),
        common=common,
        first_lower=frozenset(n.lower() for n in first if n not in common),
        not_names=frozenset(spec["not_names"]),
    )


# --- personnummer ------------------------------------------------------------------


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(digits):
        value = ord(char) - 48
        if position % 2 == 0:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def is_personnummer(head: str, separator: str, tail: str) -> bool:
    """Date and Luhn check of a candidate split by the personnummer pattern."""
    if len(head) == 8:
        # '+' marks people over 100 and only exists in the 10-digit form; the century
        # guard stops random 12-digit numbers from qualifying.
        if separator == "+" or head[:2] not in ("18", "19", "20"):
            return False
        head = head[2:]
    elif len(head) != 6:
        return False
    month = int(head[2:4])
    day = int(head[4:6])
    # Samordningsnummer add 60 to the day.
    if not 1 <= month <= 12 or not (1 <= day <= 31 or 61 <= day <= 91):
        return False
    return luhn_valid(head + tail)


# --- names ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    start: int
    end: int
    gap_after: str


def words(text: str) -> list[Word]:
    return [Word(m[1], m.start(1), m.end(1), m[2]) for m in compiled()["word"].finditer(text)]


def _all_in(word: str, names: frozenset[str]) -> bool:
    return all(part in names for part in word.split("-"))


def _is_first(word: str) -> bool:
    return _all_in(word, name_lists().first)


def _is_surname(word: str) -> bool:
    return _all_in(word, name_lists().surnames) or compiled()["surname_like"].fullmatch(word) is not None


def _is_listed(word: str) -> bool:
    """A listed first name or surname, also in the genitive ("Annas", "Svenssons")."""
    lists = name_lists()
    for candidate in (word, word[:-1] if word.endswith("s") else None):
        if candidate and (_all_in(candidate, lists.first) or _all_in(candidate, lists.surnames)):
            return True
    return False


def _is_capitalised(word: str) -> bool:
    return compiled()["capitalised"].fullmatch(word) is not None


def _full_name_at(tokens: list[Word], i: int) -> bool:
    if i + 1 >= len(tokens) or tokens[i].gap_after != " ":
        return False
    first, last = tokens[i].text, tokens[i + 1].text
    if not (_is_capitalised(first) and _is_capitalised(last) and _is_first(first)):
        return False
    surname = _is_surname(last) or (last.endswith("s") and _all_in(last[:-1], name_lists().surnames))
    common = name_lists().common
    return surname and not (first in common and last in common)


def _context_before(tokens: list[Word], i: int) -> tuple[bool, bool]:
    """(strong, weak): whether such a context phrase of up to three words ends right before word i."""
    table = contexts()
    patterns = compiled()
    gap = tokens[i - 1].gap_after if i > 0 else ""
    strong = weak = False
    for length in (1, 2, 3):
        if i - length < 0 or any(tokens[j].gap_after != " " for j in range(i - length, i - 1)):
            break
        phrase = " ".join(t.text for t in tokens[i - length : i])
        strong = strong or (phrase in table.strong and patterns["strong_gap"].search(gap) is not None)
        weak = weak or (phrase in table.weak and patterns["weak_gap"].search(gap) is not None)
    return strong, weak


def _name_start_at(text: str, tokens: list[Word], i: int) -> str | None:
    """How a name starts at word i: 'full', 'strong' (context), 'listed', or None."""
    word = tokens[i].text
    if _full_name_at(tokens, i):
        return "full"
    capitalised = _is_capitalised(word)
    strong, weak = _context_before(tokens, i)
    lists = name_lists()
    if strong and ((capitalised and word not in lists.not_names) or word in lists.first_lower):
        return "strong"
    if capitalised and _is_listed(word):
        before = text[: tokens[i].start] if i == 0 else tokens[i - 1].gap_after
        if weak or compiled()["slash_gap"].search(before) is not None:
            return "listed"
    return None


def _continues_name(word: str, start: str) -> bool:
    if not _is_capitalised(word):
        return False
    if start == "strong":
        return word not in name_lists().not_names
    return _is_listed(word) or _is_surname(word)


@cache
def _contexts_by_last_word() -> dict[str, tuple[str, ...]]:
    table = contexts()
    by_last: dict[str, list[str]] = {}
    for phrase in table.strong | table.weak:
        by_last.setdefault(phrase.rsplit(" ", 1)[-1], []).append(phrase)
    return {word: tuple(phrases) for word, phrases in by_last.items()}


@cache
def _non_letters() -> re.Pattern[str]:
    return re.compile(f"[^{_detection()['classes']['L']}]+")


def may_contain_name(text: str) -> bool:
    """A necessary condition of every name rule, cheap to test: two capitalised words
    in a row, a slash before a capital, or a context phrase.

    (Python looks the words up in a set; the warehouse function asks
    ``two_capitalised``, ``slash_capital`` and ``name_context_folded``, which lets a
    few more texts through to the name rules: those with a phrase in mixed case.)"""
    patterns = compiled()
    if patterns["two_capitalised"].search(text) or patterns["slash_capital"].search(text):
        return True
    by_last = _contexts_by_last_word()
    for word in set(_non_letters().split(text)).intersection(by_last):
        if any(phrase in text for phrase in by_last[word]):
            return True
    return False


def name_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every name in ``text``, in order, not overlapping."""
    if not may_contain_name(text):
        return []
    tokens = words(text)
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        start = _name_start_at(text, tokens, i)
        if start is None:
            i += 1
            continue
        first = i
        # "Anna Maria Svensson": the full name is found at "Maria Svensson".
        while (
            start == "full"
            and first > 0
            and tokens[first - 1].gap_after == " "
            and (not spans or tokens[first - 1].start >= spans[-1][1])
            and _is_capitalised(tokens[first - 1].text)
            and _is_first(tokens[first - 1].text)
        ):
            first -= 1
        last = i
        while (
            last + 1 < len(tokens)
            and last - i + 1 < MAX_NAME_WORDS
            and tokens[last].gap_after == " "
            and _continues_name(tokens[last + 1].text, start)
        ):
            last += 1
        spans.append((tokens[first].start, tokens[last].end))
        i = last + 1
    return spans
