"""What every part of the process configuration shares: strict models and the code pattern."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

# Codes name things in the warehouse and in file names: lower-case, no spaces.
CODE_PATTERN = r"^[a-z0-9_][a-z0-9_+\-]*$"
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+$"


class StrictModel(BaseModel):
    # Unknown keys are typos more often than extensions: reject them.
    model_config = ConfigDict(extra="forbid", frozen=True)
