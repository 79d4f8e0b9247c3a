"""Parent policies: documents cited as a basis — 根据/按照/参照/贯彻/落实《…》, with 文号 where given.

A citation in the preamble or in a section that frames the document (总体要求, 指导思想) is the
document's own basis (scope ``document``); one inside a task is a policy the task implements
(scope ``body``). Self-references (本《意见》) and media columns (《食安辽宁》栏目) are not parents.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from .lexicon import alternation, load
from .metadata import DECREE_NUMBER, DOC_NUMBER, compact
from .model import Parent

_NUMBER = r"[（(](?P<num>[^）)]{2,30}?号)[）)]"
_TITLE = re.compile(rf"《(?P<title>[^《》]+)》(?:{_NUMBER})?")
_ISSUED = re.compile(r"(?:印发|出台|制定|颁布|发布)?的$")
_BODY_CHARS = "省市县区委府院部厅局办"
_BODY_CHAR = re.compile(f"[{_BODY_CHARS}]")


@cache
def _citation_re() -> re.Pattern[str]:
    data = load("citations")
    cues = alternation(data["cues"])
    title = r"《[^《》]{2,80}》(?:[（(][^）)]{2,30}?号[）)])?"
    sep = alternation(data["joiners"])
    # A title after 和 / 及 / 、 may have its own issuer (…和中共中央办公厅、国务院办公厅印发的《…》).
    words = alternation([j for j in data["joiners"] if j not in "，,"])
    issued = rf"(?:{words})[^《》，。；,;：:]{{1,30}}?(?:(?:印发|出台|制定|颁布|发布)的|[{_BODY_CHARS}])"
    # Joint issuers are listed with 、 (省市场监管局、省教育厅《…》), each ending as a body's name does.
    joint = rf"(?:[^《》，。；,;：:、]{{1,20}}?[{_BODY_CHARS}]、){{0,4}}"
    return re.compile(
        rf"(?P<cue>{cues})(?P<issuer>{joint}[^《》，。；,;：:、]{{0,25}}?)"
        rf"(?P<titles>{title}(?:(?:{issued}|{sep})?{title})*)"
    )


@cache
def _joiner_re() -> re.Pattern[str]:
    return re.compile(rf"^(?:{alternation(load('citations')['joiners'])})")


@cache
def _media_re() -> re.Pattern[str]:
    return re.compile(rf"^(?:{alternation(load('citations')['media_after'])})")


def find_parents(
    text: str, line: int | Callable[[int], int], scope: str, own_title: str | None
) -> list[Parent]:
    """Parents cited in ``text``: one line, on source ``line``, or the lines of a paragraph joined
    by newlines, with ``line`` the source line of an offset in it (a cue or a title may end a line
    that the next one goes on: 根据 / 《…》, as hard-wrapped text and PDFs break them)."""
    line_of = line if callable(line) else lambda _: line
    out: list[Parent] = []
    if "《" not in text:  # every citation holds a title in 《》
        return out
    own = compact(own_title or "")
    for m in _citation_re().finditer(text):
        issuer = _ISSUED.sub("", m.group("issuer").strip(" \u3000")) or None
        if issuer and (len(issuer) < 2 or not _BODY_CHAR.search(issuer)):
            issuer = None
        titles_start = m.start("titles")
        previous_end = 0
        for t in _TITLE.finditer(m.group("titles")):
            # A title's own issuer, written between the joiner and it, is its issuer.
            between = _ISSUED.sub("", _joiner_re().sub("", m.group("titles")[previous_end : t.start()]))
            if between and _BODY_CHAR.search(between):
                issuer = between
            previous_end = t.end()
            title = t.group("title").replace("\n", "").strip()
            end = titles_start + t.end()
            if text[end : end + 4] and _media_re().match(text[end : end + 4]):
                continue
            before = text[max(0, titles_start + t.start() - 1) : titles_start + t.start()]
            # The document's own title, or part of it, is no parent; a title its own title cites in
            # 《》 (关于贯彻落实《…规定》的实施细则) is.
            in_own = compact(title) in own and f"《{compact(title)}》" not in own
            if before == "本" or compact(title) == own or (own and in_own and len(title) > 8):
                continue
            number = t.group("num")
            if number and not (
                DOC_NUMBER.search(compact(number)) or DECREE_NUMBER.fullmatch(compact(number))
            ):
                number = None
            out.append(
                Parent(
                    title=title,
                    number=number,
                    issuer=issuer,
                    cue=m.group("cue"),
                    scope=scope,  # type: ignore[arg-type]
                    line=line_of(m.start()),
                    quote=text[m.start() : end],
                )
            )
    return out


def merge_parents(parents: list[Parent]) -> list[Parent]:
    """One entry per cited document; a document-scope citation wins over a body one."""
    merged: dict[str, Parent] = {}
    for p in parents:
        key = compact(p.number or p.title)
        if key not in merged or (merged[key].scope == "body" and p.scope == "document"):
            merged[key] = p
    return list(merged.values())
