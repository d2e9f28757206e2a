"""Personal data in free text (phone numbers, e-mail addresses, personnummer) and look-alike numbers.

The platform's pseudonymisation must find the first and leave the second alone, so
both come in the spellings people use.
"""

from __future__ import annotations

import random

from hornsten.demo import phrasebank
from hornsten.demo.names import PersonNames
from hornsten.demo.text import close, sentence

# Area codes of landline numbers for a process without its own (see data/README.md).
AREA_CODES = ("8", "11", "13", "18", "31", "40", "90", "910")


def luhn_check(digits: str) -> int:
    total = 0
    for position, char in enumerate(digits):
        value = int(char) * (2 if position % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return (10 - total % 10) % 10


class PersonalData:
    def __init__(self, rng: random.Random, names: PersonNames, local: phrasebank.ProcessPhrases):
        self.rng = rng
        self.names = names
        self.local = local
        parts = phrasebank.answer_parts()
        self.frames = parts.personal_data_frames
        self.lookalikes = parts.lookalikes

    def personnummer(self) -> str:
        rng = self.rng
        year = rng.randint(1936, 2008)
        month = rng.randint(1, 12)
        day = rng.randint(1, 28)
        serial = f"{rng.randint(0, 999):03d}"
        nine = f"{year % 100:02d}{month:02d}{day:02d}{serial}"
        short, tail = nine[:6], f"{serial}{luhn_check(nine)}"
        style = rng.random()
        if style < 0.45:
            return f"{short}-{tail}"
        if style < 0.7:
            return f"{year}{month:02d}{day:02d}{tail}"
        if style < 0.9:
            return f"{year}{month:02d}{day:02d}-{tail}"
        return f"{short}{tail}"

    def phone(self) -> str:
        rng = self.rng
        if rng.random() < 0.7:
            return self._mobile()
        area = self.local.area_code or rng.choice(AREA_CODES)
        digits = 8 if area == "8" else (5 if len(area) == 3 else 6)
        number = f"{rng.randint(10 ** (digits - 1), 10**digits - 1)}"
        if digits == 6:
            grouped = f"{number[:2]} {number[2:4]} {number[4:]}"
        elif digits == 8:
            grouped = f"{number[:3]} {number[3:6]} {number[6:]}"
        else:
            grouped = f"{number[:3]} {number[3:]}"
        return f"0{area}-{grouped}" if rng.random() < 0.7 else f"0{area}-{number}"

    def _mobile(self) -> str:
        rng = self.rng
        # Half from PTS's range reserved for fiction (070-174 06 05 … 99).
        if rng.random() < 0.5:
            prefix, number = "70", f"17406{rng.randint(5, 99):02d}"
        else:
            prefix, number = rng.choice(("70", "72", "73", "76", "79")), f"{rng.randint(0, 9999999):07d}"
        a, b, c = number[:3], number[3:5], number[5:]
        style = rng.random()
        if style < 0.35:
            return f"0{prefix}-{a} {b} {c}"
        if style < 0.55:
            return f"0{prefix}{number}"
        if style < 0.7:
            return f"0{prefix} {a} {b} {c}"
        if style < 0.85:
            return f"+46 {prefix} {a} {b} {c}"
        if style < 0.93:
            return f"+46{prefix}-{number}"
        return f"0{prefix}-{number}"

    def postcode(self) -> str:
        rng = self.rng
        prefix = self.local.postcode_prefix
        if prefix:
            first = (prefix + "".join(str(rng.randint(0, 9)) for _ in range(3)))[:3]
        else:
            first = str(rng.randint(100, 989))
        return f"{first} {rng.randint(10, 99)}"

    def organisation_number(self) -> str:
        """Luhn-valid like a personnummer, but the 'month' is 20 or more."""
        rng = self.rng
        nine = f"{rng.choice((80, 81, 82, 55, 71))}{rng.randint(20, 99)}{rng.randint(0, 99999):05d}"
        return f"{nine[:6]}-{nine[6:]}{luhn_check(nine)}"

    def add_personal_data(self, text: str) -> str:
        """A sentence with a phone number, e-mail address or personnummer, after or before the text."""
        rng = self.rng
        kind = rng.choices(("phone", "email", "pnr"), weights=(0.4, 0.35, 0.25))[0]
        frame = rng.choice(self.frames[kind])
        value = {"phone": self.phone, "email": self.names.email, "pnr": self.personnummer}[kind]()
        snippet = frame.replace("{p}", value).replace("{e}", value).replace("{n}", value)
        if rng.random() < 0.7 or not text.strip():
            return (close(text.rstrip()) + " " if text.strip() else "") + sentence(snippet)
        return sentence(snippet) + " " + text

    def add_lookalike(self, text: str) -> str:
        """A sentence with a number that looks a little like personal data but is not."""
        rng = self.rng
        template = rng.choice(self.lookalikes)
        year = rng.randint(1950, 2023)
        values = {
            "{pc}": self.postcode,
            "{date}": lambda: f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "{year}": lambda: str(year),
            "{born}": lambda: str(rng.randint(1935, 2006)),
            "{amount}": lambda: f"{rng.randint(2, 95) * 1000:,}".replace(",", " ") + " kr",
            "{org}": self.organisation_number,
            "{small}": lambda: str(rng.randint(2, 7)),
            "{dayshort}": lambda: f"{rng.randint(1, 28)}/{rng.randint(1, 12)}",
            "{time}": lambda: f"{rng.randint(10, 23)}.{rng.randint(0, 59):02d}",
        }
        for key, value in values.items():
            if key in template:
                template = template.replace(key, value())
        return close(text.rstrip()) + " " + template
