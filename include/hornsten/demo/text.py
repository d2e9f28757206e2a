"""Capitalising and punctuating the phrase bank's lower-case, unpunctuated phrases."""

from __future__ import annotations


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def close(text: str) -> str:
    """End with a full stop unless the text already ends a sentence."""
    return text if not text or text[-1] in '.!?:)"' else text + "."


def sentence(text: str) -> str:
    return close(capitalise(text))
