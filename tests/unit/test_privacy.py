"""Tests for hornsten.privacy.pseudonymise.

The case lists and ``random_texts`` at module level are reused by
tests/integration/test_personal_data_sql.py to prove the SQL detector agrees
with this one, so keep them importable and free of side effects.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import random
import re
from pathlib import Path

import pytest

from hornsten.privacy import pseudonymise as privacy
from hornsten.privacy import rules
from hornsten.privacy.pseudonymise import (
    Finding,
    contains_personal_data,
    find_personal_data,
    keyed_hash,
    pseudonymise_text,
)

# --- helpers -----------------------------------------------------------------


def luhn_check_digit(nine_digits: str) -> str:
    """Check digit of a personnummer, computed over YYMMDDNNN."""
    total = 0
    for position, char in enumerate(nine_digits):
        value = int(char) * (2 if position % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return str((10 - total % 10) % 10)


def personnummer_writings(yyyymmdd: str, serial: str) -> list[str]:
    """All accepted writings of one (valid) personnummer."""
    short = yyyymmdd[2:] + serial
    check = luhn_check_digit(short)
    date, tail = yyyymmdd[2:], serial + check
    return [
        f"{date}-{tail}",
        f"{date}+{tail}",
        f"{date}{tail}",
        f"{yyyymmdd}-{tail}",
        f"{yyyymmdd}{tail}",
    ]


def wrong_check_digit(number: str) -> str:
    return number[:-1] + str((int(number[-1]) + 1) % 10)


def kinds(text: str) -> list[str]:
    return [finding.kind for finding in find_personal_data(text)]


def spans_text(text: str) -> list[tuple[str, str]]:
    return [(f.kind, text[f.start : f.end]) for f in find_personal_data(text)]


# --- case lists (shared with the SQL agreement test) ---------------------------

# (date, serial): plain, born 2000s (10-digit form starts with 0, like a phone
# number), born 1800s (the '+' writing exists for them), samordningsnummer.
PERSONNUMMER_SEEDS = [
    ("19811218", "987"),
    ("20070123", "456"),
    ("19450501", "020"),
    ("18991231", "111"),
    ("19640229", "305"),
    ("19811278", "987"),  # samordningsnummer: day 18 + 60
    ("20120361", "238"),  # samordningsnummer: day 1 + 60
    ("19901291", "554"),  # samordningsnummer: day 31 + 60
]
VALID_PERSONNUMMER = [w for d, s in PERSONNUMMER_SEEDS for w in personnummer_writings(d, s)]

# Date part implausible although the Luhn digit is right.
IMPLAUSIBLE_DATES = [
    "19811318",  # month 13
    "19810018",  # month 00
    "19811200",  # day 00
    "19811232",  # day 32
    "19811260",  # day 60: neither a day nor a samordningsnummer day
    "19811292",  # day 92
]

EVERYDAY_NUMBERS = [
    "Mötet är 2024-03-18.",
    "Vi ses 18/3 2024 i Stadshuset.",
    "Datum: 20240318",
    "Datum 2024-05-05 kl 10:00",
    "05-05-2024",
    "01-02-2024 och 01.02.2024",
    "Det kostar 1 250 000 kr.",
    "50 000 kr räcker inte",
    "Budgeten är 12 500 000 kronor för 2025.",
    "Över 2 000 000 000 kr i investeringar",
    "602 42",
    "Box 123, 601 81 Norrköping",
    "kl 14:30",
    "Öppet kl. 08.30–10.00 och 08:00-17:00",
    "Öppet 08-16 vardagar",
    "2035",
    "Vision 2035 ska gälla från 2024 till 2035.",
    "Ordernummer 4500123456",
    "Ärende KS 2024/00123",
    "Fakturanummer 2024-0012345",
    "75 % tycker att 0,5 miljoner är för lite",
    "1-2 gånger per vecka, 3 av 10, v. 12",
    "Åldern 0-6 år, 0 kr, 0-100 km/h",
    "143 000 invånare och 24 000 pendlare",
    "Ring 070",
    "0701 23",
    "08-123",
    "Kod 0910-1234",  # a 3-digit area code needs a 5-digit subscriber number
    "+46 7",
    "07012345678901",
]

# (writing, expected to be found exactly as written)
PHONE_WRITINGS = [
    "070-123 45 67",
    "0701234567",
    "070 123 45 67",
    "070-1234567",
    "+46 70 123 45 67",
    "+46701234567",
    "0046 70-123 45 67",
    "00 46 70 123 45 67",
    "+46 (0)70-123 45 67",
    "070–123 45 67",  # en dash from autocorrect
    "073 - 987 65 43",
    "011-15 00 00",
    "08-123 456 78",
    "08-123 45 67",
    "011 123 45",
    "013-20 60 00",
    "0910-123 45",
]

EMAILS = [
    "anna.svensson@norrkoping.se",
    "Kalle_99@gmail.com",
    "förnamn.efternamn@kommun.se",
    "info+enkat@stadsbyggnad.norrkoping.se",
    "ÅSA.ÖBERG@SKELLEFTEA.SE",
    "per-olof@malmö.se",
]

# Spelled-out addresses (the whole string is the finding).
OBFUSCATED_EMAILS = [
    "anna at kommun dot se",
    "anna.svensson (at) example.se",
    "anna punkt svensson snabel-a example punkt se",
    "erik.larsson [at] gmail.com",
    "kalle_99 AT hotmail DOT com",
    "förnamn.efternamn(at)kommun.se",
]

NOT_EMAILS = [
    "Följ @norrkoping på Instagram",
    "skriv a@b",
    "root@localhost",
    "x@.se",
    "e-post: saknas",
]


def all_case_texts() -> list[str]:
    """Every literal test input, for the SQL agreement test."""
    texts: list[str] = []
    for number in VALID_PERSONNUMMER:
        texts += [number, f"Mitt pnr är {number}, tack.", wrong_check_digit(number)]
    for date in IMPLAUSIBLE_DATES:
        texts += [implausible(date, 10), implausible(date, 12)]
    texts += EVERYDAY_NUMBERS + NOT_EMAILS + long_digit_runs() + MIXED
    texts += ["Konto SE35 5000 0000 0549 1000 0003", "Tel 013-20 60 00 070-123 45 67"]
    texts += [f"Ring mig på {p}, tack." for p in PHONE_WRITINGS]
    texts += [f"Mejla {e}." for e in EMAILS + OBFUSCATED_EMAILS]
    return texts


def implausible(yyyymmdd: str, length: int) -> str:
    nine = yyyymmdd[2:] + "123"
    number = yyyymmdd[:2] + nine + luhn_check_digit(nine)
    return number[-length:]


def long_digit_runs() -> list[str]:
    """Valid personnummer embedded in longer digit runs (IBAN, accounts)."""
    valid = personnummer_writings("19811218", "987")[2]  # 10 digits, no separator
    return [
        f"IBAN SE45{valid}1234567890",
        f"SE3550000000{valid}03",
        f"Konto 5{valid}",  # 11 digits
        f"Konto {valid}0",  # 11 digits
        f"Referens 55{valid}",  # 12 digits, but century 55 is no century
        f"Kontonummer 8327-9{valid}",
    ]


MIXED = [
    "Jag heter Anna, pnr 811218-9876, mejla anna@kommun.se eller ring 070-123 45 67.",
    "0701234567@sms.telia.se",
    "19811218-9876@example.com",
    "070-123 45 67x@y.se",
    "811218-9876-070 123 45 67",
    "Ring 070-123 45 67 2035 gånger",
]


def random_texts(seed: int, count: int) -> list[str]:
    """Answers glued from prose, everyday numbers, personal data and noise."""
    rng = random.Random(seed)
    words = ["Mer", "cykelvägar", "i", "centrum", "tack", "år", "kr", "Norrköping", "kl", "nr", "och"]
    planted = VALID_PERSONNUMMER + PHONE_WRITINGS + EMAILS
    fragments = words + planted + EVERYDAY_NUMBERS
    noise_alphabet = "0123456789        --+@.åa()/:"
    texts = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 8)):
            roll = rng.random()
            if roll < 0.7:
                parts.append(rng.choice(fragments))
            else:
                parts.append("".join(rng.choices(noise_alphabet, k=rng.randint(1, 20))))
        texts.append(rng.choice([" ", "", ", "]).join(parts))
    return texts


# --- personnummer ----------------------------------------------------------------


@pytest.mark.parametrize("number", VALID_PERSONNUMMER)
def test_valid_personnummer_found_in_every_writing(number: str) -> None:
    text = f"Mitt pnr är {number}, tack."
    start = text.index(number)
    assert find_personal_data(text) == [Finding("personnummer", start, start + len(number))]
    assert pseudonymise_text(text) == "Mitt pnr är [personnummer], tack."


def test_generated_numbers_cover_all_writings() -> None:
    # Guard for the helper itself: one known-good number from Skatteverket's
    # examples must be among the generated writings.
    assert personnummer_writings("19811218", "987") == [
        "811218-9876",
        "811218+9876",
        "8112189876",
        "19811218-9876",
        "198112189876",
    ]


@pytest.mark.parametrize("number", VALID_PERSONNUMMER)
def test_wrong_check_digit_is_not_personnummer(number: str) -> None:
    text = f"Nummer {wrong_check_digit(number)} här"
    assert "personnummer" not in kinds(text)
    if not number.startswith("0"):
        # Only 0-leading 10-digit numbers may still read as phone numbers.
        assert pseudonymise_text(text) == text


@pytest.mark.parametrize("date", IMPLAUSIBLE_DATES)
@pytest.mark.parametrize("length", [10, 12])
def test_implausible_date_with_valid_luhn_is_not_personnummer(date: str, length: int) -> None:
    text = f"Referens {implausible(date, length)}"
    assert find_personal_data(text) == []


@pytest.mark.parametrize("century", ["17", "21", "99"])
def test_twelve_digits_need_a_plausible_century(century: str) -> None:
    number = personnummer_writings("19811218", "987")[4]
    assert find_personal_data(f"Id {century}{number[2:]}") == []
    assert kinds(f"Id {number}") == ["personnummer"]


def test_twelve_digit_form_with_plus_is_not_a_writing() -> None:
    assert find_personal_data("Id 19811218+9876") == []


@pytest.mark.parametrize("text", long_digit_runs())
def test_valid_number_inside_longer_digit_run_is_ignored(text: str) -> None:
    assert "8112189876" in text
    assert find_personal_data(text) == []


def test_spaced_iban_is_never_a_personnummer() -> None:
    # Groups like "0549 1000" read as a landline number; redacting part of an
    # account number is accepted over-matching, a personnummer reading is not.
    text = "Konto SE35 5000 0000 0549 1000 0003"
    assert "personnummer" not in kinds(text)
    assert find_personal_data("Konto SE35 5000 0000 1549 1000 0003") == []


def test_personnummer_beats_phone_on_same_span() -> None:
    # 0701234569 is both a mobile number and the valid personnummer of someone
    # born 2007-01-23: the stricter reading wins.
    assert spans_text("Ring 0701234569") == [("personnummer", "0701234569")]
    # One digit off, the Luhn check fails and it is just a phone number.
    assert spans_text("Ring 0701234567") == [("telefon", "0701234567")]


# --- everyday numbers ------------------------------------------------------------


@pytest.mark.parametrize("text", EVERYDAY_NUMBERS)
def test_everyday_numbers_are_not_personal_data(text: str) -> None:
    assert find_personal_data(text) == []
    assert pseudonymise_text(text) is text


# --- phone numbers ---------------------------------------------------------------


@pytest.mark.parametrize("phone", PHONE_WRITINGS)
def test_phone_found_with_exact_span(phone: str) -> None:
    text = f"Ring mig på {phone}, tack."
    assert spans_text(text) == [("telefon", phone)]
    assert pseudonymise_text(text) == "Ring mig på [telefon], tack."


def test_phone_does_not_swallow_following_number() -> None:
    assert spans_text("Ring 070-123 45 67 2035 gånger") == [("telefon", "070-123 45 67")]


def test_two_phone_numbers_in_a_row() -> None:
    assert spans_text("Tel 013-20 60 00 070-123 45 67") == [
        ("telefon", "013-20 60 00"),
        ("telefon", "070-123 45 67"),
    ]


# --- e-mail ----------------------------------------------------------------------


@pytest.mark.parametrize("email", EMAILS)
@pytest.mark.parametrize("template", ["Mejla {}.", "({})", "{}, tack!", "Adress: {}?", "<{}>"])
def test_email_found_without_trailing_punctuation(email: str, template: str) -> None:
    text = template.format(email)
    assert spans_text(text) == [("e-post", email)]
    assert pseudonymise_text(text) == template.format("[e-post]")


@pytest.mark.parametrize("email", OBFUSCATED_EMAILS)
def test_spelled_out_email_found(email: str) -> None:
    text = f"Mejla {email}, tack."
    assert spans_text(text) == [("e-post", email)]
    assert pseudonymise_text(text) == "Mejla [e-post], tack."


@pytest.mark.parametrize("text", NOT_EMAILS)
def test_not_emails(text: str) -> None:
    assert find_personal_data(text) == []


# --- several findings, overlaps ----------------------------------------------------


def test_multiple_findings_sorted_with_exact_placeholders() -> None:
    text = MIXED[0]
    assert spans_text(text) == [
        ("namn", "Anna"),
        ("personnummer", "811218-9876"),
        ("e-post", "anna@kommun.se"),
        ("telefon", "070-123 45 67"),
    ]
    assert pseudonymise_text(text) == ("Jag heter [namn], pnr [personnummer], mejla [e-post] eller ring [telefon].")


@pytest.mark.parametrize("text", ["0701234567@sms.telia.se", "19811218-9876@example.com"])
def test_email_wins_over_number_in_its_local_part(text: str) -> None:
    assert find_personal_data(text) == [Finding("e-post", 0, len(text))]


def test_partially_overlapping_findings_are_redacted_as_one() -> None:
    # The phone (13 chars) is longer than the overlapping "67x@y.se", so it
    # names the finding, but the span covers both so nothing leaks.
    assert find_personal_data("070-123 45 67x@y.se") == [Finding("telefon", 0, 19)]
    assert pseudonymise_text("070-123 45 67x@y.se") == "[telefon]"


def test_redaction_repeats_until_nothing_is_left() -> None:
    text = "811218-9876-070 123 45 67"
    # Right after a digit and a hyphen the phone number reads like a date tail
    # and is not reported in the first pass ...
    assert kinds(text) == ["personnummer"]
    # ... but once the personnummer is gone it is, and it must not survive.
    assert pseudonymise_text(text) == "[personnummer]-[telefon]"


# --- API contract -----------------------------------------------------------------


def test_none_and_empty() -> None:
    assert pseudonymise_text(None) is None
    assert pseudonymise_text("") == ""
    assert find_personal_data("") == []
    assert contains_personal_data(None) is False
    assert contains_personal_data("") is False


def test_clean_text_is_returned_as_same_object() -> None:
    text = "Fler parker och 3 nya förskolor till 2035!"
    assert pseudonymise_text(text) is text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ring 070-123 45 67", True),
        ("Mejla anna@kommun.se", True),
        ("Pnr 811218-9876", True),
        ("Pnr 811218-9875", False),
        ("Det kostar 1 250 000 kr 2035", False),
        ("Inga siffror alls", False),
    ],
)
def test_contains_personal_data(text: str, expected: bool) -> None:
    assert contains_personal_data(text) is expected


def test_finding_is_immutable() -> None:
    finding = find_personal_data("Ring 070-123 45 67")[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.start = 0  # type: ignore[misc]


def test_sql_detector_reads_the_python_patterns() -> None:
    # Drift guard that runs without a database: the warehouse function asks the
    # reference table for patterns by name (filled from hornsten.privacy.rules) and
    # has no regular expression of its own. Behavioural agreement is proven by
    # tests/integration/test_personal_data_sql.py.
    # (each function as its latest migration defines it)
    migrations = sorted((Path(privacy.__file__).parents[1] / "warehouse" / "migrations").glob("*.sql"))
    functions: dict[str, str] = {}
    for migration in migrations:
        text = migration.read_text(encoding="utf-8")
        definitions = r"create or replace function public\.(\w+)\(.*?\$function\$(.*?)\$function\$"
        for match in re.finditer(definitions, text, re.S):
            functions[match.group(1)] = match.group(2)
    sql = "\n".join(body for name, body in functions.items() if name.startswith("hornsten_contains_"))
    asked = set(re.findall(r"hornsten_pii_pattern\('([a-z_]+)'\)", sql))
    assert {
        "personnummer",
        "email",
        "email_obfuscated",
        "at_prefilter",
        "phone",
        "address",
        "word",
        "two_capitalised",
        "slash_capital",
        "name_context_folded",
    } <= asked
    assert asked <= set(rules.patterns())
    # (only the "has a digit" shortcut is written out)
    assert re.findall(r"~\*? *('[^']*')", sql) == ["'[0-9]'"]


# --- keyed hash -----------------------------------------------------------------------


def test_keyed_hash_is_truncated_hmac_sha256_of_stripped_value() -> None:
    key = b"test-secret"
    expected = hmac.new(key, b"R-000123", hashlib.sha256).hexdigest()[:32]
    assert keyed_hash("  R-000123\n", key) == expected
    assert len(expected) == 32 and int(expected, 16) >= 0


def test_keyed_hash_is_stable_and_depends_on_value_and_key() -> None:
    assert keyed_hash("R-000123", b"k1") == keyed_hash("R-000123", b"k1")
    assert keyed_hash("R-000123", b"k1") != keyed_hash("R-000123", b"k2")
    assert keyed_hash("R-000123", b"k1") != keyed_hash("R-000124", b"k1")
    assert keyed_hash("Åsa", b"k1") == keyed_hash("Åsa ", b"k1")


@pytest.mark.parametrize("value", [None, "", "   "])
def test_keyed_hash_of_missing_value_is_none(value: str | None) -> None:
    assert keyed_hash(value, b"k1") is None


def test_keyed_hash_refuses_empty_key() -> None:
    with pytest.raises(ValueError, match="key"):
        keyed_hash("R-000123", b"")


# --- property-style -------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(3))
def test_pseudonymised_output_never_contains_a_finding(seed: int) -> None:
    # (test_privacy_fuzz.py checks the same properties on hypothesis-generated texts)
    for text in random_texts(seed, 1000):
        findings = find_personal_data(text)
        assert findings == sorted(findings, key=lambda f: f.start)
        assert all(0 <= a.start < a.end <= b.start for a, b in zip(findings, findings[1:], strict=False))
        result = pseudonymise_text(text)
        assert find_personal_data(result) == [], (text, result)
        assert pseudonymise_text(result) == result
        assert contains_personal_data(text) is bool(findings)
        for planted in VALID_PERSONNUMMER + PHONE_WRITINGS + EMAILS:
            # Glued to noise a planted value may legitimately become part of
            # something else (a longer digit run); standing alone it must go.
            standalone = f"(?:^|[ ,]){re.escape(planted)}(?:$|[ ,])"
            if re.search(standalone, text):
                assert not re.search(standalone, result), (planted, text, result)


# --- names and addresses (issue 11) ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jag heter Anna Svensson och bor på Storgatan 12", "Jag heter [namn] och bor på [adress]"),
        ("Drottninggatan 45B, 602 24 Norrköping", "[adress]"),
        ("Mitt pnr är 19811218 9876.", "Mitt pnr är [personnummer]."),
        ("Mejla anna.svensson (at) example.se", "Mejla [e-post]"),
    ],
)
def test_what_the_issue_found_unchanged_is_replaced(text: str, expected: str) -> None:
    assert pseudonymise_text(text) == expected


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Jag heter Björn och bor här.", "Björn"),  # an everyday word: needs the context
        ("Min son Sten vill ha en skatepark.", "Sten"),
        ("Björn Andersson ringde.", "Björn Andersson"),  # a full name needs none
        ("jag heter anna", "anna"),
        ("Rektor Lindqvist svarade aldrig.", "Lindqvist"),
        ("Mvh Zlatan Hodzic", "Zlatan Hodzic"),  # after a strong context, any capitalised words
        ("Tack för allt!\n/Karin", "Karin"),
        ("Anna Maria Svensson kom också.", "Anna Maria Svensson"),
    ],
)
def test_names_in_context_or_in_full(text: str, name: str) -> None:
    assert spans_text(text) == [("namn", name)]


@pytest.mark.parametrize(
    "text",
    [
        "Björn är ett fint djur.",
        "Sten Berg",  # both everyday words
        "Hans mamma bor här.",
        "Drottninggatan behöver fler träd.",
        "Stora torget borde bli bilfritt.",
        "Riksväg 51 är farlig.",
        "Kungsgatan 3 gånger om dagen.",
        "Jag heter inte det.",
        "Min son och jag.",
        "Carl Johans park och Gustav Adolfs kyrka.",
    ],
)
def test_words_that_are_names_or_streets_are_left_alone(text: str) -> None:
    assert find_personal_data(text) == []
