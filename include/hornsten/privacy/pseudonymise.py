"""Find and pseudonymise personal data in free-text survey answers.

Citizens type their personnummer, e-mail address or phone number into open
answers although the form asks them not to. Nothing of that may reach the
analytic schema, so the streaming loader runs every answer through
:func:`pseudonymise_text` and respondent identifiers through :func:`keyed_hash`.

The rules are mirrored in ``migrations/0002_personal_data_functions.sql``
(``public.hornsten_contains_personal_data``) so that data-quality checks can
verify the analytic schema with the same definition. Change both together;
``tests/integration/test_personal_data_sql.py`` proves they agree.

Design choices (privacy first: a false positive costs a few redacted digits,
a false negative leaks a person):

* Every pattern uses ``[0-9]`` and explicit character lists instead of ``\\d``
  and ``\\w``, because those classes differ between Python (Unicode) and
  PostgreSQL (locale dependent) and the two detectors must agree.
* Personnummer: the regex only proposes candidates; the date and Luhn checks
  decide. Digit lookarounds keep a valid-looking 10-digit window inside a
  longer digit run (IBAN, order or account number) from being taken.
* Phone numbers must start with the trunk prefix 0 (or +46 / 0046) and carry
  7-9 national digits. That one rule keeps postcodes ("602 42"), amounts
  ("50 000 kr"), years and times out, because none of them starts with 0.
  Known over-matches we accept: a space-grouped amount in the billions with
  a group starting with 0 ("1 050 000 000"), lists like "01 02 03 04 05", and
  part of a space-grouped account number or IBAN ("SE35 5000 0000 0549 1000
  0003") - redacting those is harmless, they are personal data too.
* A 10-digit number starting with 0 can be both a phone number and a
  personnummer born 2000-2009. If it passes the date and Luhn checks it is
  reported as a personnummer (the stricter, more sensitive reading);
  otherwise as a phone number. Either way it is redacted.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from typing import Final, Literal

Kind = Literal["personnummer", "e-post", "telefon"]

# Order doubles as tie-break priority when two candidates cover the same span.
KINDS: Final[tuple[Kind, ...]] = ("personnummer", "e-post", "telefon")
PLACEHOLDERS: Final[dict[str, str]] = {kind: f"[{kind}]" for kind in KINDS}


@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of personal data; ``text[start:end]`` is the matched span."""

    kind: Kind
    start: int
    end: int


# Head is 6 (YYMMDD) or 8 (YYYYMMDD) digits; 7 is matched too and rejected in
# code, because with the digit lookarounds this makes the candidate at every
# position unique, so Python's and PostgreSQL's regex engines (backtracking vs.
# leftmost-longest) yield exactly the same candidates.
# The "not preceded by a digit" check sits after the first digit instead of at
# the start: a pattern that starts with a character class lets Python's regex
# engine skip ahead to candidate characters, roughly halving the scan time.
_PERSONNUMMER_RE: Final = re.compile("([0-9](?<![0-9]{2})[0-9]{5,7})([-+]?)([0-9]{4})(?![0-9])")

# Swedish mailboxes routinely contain å/ä/ö; listed explicitly (see above).
_MAIL_CHARS: Final = "A-Za-z0-9åäöÅÄÖæøÆØéÉüÜ"
_EMAIL_RE: Final = re.compile(f"[{_MAIL_CHARS}._%+-]+@[{_MAIL_CHARS}-]+(?:\\.[{_MAIL_CHARS}-]+)*\\.[A-Za-z]{{2,}}")

# A hyphen (or an autocorrected en dash) between area code and subscriber
# number, optionally padded by spaces, or a single space. Only spaces inside
# the subscriber number: allowing more hyphens would turn "01-02-2024" into a
# phone number.
_AREA_SEP: Final = "(?: ?[-–] ?| )?"
_INTERNATIONAL: Final = " ?46 ?(?:\\(0\\) ?)?"
_PHONE_RE: Final = re.compile(
    # Prefix +46, 0046 or the trunk 0. The lookbehinds (not inside a longer
    # number, not the tail of a date like 2024-05-05) follow the first
    # character for speed, as in _PERSONNUMMER_RE.
    f"(?:\\+(?<![0-9]\\+)(?<![0-9][-–/.]\\+){_INTERNATIONAL}"
    f"|0(?<![0-9]0)(?<![0-9][-–/.]0)(?:0{_INTERNATIONAL})?)"
    # Area code of 1-3 digits (70 for mobiles) plus a subscriber number of at
    # least 5 digits, 7-9 national digits in total (the Swedish numbering
    # plan); spelled out per area-code length because a regex cannot count
    # digits across separators otherwise.
    f"(?:[1-9]{_AREA_SEP}[0-9](?: ?[0-9]){{5,7}}"
    f"|[1-9][0-9]{_AREA_SEP}[0-9](?: ?[0-9]){{4,6}}"
    f"|[1-9][0-9]{{2}}{_AREA_SEP}[0-9](?: ?[0-9]){{4,5}})"
    "(?![0-9])"
)

