"""Targets: quantified goals — indicator, comparator, value, unit and the year they are due.

A target is a number a document commits to: a percentage (满意率达到80%以上), a rate per population
(4批次/千人), a fraction (万分之三), a count with a floor (至少配备1名), a frequency (每周开展), a grade
(全部达到B级以上), a benchmark (达到全国平均水平以上). Each is read from one sentence; the sentence
is kept as the target's text, so the value is always shown in its context.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from .deadlines import ENUMERATORS, MONTH, YEAR_EXPR, YEARS, find_deadlines, without_baselines, written_year
from .lexicon import alternation, load
from .model import Target
from .numbering import YEAR, match_marker, to_int
from .roles import read_attribution

_NUM = r"\d+(?:[.．]\d+)?"  # ASCII or full-width (９８．５)
_CN = "[一二两三四五六七八九十百千]+"
_PERIODS = "周|旬|月|季度|半年|学期|年"  # how often: 每周 … 每学期, 每年
_SIGNS = "≥≤＞＜><"  # a bound written as a sign before a value (≥98%)


class _Hit(NamedTuple):  # made for every value found: a named tuple is made faster than a frozen dataclass
    kind: str
    start: int
    end: int
    value: str
    number: float | None
    unit: str | None
    comparator: str | None


def _vocab() -> dict[str, list[str]]:
    return load("targets")


@cache
def _patterns() -> list[tuple[str, re.Pattern[str], re.Pattern[str]]]:
    """(kind, need, pattern): every match of the pattern holds a match of its need (a number before
    its unit, a sign, a keyword), which is cheaper to search for: most sentences lack it."""
    v = _vocab()
    before = alternation(v["comparators_before"])
    after = alternation(v["comparators_after"])
    units = alternation(v["count_units"])
    per = alternation(v["per_population"])
    count_verbs = alternation(v["count_verbs"])
    freq_verbs = alternation(v["frequency_verbs"])
    levels = alternation(v["benchmarks"])
    goal_verbs = alternation(v["goal_verbs"])
    number_unit = re.compile(rf"[\d一二两三四五六七八九十百千]\s*[万千]?(?:{units})")
    return [
        (
            "range",
            re.compile(r"\d\s*[—\-~～至到]\s*\d"),
            re.compile(rf"(?P<cmp>{before})?(?P<num>{_NUM})\s*[—\-~～至到]\s*{_NUM}\s*(?P<unit>{units})"),
        ),
        (
            "per",
            re.compile("/"),
            re.compile(
                rf"(?P<cmp>{before})?(?P<num>{_NUM})\s*(?P<unit>(?:{units})?\s*/\s*(?:{per}))(?:{after})?"
            ),
        ),
        (
            # The same written with 每 before it: 每千人4批次.
            "per",
            re.compile(rf"每(?:{per})"),
            re.compile(
                rf"(?P<cmp>{before})?每(?P<per>{per})(?:{before})?(?P<num>{_NUM})\s*(?P<unit>{units})(?:{after})?"
            ),
        ),
        (
            "percent",
            re.compile("[%％]"),
            re.compile(
                rf"(?P<cmp>{before})?(?P<num>{_NUM})\s*(?:(?:{after})\s*)?(?P<unit>[%％])(?:{after})?"
            ),
        ),
        (
            "percent",
            re.compile("百分之"),
            re.compile(rf"(?P<cmp>{before})?百分之(?P<num>{_NUM}|{_CN})(?P<unit>)(?:{after})?"),
        ),
        (
            "fraction",
            re.compile("分之"),
            re.compile(rf"(?P<cmp>{before})?(?P<num>[千万]分之(?:{_NUM}|{_CN}))(?P<unit>)(?:{after})?"),
        ),
        ("ge", re.compile(f"[{_SIGNS}]"), re.compile(rf"(?P<cmp>[{_SIGNS}])\s*(?P<num>{_NUM})(?P<unit>)")),
        (
            "grade",
            re.compile("[A-DＡ-Ｄ]级"),
            re.compile(rf"(?P<cmp>{before})?(?P<num>[A-DＡ-Ｄ])(?P<unit>级)(?:{after})?"),
        ),
        (
            "count",
            number_unit,
            re.compile(
                rf"(?P<cmp>{before}|{count_verbs})(?:{count_verbs})?(?P<num>{_NUM}[万千]?|{_CN})\s*(?P<unit>{units})(?:{after})?"
            ),
        ),
        (
            # A count that ends its clause, with a count verb earlier in it (see _hits).
            "clause_count",
            number_unit,
            re.compile(
                rf"(?<![\d.第前])(?P<cmp>)(?P<num>{_NUM}[万千]?)\s*(?P<unit>{units})(?=[，,。；;、）)（(]|$)"
            ),
        ),
        (
            "count",
            number_unit,
            re.compile(rf"(?<![\d年月])(?P<num>\d+)\s*(?P<unit>{units})(?P<cmp>)(?:{after})"),
        ),
        (
            "count",
            number_unit,
            re.compile(
                rf"(?:(?<=^)|(?<=[，,：:]))(?P<cmp>)(?P<num>\d+)\s*(?P<unit>{units})(?=[^，,。；;]{{0,24}}?(?:{goal_verbs}))"
            ),
        ),
        (
            "years",
            re.compile("年"),
            re.compile(rf"(?P<cmp>近|通过|经过|用)(?P<num>\d+|{_CN})(?P<unit>年)(?=未|无|没有|努力|时间|内)"),
        ),
        (
            "frequency",
            re.compile("每"),
            re.compile(
                rf"(?P<cmp>)每(?P<num>\d*|[两三四五])(?P<unit>{_PERIODS})"
                # 每季度末前, 每年10月底前, 每月5日前: a recurring time limit (deadlines), no frequency
                rf"(?!\s*(?:[末底初]|\d{{1,2}}\s*日|(?:{MONTH})月))"
                rf"(?=(?:[^，,。；;]{{0,12}}?)(?:{freq_verbs}))"
            ),
        ),
        (
            "benchmark",
            re.compile(rf"(?:达到|高于|不低于|超过)(?:{levels})"),
            re.compile(rf"(?P<cmp>达到|高于|不低于|超过)(?P<num>{levels})(?P<unit>)(?:{after})?"),
        ),
    ]


_COMPARATOR = {
    "不低于": ">=",
    "不少于": ">=",
    "至少": ">=",
    "≥": ">=",
    "以上": ">=",
    "及以上": ">=",
    "超过": ">",
    "高于": ">",
    ">": ">",
    "＞": ">",
    "不超过": "<=",
    "≤": "<=",
    "以下": "<=",
    "及以下": "<=",
    "以内": "<=",
    "低于": "<",
    "<": "<",
    "＜": "<",
}


# Longest first, so that 不低于 is read before 低于.
_COMPARATORS = sorted(_COMPARATOR.items(), key=lambda kv: -len(kv[0]))
_DIGIT = re.compile(r"\d")


@cache
def _bound() -> re.Pattern[str]:
    """A floor or a ceiling written before the verb of a count that ends its clause (至少全项目检查2次):
    the words before a value that say >= or <=."""
    words = [w for w in _vocab()["comparators_before"] if _COMPARATOR.get(w) in (">=", "<=")]
    return re.compile(alternation(words))


_NUMBER = re.compile(_NUM)


def _comparator(value: str) -> str | None:
    for word, sign in _COMPARATORS:
        if word in value:
            return sign
    # A value in figures, or a percentage written out (达到百分之百); not a count in words (一次).
    return "=" if _DIGIT.search(value) or "百分之" in value else None


_CN_NUMBER = re.compile(_CN)
_MAGNITUDE = {"万": 10_000, "千": 1_000}  # 1.8万批次


def _number(text: str) -> float | None:
    if (percent := text.find("百分之")) >= 0:
        text = text[percent + 3 :]  # the number after it: 百分之九十五, 百分之100
        if text.startswith("百"):
            return 100.0  # 百分之百
    m = _NUMBER.search(text)
    if not m:
        numeral = None if "分之" in text else _CN_NUMBER.search(text)  # 开展一次, 两名; not 万分之三
        number = to_int(numeral.group(0).replace("两", "二")) if numeral else None
        return float(number) if number is not None else None
    return float(m.group(0).replace("．", ".")) * _MAGNITUDE.get(text[m.end() : m.end() + 1], 1)


@cache
def _before_words() -> frozenset[str]:
    return frozenset(_vocab()["comparators_before"])


@cache
def _count_verbs() -> re.Pattern[str]:
    """Count verbs that commit to the count at the end of their clause (one-character ones, such
    as 有, say too little so far from the count: 全市共有企业300家)."""
    verbs = [v for v in _vocab()["count_verbs"] if len(v) > 1]
    return re.compile(alternation([*verbs, *_vocab()["clause_count_verbs"]]))


_QUOTED = re.compile(r"《[^》]*》|“[^”]*”|\"[^\"]*\"")
_YEAR_DATE = re.compile(rf"{YEAR}\s*年(?:\d{{1,2}}\s*月(?:\d{{1,2}}\s*日)?)?")
_DAY = re.compile(r"\d{1,2}\s*月\s*\d{1,2}\s*日")


def _blank(m: re.Match[str]) -> str:
    return "\0" * len(m.group(0))


def _mask(sentence: str) -> str:
    """Blank quoted titles, "…" names and dates so that their numbers are not read as values."""
    if "《" in sentence or "“" in sentence or '"' in sentence:
        sentence = _QUOTED.sub(_blank, sentence)
    if "年" in sentence:
        sentence = _YEAR_DATE.sub(_blank, sentence)
    if "月" in sentence:
        sentence = _DAY.sub(_blank, sentence)
    return sentence


# Every target pattern needs one of these; a sentence without any is skipped cheaply.
_MAY_HOLD_VALUE = re.compile(
    r"[\d%％A-DＡ-Ｄ≥≤＞＜><]|分之|每|水平|[一二两三四五六七八九十百千]\s*[名个项家次期人所座种类户天倍份件场支处条台套辆吨]"
)


@cache
def _any_need() -> re.Pattern[str]:
    """A match of any pattern's need. Masking only blanks characters, which no need matches, so a
    sentence whose own text holds no need holds none once masked either: most are skipped here."""
    needs = dict.fromkeys(need.pattern for _, need, _ in _patterns())
    return re.compile("|".join(f"(?:{need})" for need in needs))


def _hits(sentence: str) -> list[_Hit]:
    if not _MAY_HOLD_VALUE.search(sentence) or not _any_need().search(sentence):
        return []
    masked = _mask(sentence)
    # Values are read across the sentence's line breaks, where a page wrapped it (稳 / 定在80%, 100 /
    # %): on its text without them, each position then mapped back (kept[i]: the i-th character kept).
    kept = [i for i, c in enumerate(masked) if c != "\n"] if "\n" in masked else None
    flat = "".join([masked[i] for i in kept]) if kept is not None else masked
    written = "".join([sentence[i] for i in kept]) if kept is not None else sentence
    found: list[tuple[int, int]] = []  # the spans taken, in flat's positions
    hits: list[_Hit] = []
    for kind, need, pattern in _patterns():
        if not need.search(flat):
            continue
        for m in pattern.finditer(flat):
            start, end = m.start(), m.end()
            if start == end or any(s < end and start < e for s, e in found):
                continue
            if kind == "grade" and (
                not (m.group("cmp") or _comparator(m.group(0)))
                or (not m.group("cmp") and not _ends_clause(flat, end))
                or flat[start - 1 : start].isdigit()
            ):
                # A grade that names a class of things (A级主体, A级以上景区, 3A级景区), not one to reach.
                continue
            if start and not m.group("cmp") and flat[start - 1] in _SIGNS:
                start -= 1  # 合格率≥97.5%: the sign before a percentage binds it
            value = written[start:end]
            comparator = _comparator(value)
            if kind == "clause_count":
                clause = _CLAUSE.split(flat[:start])[-1]
                if bound := _bound().search(clause):  # 每年至少全项目检查2次
                    comparator = _COMPARATOR[bound.group(0)]
                elif not _count_verbs().search(clause):
                    continue  # a count in a clause that commits to nothing (共有3家, 涉及5个县)
            # 百分之九十五 is a percentage written out: its unit is %.
            unit = m.group("unit") or ("%" if kind == "percent" and "百分之" in value else None)
            if unit in _vocab()["bound_units"] and (
                not (comparator != "=" or m.group("cmp") in _before_words())
                or flat.startswith("钟", m.end("unit"))
            ):
                continue  # points without a bound (扣5分, 9时30分), and minutes (30分钟): no goal
            if unit and (per := m.groupdict().get("per")):
                unit = f"{unit}/{per}"  # 每千人4批次: as 4批次/千人 writes it
            found.append((start, end))
            if kept is not None:
                start, end = kept[start], kept[end - 1] + 1
            hits.append(_Hit(kind, start, end, value, _number(value), unit, comparator))
    # A frequency (每年) that comes with a quantity in its clause is part of that target, not its own.
    if any(h.kind == "frequency" for h in hits):
        clause_of = [len(_CLAUSE.findall(masked[: h.start])) for h in hits]
        hits = [
            h
            for h, c in zip(hits, clause_of, strict=True)
            if h.kind != "frequency"
            or not any(o is not h and oc == c for o, oc in zip(hits, clause_of, strict=True))
        ]
    hits.sort(key=lambda h: h.start)
    return hits


def _ends_clause(text: str, end: int) -> bool:
    return end >= len(text) or text[end] in CLAUSE_ENDS + "\n"


_CLAUSE = re.compile(r"[，,；;：:。]")
_ENUMERATOR = re.compile(rf"^(?:{ENUMERATORS})")  # 一是…，二是…
_SPACES = " \u3000"
_FREQUENCY = re.compile(rf"^每(?:\d+|[两三四五])?(?:{_PERIODS})$")
_ENDS_WITH_FREQUENCY = re.compile(_FREQUENCY.pattern.removeprefix("^"))  # 各乡镇政府每季度


def is_frequency(value: str) -> bool:
    """Whether a target's value is how often alone (每年, 每季度), no quantity."""
    return bool(_FREQUENCY.match(value))


