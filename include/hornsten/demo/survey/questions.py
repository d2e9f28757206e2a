"""Which style of answer an open survey question asks for, from its wording."""

from __future__ import annotations

import re

from hornsten.config import Question
from hornsten.demo.phrasebank import STYLES


def question_styles(questions: list[Question]) -> list[str]:
    """pos (good today), neg (improve), fut (wishes) or assoc (what the place brings to mind: praise and
    complaints alike) per text question; by position when the wording is unknown."""
    styles: list[str] = []
    for position, question in enumerate(questions):
        text = question.text.casefold()
        if re.search(r"förknippa|associera|tänker du på|kommer du att tänka", text):
            style = "assoc"
        elif re.search(r"år 20\d\d|framtid|ska vara|vill du att|önska|dröm|skulle få|vision", text):
            style = "fut"
        elif re.search(r"bättre|förbättr|saknar|problem|ändra|viktigast|behöv|utveckla", text):
            style = "neg"
        elif re.search(r"bästa|bra med|uppskatt|stolt|tycker om|gillar|idag", text):
            style = "pos"
        else:
            style = STYLES[position % 3]
        styles.append(style)
    return styles
