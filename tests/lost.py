"""The "nothing lost" check: every line's words appear somewhere in the extracted document."""

from __future__ import annotations

import re
from typing import Any

from fsgraph.model import Document, Source, Table, TextLine

_CHUNK = re.compile(r"[\w\u4e00-\u9fff]{2,}")
# Numbering markers live on in the numbering paths (refs), not in the texts.
_MARKER = re.compile(
    r"第[零〇一二两三四五六七八九十百]+[章节条]|第[零〇一二两三四五六七八九十百]+部分|[零〇一二两三四五六七八九十百]+[、，,．.]"
    r"|[（(][零〇一二两三四五六七八九十百\d]+[）)]|\d{1,3}[、．.]|[①-⑳]"
)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def lost_lines(source: Source, doc: Document) -> list[tuple[int, str]]:
    """Lines of ``source`` with a word (run of ≥2 letters or digits) found nowhere in ``doc``."""
    haystack = "\x00".join(_compact(s) for s in _strings(doc.to_json()))
    lost: list[tuple[int, str]] = []
    for block in source.blocks:
        texts = [(block.line, block.text)] if isinstance(block, TextLine) else []
        if isinstance(block, Table):
            texts = [(c.line, c.text) for row in block.rows for c in row]
        for line, text in texts:
            for chunk in _CHUNK.findall(_MARKER.sub(" ", text)):
                if chunk not in haystack:
                    lost.append((line, chunk))
                    break
    return lost