_INDICATOR_HEADS = ("率", "量", "度", "比例", "比重", "数", "覆盖面", "水平", "占比")


@cache
def _indicator_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Verbs and adverbs that end, and words that open, the clause before a value."""
    v = _vocab()
    return (
        re.compile(rf"(?:{alternation(v['comparators_before'] + v['count_verbs'] + v['modal_words'])})+$"),
        re.compile(rf"^(?:{alternation(v['lead_words'])})+"),
    )


def _indicator(sentence: str, hit: _Hit) -> str:
    """The noun phrase the value is about: the clause before the value, less its verbs and adverbs."""
    head = sentence[: hit.start]
    clause_start = max((m.end() for m in _CLAUSE.finditer(head)), default=0)
    phrase = head[clause_start:].replace("\n", "")  # a sentence's newlines are where it wrapped
    trailing_verbs, lead_words = _indicator_patterns()
    phrase = trailing_verbs.sub("", phrase)
    # Leading time limits and adverbs are not part of the indicator (2016年底前知晓率 → 知晓率,
    # 年底前覆盖率 → 覆盖率).
    phrase = YEAR_EXPR.sub("", YEARS.sub("", phrase)) if YEAR_EXPR.match(phrase) else phrase
    phrase = without_baselines(phrase)  # 在2024年基础上提高: what the value is measured against
    if (leading := find_deadlines(phrase)) and leading[0].start == 0:
        phrase = phrase[leading[0].end :]
    phrase = _without_opening(phrase, lead_words)
    if hit.kind == "clause_count":
        phrase = _bound().sub("", phrase, count=1)  # the count's bound, read into its comparator
    phrase = phrase.strip(_SPACES)
    # How often, then how much (每季度至少召开1次…会议): what follows the value says of what.
    frequency = _ENDS_WITH_FREQUENCY.search(phrase) or hit.kind == "frequency"
    if len(phrase) <= 3 or frequency:
        # The value comes first ("100%实现可追溯", "每年至少听取一次…汇报"): add what follows it.
        tail = _CLAUSE.split(sentence[hit.end :], maxsplit=1)[0].replace("\n", "")
        tail = _less_attribution(tail)
        phrase = f"{phrase}{tail}" if frequency or not phrase else phrase
        if frequency and not tail.strip() and clause_start:
            # How often and how much, and nothing after (…专项检查，每学期不少于1次): the clause
            # before says what.
            before = _CLAUSE.split(head[: clause_start - 1])[-1].replace("\n", "")
            phrase = f"{_without_opening(before, lead_words).strip(_SPACES)}{phrase}"
    return phrase


# The last bracket of a text, closed or left open by a clause's end (（区商务局牵头，…）).
_LAST_BRACKET = re.compile(r"[（(](?P<content>[^（()）]*)(?:[）)][^（()）]*)?$")


def _less_attribution(tail: str) -> str:
    """What follows a value, less the task's attribution that ends it (…龙头企业（区农业农村局）, …示范
    企业（区商务局牵头): who, not what; a bracket that names no body (（市、区）) stays."""
    m = _LAST_BRACKET.search(tail) if "（" in tail or "(" in tail else None
    if m is None or read_attribution(m.group("content")) is None:
        return tail
    return tail[: m.start()]


_RESTATED = frozenset({"即", "也即", "亦即", "也就是", "相当于"})


def _without_opening(phrase: str, lead_words: re.Pattern[str]) -> str:
    """A clause less the words that open it but name nothing (一是, 确保, 全面 …) and the marker of
    an item written inside a paragraph (①完成…, （1）建立…)."""
    opening = phrase.lstrip(_SPACES)
    if (marker := match_marker(opening)) is not None:
        phrase = opening[marker.length :]
    return lead_words.sub("", _ENUMERATOR.sub("", phrase))


def _split_indicators(indicator: str) -> list[str]:
    """ "A率、B率、C率全部实现100%" names three indicators; "化肥、农药利用率" two with a shared head."""
    items = [i for i in indicator.split("、") if i]
    # 和 joins two indicators only when both sides name one (知晓率和支持率); else it joins modifiers.
    split_and: list[str] = []
    for item in items:
        halves = item.split("和")
        if len(halves) == 2 and all(h.endswith(_INDICATOR_HEADS) for h in halves):
            split_and.extend(halves)
        else:
            split_and.append(item)
    items = split_and
    if len(items) < 2 or not items[-1].endswith(_INDICATOR_HEADS):
        return [indicator]
    out = [_with_head(item, items[-1]) for item in items]
    return [indicator] if None in out else [i for i in out if i]


_WORDS = re.compile(r"[\u4e00-\u9fff]+")


def _with_head(item: str, last: str) -> str | None:
    """``item`` of a list whose last member names the indicator, given the head it shares with it:
    after the end they have alike (学校食堂、养老机构食堂明厨亮灶覆盖率 → 学校食堂明厨亮灶覆盖率), else
    in place of as many characters as it has when it has two (化肥、农药利用率 → 化肥利用率); None
    when that cannot be told (中小学校、幼儿园集中用餐…: how much of the last does 中小学校 stand for?)."""
    if item.endswith(_INDICATOR_HEADS):
        return item
    for k in range(len(item), 1, -1):
        if not _WORDS.fullmatch(item[-k:]):
            continue  # an end with punctuation in it (…法》) is no word they share
        at = last.find(item[-k:])
        if at >= 0 and last[at + k :].endswith(_INDICATOR_HEADS) and len(last) - at - k >= 2:
            return item + last[at + k :]
    if len(item) <= 2 and len(item) < len(last):
        return item + last[len(item) :]
    return None


_SENTENCE_END = re.compile(r"[。；;！？!?\n]")
_JOINER = re.compile(r"[和、及与,，]")
_AND = re.compile(r"[和、及与]")


# A line that stops without punctuation and is about as long as the text's longest (at least this
# many characters) was wrapped — the text of a PDF page, or copied from one: its sentence goes on,
# and so may a value (5\n批次). A shorter one is a line of its own (a heading, a cell).
WRAPPED = 16
CLAUSE_ENDS = "。；;！？!?：:，,、）)"


def goes_on(line: str, width: int) -> bool:
    """Whether a line of text goes on on the next, as hard-wrapped text and a PDF's lines do: it is
    about as long as the text's longest (``width``; four fifths, :data:`WRAPPED` characters at
    least) and ends with no punctuation."""
    return len(line) >= max(WRAPPED, width * 4 // 5) and line[-1:] not in CLAUSE_ENDS


def page_width(lengths: list[int]) -> int:
    """The width a text's lines were wrapped to, from their lengths: the longest, but not one half
    as long again as a next that is itself a wrapped line's length (two lines joined where a break
    fell inside a number, 100 / %); a long paragraph among short lines is the width."""
    ordered = sorted(lengths)
    i = len(ordered) - 1
    while i > 0 and ordered[i - 1] >= 2 * WRAPPED and ordered[i] * 2 > ordered[i - 1] * 3:
        i -= 1
    return ordered[i] if ordered else 0


def _wrapped(text: str, newline: int, width: int) -> bool:
    return goes_on(text[text.rfind("\n", 0, newline) + 1 : newline], width)


def _sentences(text: str) -> list[tuple[int, str]]:
    out = []
    start = 0
    width = page_width([len(line) for line in text.split("\n")]) if "\n" in text else len(text)
    for m in _SENTENCE_END.finditer(text):
        if m.group() == "\n" and _wrapped(text, m.start(), width):
            continue
        if m.end() - start > 1:
            out.append((start, text[start : m.end()]))
        start = m.end()
    if start < len(text):
        out.append((start, text[start:]))
    return out


def governing_year(sentence: str) -> int | None:
    """The year a sentence opening with 到/至 sets for the goals after it (到2020年…), or None: only
    such a sentence sets one.

    >>> governing_year("到2026年，全县食品安全状况持续向好。"), governing_year("2026年底前完成")
    (2026, None)
    """
    text = sentence.lstrip(" \u3000")
    lead = YEAR_EXPR.match(text) if text[:1] in ("到", "至") else None
    return int(lead.group("y")) if lead and lead.group("to") else None


def find_targets(
    text: str,
    line_at: list[tuple[int, int]],
    default_year: int | None = None,
    ref: str | None = None,
    task_id: str | None = None,
) -> list[Target]:
    """Targets stated in ``text``. ``line_at`` maps offsets to source lines: [(offset, line), …]."""
    targets: list[Target] = []
    # A sentence that may hold a value makes the whole text match too: a text that does not (a
    # heading, a cell, two in five texts) is not split into sentences.
    if not _MAY_HOLD_VALUE.search(text):
        return targets
    governing: int | None = None  # set by a sentence that opens with 到2020年 / 2017年底前 …
    for offset, sentence in _sentences(text):
        governing = governing_year(sentence) or governing
        previous: str | None = None
        respectively: list[str] = []  # "知晓率和支持率分别达到75%和85%": one indicator per value
        last_end = 0
        for hit in _hits(sentence):
            year = written_year(sentence[: hit.start], default_year) or governing or default_year
            between = sentence[last_end : hit.start]
            if respectively and _JOINER.fullmatch(between):
                indicator = respectively.pop(0)
            elif last_end and between[:1] == "、" and not _CLAUSE.search(between):
                # Counts listed one after another (示范城市1个、示范县2个): each names its own thing.
                start = last_end + 1
                indicator = _indicator(
                    sentence[start:], hit._replace(start=hit.start - start, end=hit.end - start)
                )
            else:
                indicator = _indicator(sentence, hit)
                respectively = []
                if indicator.endswith("分别"):
                    named = [i for i in _AND.split(indicator[: -len("分别")]) if i]
                    respectively = [_with_head(i, named[-1]) or i for i in named]
                    indicator = respectively.pop(0) if respectively else indicator
            last_end = hit.end
            # "知晓率达到20%，2020年底前达到70%": the second value shares the first one's indicator.
            if previous and (not indicator.strip() or indicator in _RESTATED):
                indicator = previous  # …不少于2400批次，即每千人5批次: the same, put another way
            previous = indicator
            if not indicator.strip():
                continue  # a value with nothing it measures (≥95 opening a line of figures) is no goal
            line = _line_at(line_at, offset + hit.start)
            for name in _split_indicators(indicator):
                targets.append(
                    Target(
                        text=sentence.strip(" \u3000\n"),
                        indicator=name,
                        value=hit.value,
                        comparator=hit.comparator,
                        number=hit.number,
                        unit=hit.unit,
                        year=year,
                        line=line,
                        ref=ref,
                        task_id=task_id,
                    )
                )
    return targets


def _line_at(line_at: list[tuple[int, int]], offset: int) -> int:
    line = line_at[0][1] if line_at else 0
    for start, number in line_at:
        if start <= offset:
            line = number
        else:
            break
    return line


def table_target(
    indicator: str,
    value: str,
    line: int,
    value_header: str | None,
    attribute: str | None,
    ref: str | None,
    unit: str | None = None,
) -> Target:
    """A row of an indicator table (指标名称（单位） / 2025年目标值 / 指标属性); ``unit`` is its unit
    column's cell, if it has one."""
    unit_m = None if unit else re.search(r"[（(]([^）)]+)[）)]\s*$", indicator)
    year_m = re.search(rf"({YEAR})\s*年", value_header or "")
    return Target(
        text=indicator,
        indicator=indicator,
        value=value,
        comparator=_comparator(value) if re.search(r"\d", value) else None,
        number=_number(value),
        unit=unit or (unit_m.group(1) if unit_m else None),
        year=int(year_m.group(1)) if year_m else None,
        line=line,
        ref=ref,
        attribute=attribute,
    )
