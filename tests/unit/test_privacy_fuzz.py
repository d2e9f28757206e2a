"""Property tests (hypothesis) of the pseudonymiser: it never raises, is idempotent,
leaves nothing it can find, replaces every generated personnummer, phone number,
e-mail address, name and street address by the placeholder of its kind, and the
generated values never survive in arbitrary surrounding text.

The strategies are shared with tests/integration/test_personal_data_sql.py, which
checks on the same generated texts that the SQL function agrees."""

from __future__ import annotations

import datetime
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hornsten.privacy import rules
from hornsten.privacy.pseudonymise import PLACEHOLDERS, find_personal_data, pseudonymise_text

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _luhn_digit(nine: str) -> str:
    total = 0
    for position, char in enumerate(nine):
        value = int(char) * (2 if position % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return str((10 - total % 10) % 10)


@st.composite
def personnummer(draw) -> str:
    date = draw(st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2025, 12, 31)))
    day = date.day + (60 if draw(st.booleans()) else 0)  # samordningsnummer
    serial = f"{draw(st.integers(0, 999)):03d}"
    short = f"{date.year % 100:02d}{date.month:02d}{day:02d}"
    tail = serial + _luhn_digit(short + serial)
    head = draw(st.sampled_from([short, f"{date.year}{date.month:02d}{day:02d}"]))
    return f"{head}{draw(st.sampled_from(['-', '', ' ']))}{tail}"


@st.composite
def phone(draw) -> str:
    digits = st.text("0123456789", min_size=1, max_size=1)
    if draw(st.booleans()):
        area = draw(st.sampled_from(["70", "72", "73", "76", "79"]))
        number = "".join(draw(digits) for _ in range(7))
        grouped = draw(st.sampled_from([number, f"{number[:3]} {number[3:5]} {number[5:]}"]))
    else:
        area = draw(st.sampled_from(["8", "11", "13", "19", "910"]))
        length = {"8": 7, "910": 5}.get(area, 6)
        grouped = draw(st.sampled_from(["1", "2", "5"])) + "".join(draw(digits) for _ in range(length - 1))
    separator = draw(st.sampled_from(["-", " ", "", " - "]))
    prefix = draw(st.sampled_from(["0", "+46 ", "+46", "0046 "]))
    return f"{prefix}{area}{separator}{grouped}"


LABEL = st.from_regex(r"[a-z][a-z0-9]{1,9}", fullmatch=True)


@st.composite
def email(draw) -> str:
    local = draw(LABEL) + draw(st.sampled_from(["", ".", "_"])) + draw(LABEL)
    domain, tld = draw(LABEL), draw(st.from_regex(r"[a-z]{2,4}", fullmatch=True))
    at, dot = draw(
        st.sampled_from([("@", "."), (" (at) ", "."), ("[at]", "."), (" at ", " dot "), (" snabel-a ", " punkt ")])
    )
    return f"{local}{at}{domain}{dot}{tld}"


def full_name() -> st.SearchStrategy[str]:
    lists = rules.name_lists()
    first = sorted(n for n in lists.first if n not in lists.common and "-" not in n)
    surnames = sorted(n for n in lists.surnames if n not in lists.common)
    return st.builds(lambda f, s: f"{f} {s}", st.sampled_from(first), st.sampled_from(surnames))


@st.composite
def address(draw) -> str:
    street = draw(st.sampled_from(["Drottning", "Kungs", "Hageby", "Trädgårds", "Lindö", "Skol", "Björk"]))
    suffix = draw(st.sampled_from(["gatan", "vägen", "gränd", "stigen", "backen", "torget"]))
    number = f"{draw(st.integers(1, 199))}{draw(st.sampled_from(['', 'A', 'B', ' C']))}"
    town = draw(st.sampled_from(["", ", 602 24 Norrköping", ", 603 66 Norrköping"]))
    return f"{street}{suffix} {number}{town}"


# (strategy, placeholders it may become) - a 10-digit phone number may also be a valid personnummer.
PIECES = {
    "personnummer": (personnummer(), {PLACEHOLDERS["personnummer"]}),
    "telefon": (phone(), {PLACEHOLDERS["telefon"], PLACEHOLDERS["personnummer"]}),
    "e-post": (email(), {PLACEHOLDERS["e-post"]}),
    "namn": (full_name(), {PLACEHOLDERS["namn"]}),
    "adress": (address(), {PLACEHOLDERS["adress"]}),
}
SAFE_WORDS = st.sampled_from(
    ["mer", "cykelvägar", "i", "centrum", "tack", "parker", "fler", "bussar", "2035", "450 kr"]
)
PIECE = st.one_of(
    *(st.tuples(st.just(kind), strategy) for kind, (strategy, _) in PIECES.items()),
    st.tuples(st.just("ord"), SAFE_WORDS),
)
VALUES = st.one_of(*(strategy for strategy, _ in PIECES.values()))
ANY_TEXT = st.text(max_size=60)


