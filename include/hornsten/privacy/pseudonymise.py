"""Find and pseudonymise personal data in free-text answers.

Citizens type their name, address, personnummer, e-mail address or phone number into
open answers although the form asks them not to. Nothing of that may reach the
analytic schema, so the loaders run every answer through :func:`pseudonymise_text`
and respondent identifiers through :func:`keyed_hash`.

Detection is Presidio's (:mod:`hornsten.privacy.recognizers`) with the Swedish
definition of :mod:`hornsten.privacy.rules`, which the warehouse check
``public.hornsten_contains_personal_data`` reads too; the tests prove that the two
agree. Privacy first: a false positive costs a few redacted words, a false negative
leaks a person.

Speed: most answers contain nothing personal, and Presidio's analysis costs far more
than a regular expression. So every text first meets the cheap necessary conditions
of each recognizer (a digit run for numbers, an '@' or a spelled-out one for e-mail,
a capitalised word pair or a context word for names); only a text that meets one goes
through the analyzer.

Overlapping findings (``0701234567@sms.telia.se``) are one finding, labelled by the
longest (ties: personnummer > e-post > telefon > adress > namn), spanning their union
so that no fragment of the losing one is left behind. A 10-digit number starting with
0 can be both a phone number and a personnummer born 2000-2009; if it passes the date
and Luhn checks it is a personnummer (the stricter reading), otherwise a phone number.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from typing import Final, Literal

from hornsten.privacy import recognizers, rules

Kind = Literal["personnummer", "e-post", "telefon", "adress", "namn"]

# Order doubles as tie-break priority when two candidates cover the same span.
KINDS: Final[tuple[Kind, ...]] = ("personnummer", "e-post", "telefon", "adress", "namn")
PLACEHOLDERS: Final[dict[str, str]] = {kind: f"[{kind}]" for kind in KINDS}
_PRIORITY: Final = {recognizers.KIND_ENTITIES[kind]: rank for rank, kind in enumerate(KINDS)}

# Redaction changes the context of what is left, so it repeats until clean; each round
# removes at least one finding and placeholders never form one, so a handful suffice.
_MAX_ROUNDS: Final = 20

_DIGITS_RE: Final = re.compile("[0-9]")


@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of personal data; ``text[start:end]`` is the matched span."""

    kind: Kind
    start: int
    end: int


def _may_contain(text: str) -> bool:
    """The recognizers' cheap necessary conditions; False means nothing can be found."""
    patterns = rules.compiled()
    if _DIGITS_RE.search(text) and (
        patterns["phone"].search(text)
        or patterns["personnummer"].search(text)
        or (patterns["address_prefilter"].search(text) and patterns["address"].search(text))
    ):
        return True
    if patterns["at_prefilter"].search(text) and (
        patterns["email"].search(text) or patterns["email_obfuscated"].search(text)
    ):
        return True
    return rules.may_contain_name(text)


def _merge(results: list) -> list[Finding]:
    results = sorted(results, key=lambda r: (r.start, -r.end))
    findings: list[Finding] = []
    if not results:
        return findings

    def rank(result) -> tuple[int, int]:
        return (result.end - result.start, -_PRIORITY[result.entity_type])

    start, end, best = results[0].start, results[0].end, results[0]
    for result in results[1:]:
        if result.start < end:
            end = max(end, result.end)
            if rank(result) > rank(best):
                best = result
            continue
        findings.append(Finding(recognizers.ENTITY_KINDS[best.entity_type], start, end))
        start, end, best = result.start, result.end, result
    findings.append(Finding(recognizers.ENTITY_KINDS[best.entity_type], start, end))
    return findings


def find_personal_data(text: str | None) -> list[Finding]:
    """Non-overlapping findings sorted by start; ``end`` is exclusive."""
    if not text or not _may_contain(text):
        return []
    return _merge(recognizers.analyze(text))


def contains_personal_data(text: str | None) -> bool:
    return bool(find_personal_data(text))


def pseudonymise_text(text: str | None) -> str | None:
    """Replace personal data with ``[namn]``, ``[adress]``, ``[personnummer]``, ``[e-post]``, ``[telefon]``.

    Text without findings is returned as the very same object.
    """
    if text is None:
        return None
    findings = find_personal_data(text)
    # E.g. "<pnr>-070 123 45 67": the phone number only stops looking like a date
    # tail once the digits before it are gone.
    for _ in range(_MAX_ROUNDS):
        if not findings:
            break
        results = [
            recognizers.RecognizerResult(recognizers.KIND_ENTITIES[f.kind], f.start, f.end, 1.0) for f in findings
        ]
        text = recognizers.replace(text, results)
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
