"""The base of the pydantic models that validate knowledge files: an unknown key is an error
(a misspelt field would otherwise be dropped without a word)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
