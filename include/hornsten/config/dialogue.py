"""The dialogue phase's plan: the forums met and the target groups they reach."""

from __future__ import annotations

from pydantic import Field, model_validator

from hornsten.config.base import CODE_PATTERN, StrictModel


class Forum(StrictModel):
    code: str = Field(pattern=CODE_PATTERN)
    name: str
    target_group: str
    via_office: bool = False
    # How many meetings the process plan has with this forum or office.
    planned_meetings: int = Field(default=1, ge=0)


class TargetGroup(StrictModel):
    code: str = Field(pattern=CODE_PATTERN)
    name: str


class Dialogue(StrictModel):
    forums: list[Forum] = []
    target_groups: list[TargetGroup] = []

    @model_validator(mode="after")
    def _forums_reach_known_groups(self) -> Dialogue:
        groups = {g.code for g in self.target_groups}
        for forum in self.forums:
            if forum.target_group not in groups:
                raise ValueError(
                    f"forum {forum.code!r} names target group {forum.target_group!r}, "
                    f"which is not among target_groups {sorted(groups)}"
                )
        return self
