"""Small hand-made documents for mapping tests."""

from __future__ import annotations

from fsgraph.model import Document


def make_doc(doc: str = "t.txt", **fields: object) -> Document:
    """A document with every required field set; ``fields`` override or add (tasks, targets…)."""
    base: dict[str, object] = dict(
        doc=doc,
        path=doc,
        sha256="a" * 64,
        format="txt",
        encoding="utf-8",
        title="测试方案",
        issuer=None,
        doc_number=None,
        date=None,
        date_iso=None,
        draft=None,
        jurisdiction="阜新市",
        year=2016,
    )
    base.update(fields)
    return Document(**base)  # type: ignore[arg-type]