# Every finding contains a digit or an '@'.
_DIGIT_RE: Final = re.compile("[0-9]")


def _luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(digits):
        value = ord(char) - 48
        if position % 2 == 0:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _is_personnummer(head: str, separator: str, tail: str) -> bool:
    if len(head) == 8:
        # '+' marks people over 100 and only exists in the 10-digit form; the
        # century guard stops random 12-digit numbers from qualifying.
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
    return _luhn_valid(head + tail)


def _candidates(text: str) -> list[tuple[int, int, int]]:
    """(start, end, priority) of every raw match, overlaps included."""
    found: list[tuple[int, int, int]] = []
    # Most answers have neither a digit nor an '@' and leave here after two
    # cheap scans.
    if _DIGIT_RE.search(text) is not None:
        for match in _PERSONNUMMER_RE.finditer(text):
            if _is_personnummer(*match.groups()):
                found.append((match.start(), match.end(), 0))
        for match in _PHONE_RE.finditer(text):
            found.append((match.start(), match.end(), 2))
    if "@" in text:
        for match in _EMAIL_RE.finditer(text):
            found.append((match.start(), match.end(), 1))
    return found


def find_personal_data(text: str) -> list[Finding]:
    """Return non-overlapping findings sorted by start.

    Overlapping candidates form one finding labelled by the longest candidate
    (ties: personnummer > e-post > telefon, then the earliest); its span is the
    union of the cluster, so no fragment of a losing candidate is left behind.
    ``end`` is exclusive.
    """
    if not text:
        return []
    candidates = _candidates(text)
    if not candidates:
        return []
    candidates.sort(key=lambda c: (c[0], -c[1]))

    findings: list[Finding] = []
    start, end, best = candidates[0][0], candidates[0][1], candidates[0]
    for candidate in candidates[1:]:
        if candidate[0] < end:
            end = max(end, candidate[1])
            if (candidate[1] - candidate[0], -candidate[2]) > (best[1] - best[0], -best[2]):
                best = candidate
            continue
        findings.append(Finding(KINDS[best[2]], start, end))
        start, end, best = candidate[0], candidate[1], candidate
    findings.append(Finding(KINDS[best[2]], start, end))
    return findings


def contains_personal_data(text: str | None) -> bool:
    if not text:
        return False
    return bool(_candidates(text))


def pseudonymise_text(text: str | None) -> str | None:
    """Replace personal data with ``[personnummer]``, ``[e-post]``, ``[telefon]``.

    Text without findings is returned as the very same object.
    """
    if text is None:
        return None
    findings = find_personal_data(text)
    # Redaction changes the context of what is left (e.g. "<pnr>-070 123 45 67":
    # the phone number only stops looking like a date tail once the digits
    # before it are gone), so repeat until clean. Each round removes at least
    # one digit or '@', hence it terminates.
    while findings:
        parts: list[str] = []
        position = 0
        for finding in findings:
            parts.append(text[position : finding.start])
            parts.append(PLACEHOLDERS[finding.kind])
            position = finding.end
        parts.append(text[position:])
        text = "".join(parts)
        findings = find_personal_data(text)
    return text


def keyed_hash(value: str | None, key: bytes) -> str | None:
    """Pseudonymous, stable replacement for a respondent identifier.

    Keyed (HMAC) rather than a plain hash: identifiers such as personnummer
    or e-mail addresses come from a small, guessable space, so an unkeyed hash
    could be reversed by hashing every candidate. 128 bits (32 hex chars) is
    ample against collisions while keeping join keys short.
    """
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    if not key:
        raise ValueError("keyed_hash needs a non-empty secret key")
    return hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()[:32]
