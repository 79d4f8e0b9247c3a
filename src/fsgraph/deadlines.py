"""Deadlines: find time limits in a task's text and normalise them.

Written forms: 2017年底前 / 到2020年 / 2018年6月12日 / 8月27日和10月29日前 (the document's year) /
每年10月底前 (recurring) / 持续实施, 长期坚持 (ongoing) / 用2—3年时间, 5年内 (durations). A frequency
alone (每年, 每季度) is not a deadline, nor a year that only names something (2021年食品安全工作考核).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from functools import cache, lru_cache
from itertools import chain
from typing import NamedTuple

from .lexicon import alternation, load
from .model import Deadline, DeadlineKind
from .numbering import YEAR, to_int

_CN = "[一二两三四五六七八九十]"
_Y = rf"(?P<y>{YEAR})\s*年"
# A month in figures or in words (6月, 十月, 十二月).
MONTH = r"\d{1,2}|十[一二]?|(?<![一二三四五六七八九十百千两])[一二三四五六七八九]"
# A month, and a day or part of it (6月, 6月30日 or 30号, 6月中旬, 9月份); a quarter (三季度, 第一季度).
# A page's line break may fall inside a time limit (2017年底 / 前, 6月 / 底前): read across it.
_BREAK = "\n?"
_MONTH_PART = rf"(?:{MONTH})月{_BREAK}(?:\d{{1,2}}[日号]|底|末|初|(?:上中|中下|[上中下])旬|份)"
_QUARTER = r"第?[一二三四1-4]季度"
_QUAL_FORMS = (
    rf"(?:年)?底|年末|末|上半年|下半年|{_QUARTER}|"
    rf"(?P<mo>{MONTH})\s*月份?(?:{_BREAK}(?P<mq>底|末|初|上中旬|中下旬|上旬|中旬|下旬|(?P<d>\d{{1,2}})\s*[日号]))?"
)
_QUAL = rf"(?P<q>{_QUAL_FORMS})"
# 2026年内, 2026年度内: within the year; not a word that opens with 前 or 内 (前瞻, 前列, 内容).
_BEFORE = r"(?P<before>(?:之|以)?前(?![瞻沿端置期提列景往进面台身线])|(?:之|度)?内(?![容部涵控审外生地蒙]))"
YEAR_EXPR = re.compile(rf"(?P<to>到|至)?{_Y}(?:{_BREAK}{_QUAL})?(?:{_BREAK}{_BEFORE})?")
# A span of months or days, whose time limit is its end: 2024年4月—5月, 2025年1月至12月,
# 2024年3月至2025年6月底前, 2024年11月1日—15日, 2025年6—9月 (its first 月 left out: spanned).
SPAN = re.compile(
    rf"{_Y}(?P<m1>\d{{1,2}})\s*(?P<spanned>月(?:\d{{1,2}}\s*日)?)?\s*(?:至|到|—{{1,2}}|－|-|~|～)\s*"
    rf"(?:(?P<y2>{YEAR})\s*年)?(?:(?P<m2>\d{{1,2}})\s*月)?(?:底|末|(?P<d2>\d{{1,2}})\s*日)?(?:前|之前|以前)?"
)
# A span of years, whose time limit is its last year's: 2023年—2025年, 2021—2025年底前, 2024年至2025年.
YEARS = re.compile(rf"{YEAR}\s*年?\s*(?:至|到|—{{1,2}}|－|-|~|～)\s*{_Y}{_QUAL}?{_BEFORE}?")
_SPAN_JOINS = re.compile(r"[至到—－\-~～]")
# A date, or a year and month, written with dots, slashes or dashes (2024.6.30前, 2024/06/30,
# 2024-06-30 and 2026.12 in a time cell, 2026.6底前).
DOTTED = re.compile(
    rf"(?<![\d.])(?P<y>{YEAR})\s*(?P<sep>[.．/\-－])\s*(?P<mo>\d{{1,2}})(?:\s*(?P=sep)\s*(?P<d>\d{{1,2}}))?(?![\d.])"
    r"(?:底|末)?(?P<before>前|之前|以前)?"
)
# Before a time of the year named, not dated: 2024年秋季开学前, 2025年春节前.
BEFORE_EVENT = re.compile(rf"{_Y}“?(?P<event>[\u4e00-\u9fff]{{1,8}}?)”?(?:前|之前|以前)")
_NOT_EVENT = re.compile(rf"^(?:{_QUAL_FORMS})|[在于的]")  # a qualifier YEAR_EXPR reads, or a clause
# A month or day without a year, before which: 8月27日和10月29日前, 6月中旬前, 十月底前, 9月份前.
MONTH_DAYS = re.compile(
    rf"(?P<all>(?:(?:{MONTH})月\d{{1,2}}[日号](?:和|、|及|与|至|—|-))*{_MONTH_PART}{_BREAK}(?:前|之前|以前))"
)
# A month's day or part, or a quarter, without a year and without 前, which says when where it
# opens a clause (6月底完成, 三季度开展评估); and a span of them (6月1日至7月31日), whose end counts.
# A month alone counts after a label's colon (完成时限：12月), where it is the label's value, and
# where it opens a span of months (4月—9月, 4—9月).
YEARLESS_AT = re.compile(
    rf"(?:{_MONTH_PART}|{_QUARTER}(?:末|底)?|(?<=[：:])(?:{MONTH})月(?=[\s。；;，,]|$)|(?:{MONTH})月?(?=(?:至|到|—{{1,2}}|－|-|~|～)(?:{MONTH})月))(?P<end>(?:至|到|—{{1,2}}|－|-|~|～)(?:{_MONTH_PART}|(?:{MONTH})月))?"
)
# A month listed after a date, with the word that joins it (、9月, 和10月底前).
_LISTED_MONTH = re.compile(rf"[、和及与](?P<month>(?:{_MONTH_PART}|(?:{MONTH})月)(?:前|之前|以前)?)")
# A quarter without a year, before whose end: 三季度末前, 第一季度前.
QUARTER = re.compile(rf"(?<![\d年每]){_QUARTER}(?:末|底)?(?:前|之前|以前)")
RECURRING = re.compile(
    rf"每(?P<p>年|季度|季|月|半年|周)(?:(?P<mo>{MONTH})月|年|季)?(?P<pt>(?P<d>\d{{1,2}})日|底|末|初)(?:前|之前|以前)"
)
# Within the document's own year: 年底前, 今年上半年, 年内.
THIS_YEAR = re.compile(
    r"(?<![\d一二三四五六七八九十每年])(?:今年|本年度?|当年)?(?P<q>年底|年末|上半年|下半年|年内)(?:前|之前|以前)?"
)
_THIS_YEAR_WORDS = ("年底", "年末", "半年", "年内")
_THIS_YEAR_NAMED = re.compile(r"(?:今年|本年度?|当年)$")
# In the year after: 明年6月底前, 次年3月底前, 翌年上半年 (the year after the document's, or after the
# year written before it: 2024年启动，次年3月底前完成 → 2025).
_NEXT_YEAR_WORDS = ("明年", "次年", "翌年", "第二年")
NEXT_YEAR = re.compile(rf"(?P<next>{'|'.join(_NEXT_YEAR_WORDS)}){_QUAL}{_BEFORE}?")
# A time something starts from (2024年起, 自2025年6月开始), and how often it then recurs (每年开展).
_STARTS = ("起", "开始", "以来")
STARTING = re.compile(rf"{_Y}(?:\d{{1,2}}\s*月(?:份)?)?(?:{'|'.join(_STARTS)})")
EVERY = re.compile(r"每(?P<p>半年|季度|年|季|月|周)")
DURATION = re.compile(
    rf"(?:用|利用|经过)(?P<a>\d+|{_CN})(?:[—\-~～至到](?P<b>\d+|{_CN}))?年(?:左右)?(?:的)?时间"
    rf"|(?<![\d年])(?P<n>\d+|{_CN})年(?:之内|内)"
)
_QUARTER_END = {"一": 3, "二": 6, "三": 9, "四": 12, "1": 3, "2": 6, "3": 9, "4": 12}
_PERIOD = {"年": "P1Y", "季度": "P3M", "季": "P3M", "月": "P1M", "半年": "P6M", "周": "P1W"}
_CLAUSE_START = "，,。；;：:、\n"
# A year a quantity is measured against (在2024年基础上, 较2020年): no time limit, nor the year of a
# target.
BASELINE = re.compile(
    rf"(?:在|以)?{YEAR}\s*年(?:的)?(?:基础上|基数上|水平上)|(?:比|较|同比|相比){YEAR}\s*年(?:底|末)?"
)
_BASELINE_WORDS = ("基础上", "基数上", "水平上", "比", "较")


def without_baselines(text: str) -> str:
    """``text`` without the years quantities in it are measured against (在2024年基础上)."""
    return BASELINE.sub("", text) if any(w in text for w in _BASELINE_WORDS) else text


# …年度 / …年的 qualify a noun; …年起 / …年以来 / …年开始 / …年至 open a span, not a time limit;
# …年基础上 is the baseline a rate is measured against.
_NOT_AFTER_YEAR = ("度", "的", "以", "至", "来", "基础", *_STARTS)


class Found(NamedTuple):  # made for every time limit found: faster to make than a frozen dataclass
    start: int
    end: int
    text: str


@cache
def _ongoing() -> re.Pattern[str]:
    return re.compile(alternation(load("time")["ongoing"]))


@cache
def _whole_clause() -> re.Pattern[str]:
    """The time limits that count only as a clause of their own: ongoing, or at once."""
    return re.compile(alternation([*load("time")["ongoing"], *load("time")["immediate"]]))


@cache
def _event_names() -> frozenset[str]:
    """The times of the year named (time.toml's events)."""
    return frozenset(load("time")["events"])


@cache
def _event_words() -> frozenset[str]:
    """The last character of each time of the year named: a text holding none of them is not
    searched for one."""
    return frozenset(event[-1] for event in _event_names())


@cache
def _events() -> re.Pattern[str]:
    """A time of the year named (time.toml's events) and the word for before it."""
    return re.compile(rf"“?(?:{alternation(load('time')['events'])})”?(?:前|之前|以前)")


def _month_end(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


# A month (its day or part) or a quarter written without a year, as YEAR_EXPR reads it after one.
_YEARLESS = re.compile(rf"{_MONTH_PART}|(?:{MONTH})月|{_QUARTER}")
# A time cell of months alone (6月; 3月、9月): each in the document's year.
_MONTHS_ONLY = re.compile(rf"(?:(?:{_MONTH_PART}|(?:{MONTH})月)[、和及]?)+")


def _date_of(year: int, m: re.Match[str]) -> str | None:
    q = m.group("q")
    if not q:
        return f"{year}-12-31"
    if q in ("底", "年底", "年末", "末", "下半年"):
        return f"{year}-12-31"
    if q == "上半年":
        return f"{year}-06-30"
    if "季" in q:
        month = _QUARTER_END[q.lstrip("第")[0]]
        return f"{year}-{month:02d}-{_month_end(year, month):02d}"
    month = to_int(m.group("mo")) or 0
    if not 1 <= month <= 12:
        return None
    mq = m.group("mq")
    if m.group("d"):
        day = int(m.group("d"))
        return f"{year}-{month:02d}-{day:02d}" if 1 <= day <= _month_end(year, month) else None
    if mq in ("初", "上旬"):
        return f"{year}-{month:02d}-10"
    if mq in ("中旬", "上中旬"):
        return f"{year}-{month:02d}-20"
    return f"{year}-{month:02d}-{_month_end(year, month):02d}"


_QUOTED = re.compile(r"《[^》]*》|“[^”]*”")


def _blank(m: re.Match[str]) -> str:
    """A quoted title blanked out; a time of the year in quotation marks (“五一”前) kept."""
    if m.group(0)[1:-1] in _event_names():
        return m.group(0)
    return "\0" * len(m.group(0))


def _masked(text: str) -> str:
    """``text`` with quoted titles blanked out, so that a year inside 《…》 is not a deadline."""
    if "《" not in text and "“" not in text:
        return text
    return _QUOTED.sub(_blank, text)


_AT = ("在", "于")
# An enumerator that opens a clause as punctuation would (一是…，二是…; 首先, 其次, 最后).
ENUMERATORS = "[一二三四五六七八九十]+是|首先|其次|再次|最后"
_ENUMERATED = re.compile(rf"(?:{ENUMERATORS})$")


def _opens_clause(masked: str, start: int, words: tuple[str, ...] = (*_AT, "（", "(")) -> bool:
    """Whether a time written at ``start`` opens a clause: after a clause's punctuation, one of
    ``words`` (在, 于, a bracket) or an enumerator (三是秋季开学前完成…)."""
    before = masked[start - 1] if start else "\n"
    return (
        before in _CLAUSE_START
        or before in words
        or bool(_ENUMERATED.search(masked, max(0, start - 2), start))
    )


def find_deadlines(text: str) -> list[Found]:
    """Time limits written in running text, in order of appearance."""
    masked = _masked(text)
    spans: list[Found] = []

    def add(start: int, end: int) -> None:
        if any(s.start < end and start < s.end for s in spans):
            return
        spans.append(Found(start, end, text[start:end].replace("\n", "")))  # one wrapped over lines is one

    # Each form holds some words, and text without them is not searched for it: a year or a
    # duration holds 年, a recurring limit 每…前, a date 月…前, a duration 时间 or 内.
    has_year = "年" in masked
    if "每" in masked and "前" in masked:
        for m in RECURRING.finditer(masked):
            add(m.start(), m.end())
    if has_year and any(word in masked for word in _NEXT_YEAR_WORDS):
        for m in NEXT_YEAR.finditer(masked):  # before 年底前 and 6月底前 are read inside it
            add(m.start(), m.end())
    if has_year:
        for m in SPAN.finditer(masked):
            if m.group("m2") or (m.group("d2") and m.group("spanned")):
                add(m.start(), m.end())
        if "前" in masked:
            for m in BEFORE_EVENT.finditer(masked):
                event = m.group("event")
                if (
                    _opens_clause(masked, m.start())
                    and not event.startswith(_NOT_AFTER_YEAR)
                    and not _NOT_EVENT.search(event)
                ):
                    add(m.start(), m.end())
        # A span of years joins them with 至, 到 or a dash, which most texts do not hold.
        years = list(YEARS.finditer(masked)) if _SPAN_JOINS.search(masked) else []
        for m in chain(years, YEAR_EXPR.finditer(masked)):
            if m.re is YEAR_EXPR and any(y.start() <= m.start() < y.end() for y in years):
                continue  # a year of a span of years, which is read or refused as a whole
            bare = not (m.group("q") or m.group("before") or m.groupdict().get("to"))
            after = masked[m.end() : m.end() + 2]
            if after.startswith(_STARTS):  # 2025年6月起: when something starts, no time limit
                continue
            if bare:
                # A bare year is a deadline only where it opens a clause and does not qualify a noun.
                if not _opens_clause(masked, m.start(), _AT):
                    continue
                if after.startswith(_NOT_AFTER_YEAR) or not after:
                    continue
            add(m.start(), m.end())
    if "前" in masked and any(word in masked for word in _event_words()):
        for m in _events().finditer(masked):  # after the forms with a year: 2024年秋季开学前 is one
            if _opens_clause(masked, m.start()):
                add(m.start(), m.end())
    if "前" in masked and any(sep in masked for sep in ".．/-－"):
        for m in DOTTED.finditer(masked):
            if m.group("before"):  # a date alone in running text dates something, it limits nothing
                add(m.start(), m.end())
    if "月" in masked and "前" in masked:
        for m in MONTH_DAYS.finditer(masked):
            if this_year := _THIS_YEAR_NAMED.search(masked, max(0, m.start() - 3), m.start()):
                add(this_year.start(), m.end())  # the document's own year named in words: 今年6月底前
            elif masked[m.start() - 1 : m.start()] != "年":  # after a year in figures, YEAR_EXPR's
                add(m.start(), m.end())
    if "季度" in masked and "前" in masked:
        for m in QUARTER.finditer(masked):
            add(m.start(), m.end())
    if "月" in masked or "季度" in masked:
        for m in YEARLESS_AT.finditer(masked):
            if _opens_clause(masked, m.start()) and not masked.startswith(_NOT_AFTER_YEAR, m.end()):
                add(m.start(), m.end())
    if has_year and ("时间" in masked or "内" in masked):
        for m in DURATION.finditer(masked):
            add(m.start(), m.end())
    if has_year and any(word in masked for word in _THIS_YEAR_WORDS):
        for m in THIS_YEAR.finditer(masked):
            add(m.start(), m.end())
    for m in _whole_clause().finditer(masked):
        start, end = m.start(), m.end()
        # Ongoing and at-once phrases count only as a whole clause ("；持续实施"), or one joined by
        # 并 (2026年底前完成并长期坚持), not as a verb in a sentence.
        before = masked[start - 1] if start else "\n"
        after = masked[end] if end < len(masked) else "\n"
        if before in _CLAUSE_START + "（(并" and after in _CLAUSE_START + "）)。":
            add(start, end)
    spans.sort(key=lambda s: s.start)
    if "月" in masked:
        # Months listed after a date (2025年4月、9月): each a time of its own, in the date's year.
        for found in list(spans):
            end = found.end
            while (listed := _LISTED_MONTH.match(masked, end)) is not None:
                add(listed.start("month"), listed.end())
                end = listed.end()
        spans.sort(key=lambda s: s.start)
    return spans


# Times that are no time limit of their own but say when all the same: months (3月、9月), a year,
# the whole year, how often, when a span starts (即日起); and the words that join them or say from
# when (2025年3月起, 从4月开始).
_TIMES = re.compile(
    rf"{_MONTH_PART}|(?:{MONTH})月|{YEAR}\s*年|全年|{EVERY.pattern}|{alternation(load('time')['starts'])}"
)
_TIME_JOINS = re.compile(r"[、和及至到—\-~～自从起]|开始")


def without_times(text: str) -> str:
    """``text`` less its time limits and the times that say when (3月、9月, 全年, 每季度, 长期); the
    words joining them go too when any was there: what else the text says."""
    rest = text
    for f in reversed(find_deadlines(text)):
        rest = rest[: f.start] + rest[f.end :]
    rest = _whole_clause().sub("", _TIMES.sub("", rest))
    return rest if rest == text else _TIME_JOINS.sub("", rest)


# A line break inside a date: a narrow time cell wraps 2025年10月 / 15日前.
_WRAPPED_DATE = re.compile(r"(?<=[\d年月])[ \u3000]*\n[ \u3000]*(?=\d{1,2}[日号月])")


def unwrapped_date(text: str) -> str:
    """A time cell's text with the line breaks inside its dates taken out (2025年\\n6月底前 →
    2025年6月底前); breaks between its parts stay.

    >>> unwrapped_date("2025年10月\\n15日前\\n长期坚持"), unwrapped_date("2025年4月\\n2025年9月")
    ('2025年10月15日前\\n长期坚持', '2025年4月\\n2025年9月')
    """
    return _WRAPPED_DATE.sub("", text) if "\n" in text else text


def bare_year(text: str) -> bool:
    """Whether a time limit is a year alone (2025年, 到2025年): no part of it, no 前 after it.

    >>> bare_year("到2025年"), bare_year("2025年底前")
    (True, False)
    """
    m = YEAR_EXPR.fullmatch(text)
    return m is not None and not (m.group("q") or m.group("before"))


def deadline_text(found: list[Found]) -> str | None:
    """The deadline of a task as written: its time limits, de-duplicated, joined with ；."""
    texts: list[str] = []
    for f in found:
        if f.text not in texts:
            texts.append(f.text)
    return "；".join(texts) if texts else None


def normalise(text: str, year: int | None, line: int | None = None) -> list[Deadline]:
    """The parts of a deadline as written (a table cell may hold several), normalised."""
    return [Deadline(*part, line=line) for part in _normalised(text, year)]


# Documents repeat their time limits (2021年底前, 长期坚持) from task to task.
@lru_cache(maxsize=4096)
def _normalised(text: str, year: int | None) -> tuple[tuple[str, DeadlineKind, str | None, str | None], ...]:
    """(text, kind, date, period) of each part of a deadline: what :func:`normalise` returns but
    the line, which is the caller's."""
    parts: list[Deadline] = []
    for f, in_year in with_years(find_deadlines(text) or [Found(0, len(text), text)], year):
        parts.extend(_normalise_one(f.text, in_year))
    return tuple((d.text, d.kind, d.date, d.period) for d in parts)


def written_year(text: str, year: int | None = None) -> int | None:
    """The last year a text writes (2024年6月底前 → 2024), or None; with the ``year`` it is written
    in, the year after that for a text that writes only 明年 or 次年 (明年底前 → year + 1).

    >>> written_year("2024年6月底前"), written_year("明年底前覆盖率", 2025), written_year("明年底前")
    (2024, 2026, None)
    """
    years = [int(m.group("y")) for m in YEAR_EXPR.finditer(without_baselines(text))]
    if years:
        return years[-1]
    return year + 1 if year is not None and NEXT_YEAR.search(text) else None


def with_years(found: list[Found], year: int | None) -> Iterator[tuple[Found, int | None]]:
    """Each time limit with the year a date written without one falls in: the last year written
    before it (2024年6月底前…，12月底前 → 2024), else ``year`` (the document's)."""
    for f in found:
        yield f, year
        year = written_year(f.text, year) or year


def _normalise_one(text: str, year: int | None) -> list[Deadline]:
    if m := NEXT_YEAR.search(text):
        if year is None:
            return [Deadline(text, "date", None, None)]
        dated = f"{text[: m.start()]}{year + 1}年{text[m.end('next') :]}"
        return [Deadline(text, d.kind, d.date, d.period) for d in _normalise_one(dated, year + 1)]
    if m := RECURRING.search(text):
        month = to_int(m.group("mo")) if m.group("mo") else None
        anchor = None
        if month and m.group("d"):
            anchor = f"--{month:02d}-{int(m.group('d')):02d}"
        elif month and m.group("pt") in ("底", "末"):
            anchor = f"--{month:02d}-{_month_end(2001, month):02d}"
        elif m.group("p") == "年" and m.group("pt") in ("底", "末"):
            anchor = "--12-31"
        return [Deadline(text, "recurring", anchor, _PERIOD[m.group("p")])]
    if (m := SPAN.search(text)) and (m.group("m2") or (m.group("d2") and m.group("spanned"))):
        end_year, month = int(m.group("y2") or m.group("y")), int(m.group("m2") or m.group("m1"))
        date = None
        if 1 <= month <= 12:
            day = int(m.group("d2") or _month_end(end_year, month))
            date = f"{end_year}-{month:02d}-{day:02d}" if 1 <= day <= _month_end(end_year, month) else None
        return [Deadline(text, "date", date, None)]
    if m := YEARS.search(text):
        return [Deadline(text, "date", _date_of(int(m.group("y")), m), None)]
    if dotted := list(DOTTED.finditer(text)):
        m = dotted[-1]  # a span's end (2026.3-2026.12)
        year, month = int(m.group("y")), int(m.group("mo"))
        valid = 1 <= month <= 12
        day = int(m.group("d")) if m.group("d") else _month_end(year, month) if valid else 0
        valid = valid and 1 <= day <= _month_end(year, month)
        return [Deadline(text, "date", f"{year}-{month:02d}-{day:02d}" if valid else None, None)]
    if (m := STARTING.search(text)) and not YEAR_EXPR.search(text, m.end()):
        # From then on, with no end written: the task goes on (持续), or recurs as often as it says.
        if every := EVERY.search(text, m.end()):
            return [Deadline(text, "recurring", None, _PERIOD[every.group("p")])]
        return [Deadline(text, "ongoing", None, None)]
    if (m := BEFORE_EVENT.search(text)) and not _NOT_EVENT.search(m.group("event")):
        return [Deadline(text, "date", None, None)]  # the time named has no date of its own
    if _events().search(text) and not YEAR_EXPR.search(text):
        return [Deadline(text, "date", None, None)]
    if m := YEAR_EXPR.search(text):
        return [Deadline(text, "date", _date_of(int(m.group("y")), m), None)]
    at = YEARLESS_AT.fullmatch(text.strip(" \u3000"))
    if at or MONTH_DAYS.search(text) or QUARTER.search(text) or _MONTHS_ONLY.fullmatch(text.strip(" \u3000")):
        # Each month or quarter in the document's year: dated as if the year were written before it;
        # a span of them by its end.
        times = [m.group(0) for m in _YEARLESS.finditer(text)]
        if at and at.group("end"):
            times = times[-1:]
        if year is None:
            return [Deadline(text, "date", None, None) for _ in times]
        written = (YEAR_EXPR.match(f"{year}年{time}") for time in times)
        return [Deadline(text, "date", _date_of(year, m) if m else None, None) for m in written]
    if (m := THIS_YEAR.search(text)) and not re.search(r"\d{4}\s*年", text):
        date = None
        if year is not None:
            date = f"{year}-06-30" if m.group("q") == "上半年" else f"{year}-12-31"
        return [Deadline(text, "date", date, None)]
    if m := DURATION.search(text):
        n = m.group("b") or m.group("a") or m.group("n")
        years = to_int(n) if n else None
        return [Deadline(text, "duration", None, f"P{years}Y" if years else None)]
    if _ongoing().search(text):
        return [Deadline(text, "ongoing", None, None)]
    if text.lstrip(" \u3000").startswith("全年"):  # a time cell's 全年 (开展): within the document's year
        return [Deadline(text, "date", f"{year}-12-31" if year else None, None)]
    return [Deadline(text, "unspecified", None, None)]
