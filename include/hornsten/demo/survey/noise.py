"""The noise of real citizen input: missing diacritics, typos, case, emphasis, stray spaces."""

from __future__ import annotations

import random

NO_DIACRITICS_RATE = 0.08
TYPO_RATE = 0.05
LOWERCASE_RATE = 0.15
CAPS_RATE = 0.01

_NO_DIACRITICS = str.maketrans("åäöÅÄÖéü", "aaoAAOeu")
# Swedish keyboard: a letter is mistyped as one of its neighbours.
_KEYBOARD_NEIGHBOURS = {
    **{"a": "sq", "s": "ad", "d": "sf", "e": "wr", "r": "et", "t": "ry", "i": "uo", "o": "ip", "n": "bm"},
    **{"m": "n", "l": "kö", "k": "jl", "g": "fh", "v": "cb", "b": "vn", "u": "yi", "p": "oå", "ä": "öå"},
    **{"ö": "lä", "å": "pä", "h": "gj", "j": "hk", "f": "dg", "c": "xv"},
}


def typo(rng: random.Random, text: str) -> str:
    """One or two slips: swapped, dropped, doubled or neighbouring letters."""
    for _ in range(1 if rng.random() < 0.7 else 2):
        if len(text) < 4:
            return text
        for _attempt in range(6):
            i = rng.randrange(len(text) - 1)
            if text[i].isalpha() and text[i + 1].isalpha():
                break
        else:
            return text
        op = rng.random()
        if op < 0.35:
            text = text[:i] + text[i + 1] + text[i] + text[i + 2 :]
        elif op < 0.65:
            text = text[:i] + text[i + 1 :]
        elif op < 0.8:
            text = text[:i] + text[i] + text[i:]
        else:
            neighbours = _KEYBOARD_NEIGHBOURS.get(text[i].lower())
            if neighbours:
                text = text[:i] + rng.choice(neighbours) + text[i + 1 :]
    return text


def add_noise(rng: random.Random, text: str) -> str:
    """The answer as a citizen types it."""
    random_ = rng.random
    if random_() < NO_DIACRITICS_RATE:
        text = text.translate(_NO_DIACRITICS)
    if random_() < TYPO_RATE:
        text = typo(rng, text)
    r = random_()
    if r < LOWERCASE_RATE:
        text = text.lower().rstrip(".!")
        if random_() < 0.5:
            text = text.replace(". ", " ").replace(",", "")
    elif r < LOWERCASE_RATE + CAPS_RATE:
        text = text.upper()
    r = random_()
    if r < 0.02:
        text = text.rstrip(".!") + ("!!!" if random_() < 0.6 else "...")
    elif r < 0.025:
        text += " 😊" if random_() < 0.7 else " 👍"
    elif r < 0.035:
        text = "  " + text if random_() < 0.5 else text + "  "
    return text
