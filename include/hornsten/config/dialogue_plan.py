"""What the participants were promised, before anyone answered: why the dialogue is
held, the political decision behind it, how much say the answers have, and how and
when the results are fed back (Nyköping's principles for medborgardialog; Skellefteå:
it must be "clear from the start why the dialogue is held and how the views will be
taken care of"). The published site shows it beside what came of the answers."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from hornsten.config.base import StrictModel

# SKR's participation ladder (delaktighetstrappan), lowest step first.
INFLUENCE_LEVELS = ("information", "consultation", "dialogue", "influence", "co_decision")
INFLUENCE_LABELS = {
    "information": "Information",
    "consultation": "Konsultation",
    "dialogue": "Dialog",
    "influence": "Inflytande",
    "co_decision": "Medbestämmande",
}
INFLUENCE_MEANING = {
    "information": "Kommunen berättar vad som är på gång. Du kan inte påverka beslutet.",
    "consultation": "Kommunen frågar vad du tycker om ett förslag. Politikerna tar med det när de beslutar.",
    "dialogue": "Du och politikerna samtalar och lär av varandra. Politikerna tar med det när de beslutar.",
    "influence": "Du är med och tar fram förslaget. Politikerna beslutar.",
    "co_decision": "Du och politikerna beslutar tillsammans.",
}
Influence = Literal["information", "consultation", "dialogue", "influence", "co_decision"]


class PoliticalDecision(StrictModel):
    """The decision that started the dialogue: always a political initiative (Nyköping)."""

    body: str = Field(min_length=1)  # Kommunstyrelsen
    date: dt.date
    case_number: str = Field(min_length=1)  # diarienummer, e.g. KS 2023/0456


class FeedbackPromise(StrictModel):
    """How and when the results of a phase are fed back to those who took part."""

    after_phase: str  # a phase code of the process
    within_days: int = Field(default=30, ge=0, le=365)
    channels: list[str] = Field(min_length=1)  # "kommunens webbplats", "e-post till deltagarna", …


class DialoguePlan(StrictModel):
    purpose: str = Field(min_length=1)
    decision: PoliticalDecision
    influence: Influence
    influence_note: str = ""  # what the level means for this process, in the municipality's words
    feedback: list[FeedbackPromise] = Field(min_length=1)

    @property
    def influence_label(self) -> str:
        return INFLUENCE_LABELS[self.influence]

    @property
    def influence_step(self) -> int:
        """1 = information … 5 = co-decision."""
        return INFLUENCE_LEVELS.index(self.influence) + 1