def generated_text() -> st.SearchStrategy[str]:
    """Personal data in arbitrary text, for the agreement tests."""
    return st.lists(st.one_of(VALUES, ANY_TEXT, SAFE_WORDS), min_size=1, max_size=6).map(" ".join)


@SETTINGS
@given(ANY_TEXT)
def test_never_raises_and_is_idempotent(text: str) -> None:
    result = pseudonymise_text(text)
    assert isinstance(result, str)
    assert pseudonymise_text(result) == result
    assert find_personal_data(result) == []


@SETTINGS
@given(generated_text())
def test_output_is_clean_and_stable(text: str) -> None:
    result = pseudonymise_text(text)
    assert find_personal_data(result) == []
    assert pseudonymise_text(result) == result


@SETTINGS
@given(ANY_TEXT, VALUES, ANY_TEXT)
def test_generated_value_never_survives_in_surrounding_text(before: str, value: str, after: str) -> None:
    result = pseudonymise_text(f"{before} {value} {after}")
    assert value not in result


@SETTINGS
@given(st.lists(PIECE, min_size=1, max_size=6))
def test_each_value_becomes_the_placeholder_of_its_kind(pieces: list[tuple[str, str]]) -> None:
    # " och " keeps the pieces apart, so each is found on its own.
    result = pseudonymise_text(" och ".join(value for _, value in pieces))
    parts = result.split(" och ")
    assert len(parts) == len(pieces), result
    for (kind, value), part in zip(pieces, parts, strict=True):
        if kind == "ord":
            assert part == value
        else:
            assert part in PIECES[kind][1], (kind, value, result)


_PHRASE = st.text(alphabet="abcåä -.()", min_size=1, max_size=6)


@given(words=st.lists(_PHRASE, min_size=1, max_size=12), probe=_PHRASE)
@SETTINGS
def test_the_context_trie_matches_exactly_its_phrases(words, probe):
    trie = re.compile(f"(?:{rules.alternation(words)})")
    for word in words:
        assert trie.fullmatch(word)
    assert (trie.fullmatch(probe) is not None) == (probe in words)


# The warehouse function skips a pattern when its prefilter fails: each prefilter must
# hold wherever its pattern does (a missed e-mail or name would pass the GX checkpoint).
_AT = st.sampled_from(
    [
        " @ ",
        " @",
        "@ ",
        " (at) ",
        "[at]",
        "{AT}",
        "<At>",
        " at ",
        " AT ",
        " snabel-a ",
        " (snabela) ",
        " SNABEL-A ",
        " snabel a ",
        "[SNABEL-A]",
    ]
)
_DOT = st.sampled_from([".", " (dot) ", "[punkt]", " punkt ", " DOT ", "<PUNKT>"])


@st.composite
def obfuscated_email(draw) -> str:
    return f"{draw(LABEL)}{draw(_AT)}{draw(LABEL)}{draw(_DOT)}{draw(st.sampled_from(['se', 'com', 'nu']))}"


@given(ANY_TEXT, obfuscated_email(), ANY_TEXT)
@SETTINGS
def test_every_spelled_out_email_passes_the_at_prefilter(before: str, value: str, after: str) -> None:
    patterns = rules.compiled()
    assert patterns["email_obfuscated"].search(value), value
    text = before + value + after
    if patterns["email_obfuscated"].search(text):
        assert patterns["at_prefilter"].search(text), text


_CONTEXT_PHRASES = sorted(rules.contexts().strong | rules.contexts().weak)
# The phrases as listed, each a whole word run: what the folded pattern must let through.
_LETTERS = rules._detection()["classes"]["L"]
_CONTEXT_AS_LISTED = re.compile(f"(?<![{_LETTERS}])(?:{rules.alternation(_CONTEXT_PHRASES)})(?![{_LETTERS}])")


@given(ANY_TEXT, st.sampled_from(_CONTEXT_PHRASES), ANY_TEXT)
@SETTINGS
def test_every_context_phrase_passes_the_folded_prefilter(before: str, phrase: str, after: str) -> None:
    as_listed = _CONTEXT_AS_LISTED
    folded = rules.compiled()["name_context_folded"]
    for text in (before + phrase + after, before + phrase.upper() + after, before + phrase.capitalize() + after):
        if as_listed.search(text):
            assert folded.search(text), text
    assert folded.search(f" {phrase} ")
