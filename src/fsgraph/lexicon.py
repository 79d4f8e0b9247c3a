"""Load the vocabulary files in ``loaders/`` (TOML), once."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from typing import Any

from .resources import data_file


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed ``loaders/<name>.toml``."""
    with data_file("loaders", f"{name}.toml").open("rb") as fh:
        return tomllib.load(fh)


def alternation(words: list[str]) -> str:
    """A regex alternation of ``words``, longest first so that 牵头单位 wins over 牵头."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
