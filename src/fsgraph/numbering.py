"""Numbering markers of Chinese official documents (公文) and their levels.

公文 number their parts in a fixed order of styles: 第一部分 / 第一章 / 第一节 above the body, then
一、 → （一） → 1. → （1） → ①. A marker's style gives its rank; the parser keeps a stack of open
parts and closes every part of equal or deeper rank when a marker opens a new one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import cn2an

from .lexicon import alternation, load

CN_DIGITS = "零〇一二两三四五六七八九十百"
_CN = f"[{CN_DIGITS}]+"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# One character for a bracketed number, as Word's numbering and some fonts write （一） and （1）.
PAREN_CN = "㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩"
PAREN_DIGITS = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
# A year's four digits, in ASCII or in full-width digits (２０２５年), as some pages and documents
# typed in a Chinese input method write them; int() reads both.
YEAR = r"(?:[1１][9９]|[2２][0０])\d{2}"
_ONE_CHARACTER = {c: n for chars in (CIRCLED, PAREN_CN, PAREN_DIGITS) for n, c in enumerate(chars, start=1)}

# (kind, rank, first characters, pattern). Patterns match at the start of a stripped line; group
# "n" is the number. A pattern can only match text that opens with one of its first characters
# (None: a decimal digit, what \d matches).
_STYLES: tuple[tuple[str, int, str | None, re.Pattern[str]], ...] = (
    # 第三章 or 第3章: in words or in figures.
    ("part", 0, "第", re.compile(rf"第(?P<n>{_CN}|\d{{1,3}})部分[\s　]*")),
    ("chapter", 1, "第", re.compile(rf"第(?P<n>{_CN}|\d{{1,3}})章[\s　]*")),
    ("section", 2, "第", re.compile(rf"第(?P<n>{_CN}|\d{{1,3}})节[\s　]*")),
    ("article", 3, "第", re.compile(rf"第(?P<n>{_CN}|\d{{1,3}})条[\s　]*")),
    # A box (专栏) of a plan: it holds no parts (see structure), and closes items as a heading does.
    ("box", 3, "专", re.compile(rf"专栏[\s　]*(?P<n>\d{{1,2}}|{_CN})[\s　：:]*")),
    ("cn", 4, CN_DIGITS, re.compile(rf"(?P<n>{_CN})[、，,．.][\s　]*")),
    ("cn_paren", 5, "（(", re.compile(rf"[（(][\s　]*(?P<n>{_CN})[\s　]*[）)][、，,．.]?[\s　]*")),
    ("cn_paren", 5, PAREN_CN, re.compile(rf"(?P<n>[{PAREN_CN}])[、，,．.]?[\s　]*")),
    ("arabic", 6, None, re.compile(r"(?P<n>\d{1,3})(?:[、．]|\.(?!\d))[\s　]*")),
    ("arabic_paren", 7, "（(", re.compile(r"[（(](?P<n>\d{1,3})[）)][、，,．.]?[\s　]*")),
    ("arabic_paren", 7, PAREN_DIGITS, re.compile(rf"(?P<n>[{PAREN_DIGITS}])[、，,．.]?[\s　]*")),
    # 1） and 1) (a closing bracket only), as many web pages and Word's "%1)" lists write （1）.
    ("arabic_paren", 7, None, re.compile(r"(?P<n>\d{1,3})[）)][、，,．.]?[\s　]*")),
    # 1.1, 1.1.1 (Word's multilevel lists, "%1.%2"): a level deeper for each number (the rank is
    # set by match_marker). Space or a dot must follow: 3.15消费者权益日 is a date; and no unit (1.5 万吨
    # is a quantity: see _quantity).
    ("decimal", 6, None, re.compile(r"(?P<n>\d{1,2}(?:\.\d{1,2}){1,3})(?:\.|(?=[\s　]))[\s　]*")),
    ("circled", 8, CIRCLED, re.compile(rf"(?P<n>[{CIRCLED}])[、，,．.]?[\s　]*")),
)

_NON_SPACE = re.compile(r"[^\s\u3000]")


@dataclass(frozen=True)
class Marker:
    kind: str
    rank: int
    number: int
    raw: str  # the marker as written, with the whitespace after it
    label: str  # the form used in numbering paths: 四, (一), 1, (1), 第三章 …

    @property
    def length(self) -> int:
        return len(self.raw)


@lru_cache(maxsize=4096)  # cn2an validates its input at length; numerals repeat
def to_int(numeral: str) -> int | None:
    """Arabic or Chinese numeral (or a circled or bracketed one, ① ⑴ ㈠) to an int."""
    if numeral in _ONE_CHARACTER:  # before isdigit(): Python counts ① and ⑴ as digits
        return _ONE_CHARACTER[numeral]
    if numeral.isdecimal():  # ASCII or full-width digits (６月)
        return int(numeral)
    try:
        value = cn2an.cn2an(numeral, "smart")
    except (ValueError, KeyError):
        return None
    return int(value) if value == int(value) else None


def _label(kind: str, numeral: str, number: int) -> str:
    if kind == "part":
        return f"第{numeral}部分"
    if kind == "chapter":
        return f"第{numeral}章"
    if kind == "section":
        return f"第{numeral}节"
    if kind == "article":
        return f"第{numeral}条"
    if kind == "box":
        return f"专栏{numeral}"
    if kind == "cn":
        return numeral
    if kind == "cn_paren":
        return f"({'一二三四五六七八九十'[number - 1] if numeral in PAREN_CN else numeral})"
    if kind == "arabic_paren":
        return f"({number})"
    return str(number)


@cache
def _quantity() -> re.Pattern[str]:
    """What follows a number that is a quantity or a date, not a marker: a unit the targets count
    in (targets.toml), a magnitude, money, a time, a digit or a percent sign."""
    units = alternation(load("targets")["count_units"])
    return re.compile(rf"(?:{units}|[万亿千百元年月日\d%％])")


@lru_cache(maxsize=4096)
def _styles_opening_with(first: str) -> tuple[tuple[str, int, re.Pattern[str]], ...]:
    """The styles that a line opening with ``first`` may be written in, in order."""
    return tuple(
        (kind, rank, pattern)
        for kind, rank, opens, pattern in _STYLES
        if first and (first.isdecimal() if opens is None else first in opens)
    )


@lru_cache(maxsize=4096)  # markers repeat: 一、 (一) 1. …
def _marker(kind: str, rank: int, number: int, raw: str, numeral: str) -> Marker:
    return Marker(kind, rank, number, raw, _label(kind, numeral, number))


def match_marker(text: str) -> Marker | None:
    """The numbering marker at the start of ``text`` (already stripped), if any."""
    for kind, rank, pattern in _styles_opening_with(text[:1]):
        m = pattern.match(text)
        if not m:
            continue
        numeral = m.group("n")
        if kind == "decimal":  # 1.2.3: the last number, a level deeper than 1. for each dot
            if _quantity().match(text, m.end()):
                continue
            rank += numeral.count(".")
            number: int | None = int(numeral.rpartition(".")[2])
        else:
            number = to_int(numeral)
        if number is None or number == 0:
            continue
        # "1." followed by nothing, or "一、" standing alone, is not an item.
        if _NON_SPACE.search(text, m.end()) is None:
            continue
        # A bare Chinese numeral with a comma ("一，") is prose far more often than a marker.
        if kind == "cn" and text[len(numeral)] in "，,":
            continue
        # "2020." / "3.15" / "12331" are not markers: Arabic numbers must be short and not a year.
        if kind == "arabic" and number > 200:
            continue
        return _marker(kind, rank, number, m.group(0), numeral)
    return None


# Markers that may open a new part in the middle of a line: after sentence-ending punctuation, or
# after whitespace that follows a heading (seed 003 puts "二、…" and "（一）…" on one line). The
# punctuation (or space) opens the match, so that the search skips ahead to it.
_EMBEDDED = re.compile(
    rf"[。；;！？!?）)\s　][\s　]*(?=(?:第{_CN}[章节条]|{_CN}、|[（(]{_CN}[）)]|\d{{1,3}}[、．.](?!\d)|[（(]?\d{{1,3}}[）)]))"
)


def embedded_marker_positions(text: str) -> list[int]:
    """Positions in ``text`` where a numbering marker could start a new part."""
    return [m.end() for m in _EMBEDDED.finditer(text)]
