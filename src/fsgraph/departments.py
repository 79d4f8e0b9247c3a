"""Departments: recognise names, and resolve each to a canonical identity.

A name as written (市食药监局) is resolved within the document's jurisdiction to a canonical name
(阜新市食品药品监督管理局), a functional category (market_regulation) and, for bodies renamed by the
2018 reform, its successor (阜新市市场监督管理局). Collectives (各县区政府, 市食安委各成员单位) are
kept as their own kind. The knowledge lives as data in ``loaders/``: ``departments.csv`` (aliases),
``categories.csv`` (the category vocabulary), ``collectives.csv`` (collective patterns) and
``provinces.csv`` (provinces and their document-number abbreviations).

Examples
--------
>>> fuxin = Jurisdiction(name="阜新市", levels={"省": "辽宁省", "市": "阜新市"})
>>> dept = resolve_department("市农委", fuxin)
>>> dept.canonical, dept.category, dept.successor
('阜新市农业委员会', 'agriculture', '阜新市农业农村局')
>>> resolve_department("省食安办", fuxin).canonical
'辽宁省食品安全委员会办公室'
>>> looks_like_department("（区市场监管局）"), looks_like_department("（含托幼机构）")
(True, False)
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Literal, NamedTuple

from .model import Department
from .resources import data_file

# ---------------------------------------------------------------------------------------------
# Administrative divisions: general suffixes, not a gazetteer

# Suffix of a place name → the level key it fills in ``Jurisdiction.levels``. Longer suffixes first,
# so 自治区 is not read as 区.
_SUFFIX_LEVEL = {
    "特别行政区": "省",
    "自治区": "省",
    "自治州": "州",
    "自治县": "县",
    "自治旗": "旗",
    "地区": "地区",
    "街道": "街道",
    "省": "省",
    "市": "市",
    "盟": "盟",
    "区": "区",
    "县": "县",
    "旗": "旗",
    "乡": "乡",
    "镇": "镇",
}
_PLACE = re.compile(r"(?P<stem>[\u4e00-\u9fffXＸ]{1,8}?)(?P<suffix>" + "|".join(_SUFFIX_LEVEL) + ")")
# Words that end in a division suffix without naming a place (城市, 全市, 社区, 各县 …), and words a
# place name never contains; both keep titles such as 城市管理工作方案 from reading as a place.
# 城 alone before a suffix (城市, 城区, 城乡, 城镇) is no place; 城 opening a longer name is (城关区).
_NOT_PLACE_START = frozenset("各全本我该此市区县省乡镇街社园景辖")
_NOT_PLACE_STEM = frozenset({"城"})
_NOT_IN_PLACE = re.compile(
    r"食品|安全|工作|关于|人民|政府|规划|方案|意见|管理|监督|银行|进一步|加强|根据|按照|贯彻|落实"
)

# A jurisdiction prefix written in front of a body's name (市农委, 区市场监管局, 自治区食安办).
_PREFIX_LEVEL = {
    "自治区": "省",
    "地区": "地区",
    "省": "省",
    "市": "市",
    "州": "州",
    "盟": "盟",
    "区": "区",
    "县": "县",
    "旗": "旗",
    "乡": "乡",
    "镇": "镇",
}
# The Communist Youth League committee is written with the level inside: 团市委, 团区委.
_LEAGUE = re.compile(r"团(自治区|省|市|州|区|县|旗)委")

# A provincial document number: 辽政发〔2015〕42号, 甘政办发〔2017〕100号.
_DOC_NUMBER = re.compile(
    r"(?<![\u4e00-\u9fff])(?P<abbr>[\u4e00-\u9fff])(?:政办|府办|政|府|委办|委|办|食安委|食安办)"
    r"(?:发|函|字|明电|电|规|令)?[〔\[［【(（]\s*\d{4}"
)
# Leading words of a title before the place it is about: 关于印发《酒泉市…》的通知.
_TITLE_LEAD = re.compile(r"^(?:关于(?:印发|转发)?)?[《〈“\"【\[]?")
_LINE_LEAD = re.compile(r"^[\s•·\-*【\[《]+")
# The purpose clause a text opens with, before the place it is about: 为进一步加强某某区食品安全工作.
_PURPOSE = re.compile(r"^为了?(?:进一步|切实|全面|深入)?[\u4e00-\u9fff]{2}")

# ---------------------------------------------------------------------------------------------
# Telling a name from an aside

_LIST_SEPARATORS = "、，,；;/／"  # a slash between two names (县市场监管局/县教育局) lists them
_OPEN, _CLOSE = "（(", "）)"
# Asides open with these: （含托幼机构）, （不含快速检测）, （包括…）.
_ASIDE_START = re.compile(r"^(?:含|不含|包括|包含|如|即|指|特指|其中|除|以及|及|和|或)")
# Digits, percent signs, slashes, Latin letters (X stands for a redacted name, as in XX区), label
# colons (牵头单位:…, for the caller to take apart), quotes and title marks do not occur in body names.
_NOT_IN_NAME = re.compile(r"[0-9０-９%％/／A-WYZa-wyzＡ-Ｗａ-ｗ:：“”\"‘’《》〈〉〔〕\[\]【】]")
# A role's verb with words after it: a sentence (各乡镇人民政府负责本辖区…), no body's name.
_DUTY_INSIDE = re.compile(r"(?:负责|牵头)[\u4e00-\u9fff]")
# A place written in front of a known body (鲅鱼圈海关, 阜新出入境检验检疫局).
_PLACE_WORD = re.compile(r"[\u4e00-\u9fff]{2,6}")
# Endings that name an organisation with little else in front of them …
_ORG_ENDINGS = (
    "委员会|办公室|办事处|联合会|总工会|工会|协会|商会|检察院|法院|海关|政府|支行|分行|银行|"
    "集团|公司|局|委|办|厅|署|部|社|联"
)
_STRONG_END = re.compile(rf"(?:{_ORG_ENDINGS})$")
# … and endings that also end common nouns (中心, 机构, 单位), trusted only after a jurisdiction, or
# in a table's column of bodies, where a bureau's own divisions stand alone (食品生产处, 法规科).
_WEAK_END = re.compile(r"(?:中心|支队|大队|机构|机关|单位|部门|院|所|站|处|科|股|室)$")
# Words that end like an organisation but are not one.
_WORD_END = re.compile(
    r"(?:督办|承办|协办|主办|举办|创办|开办|兴办|代办|干部|全部|内部|外部|局部|布局|格局|大局|结局)$"
)

# An organisation's ending alone (政府, 人民政府, 办公室): no name, but the end of one broken over lines.
_BARE_END = re.compile(rf"^(?:人民)?(?:{_ORG_ENDINGS})$")


def is_bare_ending(text: str) -> bool:
    """Whether ``text`` is an organisation's ending and nothing before it (人民政府, 局)."""
    return _BARE_END.match(text) is not None


# The levels a collective lists after 各 (各县市区政府, 各县（市、区）人民政府), in characters.
_LEVEL_CHARS = "省市州盟县区旗乡镇街道（()）、"
_LEVELS_OPENED = re.compile(f"^各[{_LEVEL_CHARS}]+$")
_LEVELS_ENDED = re.compile(rf"^[{_LEVEL_CHARS}]+(?:人民)?(?:{_ORG_ENDINGS})$")


def ends_levels_list(opening: str, rest: str) -> bool:
    """Whether ``rest`` ends the collective ``opening`` begins, one name broken over lines: 各县 /
    市区政府, 各县市 / 区政府 (a page's line breaks fall anywhere); not 各乡镇 / 县直各部门, two."""
    return _LEVELS_OPENED.match(opening) is not None and _LEVELS_ENDED.match(rest) is not None


@dataclass(frozen=True)
class Jurisdiction:
    """Where a document applies: its full name and the name at each administrative level.

    ``levels`` runs from the top down; its keys are level words (省, 市, 州, 区, 县, 旗, 乡, 镇).
    ``name`` leaves out the province unless the province is the jurisdiction itself.
    """

    name: str | None = None
    levels: dict[str, str] = field(default_factory=dict)  # {"省": "辽宁省", "市": "营口市", "区": "鲅鱼圈区"}

    def scope(self, level: str) -> str | None:
        """The jurisdiction a name prefixed with ``level`` belongs to (区 → 营口市鲅鱼圈区)."""
        if level not in self.levels:
            return None
        if level == "省":
            return self.levels["省"]
        keys = list(self.levels)
        return "".join(self.levels[key] for key in keys[: keys.index(level) + 1] if key != "省")

    @property
    def lowest(self) -> str | None:
        """The level of the jurisdiction itself: the last of ``levels``."""
        return next(reversed(self.levels), None)


# ---------------------------------------------------------------------------------------------
# Data


@cache
def load_table(filename: str) -> tuple[dict[str, str], ...]:
    """Read ``loaders/<filename>``: a CSV with ``#`` comment lines and a header row.

    Raises :class:`ValueError` naming the file and line when a row has the wrong number of fields.
    """
    path = data_file("loaders", filename)
    header: list[str] | None = None
    rows: list[dict[str, str]] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            fields = next(csv.reader([line]))
            if header is None:
                header = fields
                continue
            if len(fields) != len(header):
                raise ValueError(f"{path}:{number}: expected {len(header)} fields, found {len(fields)}")
            rows.append(dict(zip(header, fields, strict=True)))
    return tuple(rows)


@dataclass(frozen=True)
class _Alias:
    full: str
    category: str
    successor: str | None


@dataclass(frozen=True)
class _Collective:
    pattern: re.Pattern[str]
    kind: str
    level: str | None
    category: str | None
    canonical: str | None


@cache
def _aliases() -> dict[str, _Alias]:
    aliases = {
        row["alias"]: _Alias(row["full"], row["category"], row["successor"] or None)
        for row in load_table("departments.csv")
    }
    # The bodies of a function named by it (农业农村部门, 卫生健康部门): every category's.
    for row in load_table("categories.csv"):
        aliases.setdefault(f"{row['zh']}部门", _Alias(f"{row['zh']}部门", row["code"], None))
    return aliases


@cache
def _collectives() -> tuple[_Collective, ...]:
    return tuple(
        _Collective(
            re.compile(row["pattern"]),
            row["kind"],
            row["level"] or None,
            row["category"] or None,
            row["canonical"] or None,
        )
        for row in load_table("collectives.csv")
    )


@cache
def _provinces() -> dict[str, dict[str, str]]:
    return {row["name"]: row for row in load_table("provinces.csv")}


@cache
def _province_by_abbr() -> dict[str, str]:
    return {row["abbr"]: row["name"] for row in load_table("provinces.csv")}


# ---------------------------------------------------------------------------------------------
# Jurisdiction of a document


def _places_at_start(text: str) -> list[tuple[str, str]]:
    """The run of place names that ``text`` opens with, each with its level key."""
    places: list[tuple[str, str]] = []
    position = 0
    while match := _PLACE.match(text, position):
        stem, suffix = match["stem"], match["suffix"]
        if stem[0] in _NOT_PLACE_START or stem in _NOT_PLACE_STEM or _NOT_IN_PLACE.search(stem):
            break
        places.append((match[0], _SUFFIX_LEVEL[suffix]))
        position = match.end()
    return places


def _levels_of(places: list[tuple[str, str]]) -> dict[str, str]:
    levels: dict[str, str] = {}
    for place, level in places:
        if level == "省" and _provinces().get(place, {}).get("kind") == "municipality":
            # 北京市 is at once the province and the city: its 市 prefix points at itself.
            levels["省"] = levels["市"] = place
            continue
        if level in levels:
            # A county-level city under a prefecture-level one (长春市公主岭市): 市 names the lower.
            levels = {("地级" + key if key == level else key): value for key, value in levels.items()}
        levels[level] = place
    return levels


@cache
def _province_name_re() -> re.Pattern[str]:
    # No province's name overlaps another's (a test checks the data), so one scan with an
    # alternation counts each name as often as text.count(name) does.
    return re.compile("|".join(re.escape(name) for name in _provinces()))


# The bracket and year that every document number holds (〔2015); the number's own characters
# before the bracket — abbreviation, body, kind (辽 食安委 明电) — are at most six, all Han.
_DOC_NUMBER_YEAR = re.compile(r"[〔\[［【(（]\s*\d{4}")
_DOC_NUMBER_LEAD = 6


def _doc_numbers(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_DOC_NUMBER.finditer(text)``, searched for only just before each bracket
    and year rather than at every Han character of the text."""
    last = 0
    for year in _DOC_NUMBER_YEAR.finditer(text):
        # The number cannot start before the previous year (its characters are Han, not digits).
        if match := _DOC_NUMBER.search(text, max(last, year.start() - _DOC_NUMBER_LEAD), year.end()):
            yield match
        last = year.end()


def _province_named(text: str) -> str | None:
    """The province the text names consistently (three in four mentions), by name or document number."""
    counts: Counter[str] = Counter(dict.fromkeys(_provinces(), 0))
    counts.update(m.group() for m in _province_name_re().finditer(text))
    for match in _doc_numbers(text):
        province = _province_by_abbr().get(match["abbr"])
        if province:
            counts[province] += 1
    total = sum(counts.values())
    if not total:
        return None
    best, count = counts.most_common(1)[0]
    return best if count * 4 >= total * 3 else None


def jurisdiction_of(title: str | None, issuer: str | None, text: str) -> Jurisdiction:
    """The jurisdiction of a document, from its issuer, else its title, else its first lines.

    The province comes from the issuer when it is provincial, otherwise from the text when the text
    names one province consistently (辽宁省, or a document number such as 辽政发〔2015〕42号).

    Examples
    --------
    >>> where = jurisdiction_of("营口市鲅鱼圈区2021年食品安全重点工作安排", None, "")
    >>> where.name, where.levels
    ('营口市鲅鱼圈区', {'市': '营口市', '区': '鲅鱼圈区'})
    """
    candidates = [issuer, title and _TITLE_LEAD.sub("", title)]
    lines = [_LINE_LEAD.sub("", line) for line in text.splitlines()[:20] if line.strip()][:10]
    candidates += [_PURPOSE.sub("", line) for line in lines]
    places: list[tuple[str, str]] = []
    for candidate in candidates:
        if candidate and (places := _places_at_start(candidate.strip())):
            break
    levels = _levels_of(places)
    if "省" not in levels:
        province = _province_named("\n".join(part for part in (issuer, title, text) if part))
        if province:
            levels = {"省": province, **levels}
    where = Jurisdiction(levels=levels)
    lowest = where.lowest
    return Jurisdiction(name=where.scope(lowest) if lowest else None, levels=levels)


# ---------------------------------------------------------------------------------------------
# Resolution


class _Reading(NamedTuple):
    """One way to split a name into a jurisdiction part and the body's own name.

    (A named tuple, not a frozen dataclass: every name is read several ways, and a frozen
    dataclass takes four times as long to make.)
    """

    rest: str  # the name without its jurisdiction part
    level: str | None  # the level the jurisdiction part points at
    scope: str | None  # the jurisdiction's name, when known
    prefix: str  # the jurisdiction part as written
    kind: Literal["league", "level", "place", "whole", "other_place", "inside"]
    as_written: bool = False  # the place is part of the body's own name (鲅鱼圈海关)


_SPACES = re.compile(r"\s+")
_TRAILING_DENG = re.compile(r"(?<=.)等+$")


def _normalise(name: str) -> str:
    # Layout leaves spaces (U+3000, U+00A0) inside names; a trailing 等 closes a list, not a name.
    return _TRAILING_DENG.sub("", _SPACES.sub("", name))


_PLACE_SUFFIX = re.compile("(?:" + "|".join(_SUFFIX_LEVEL) + ")$")


def _place_forms(where: Jurisdiction) -> tuple[tuple[str, str, bool], ...]:
    """Ways the document's places are written: full names resolve like a prefix; short names
    (阜新, 鲅鱼圈) open the names of bodies named by place, which are kept as written."""
    return _place_forms_at(tuple(where.levels.items()))


@lru_cache(maxsize=1024)  # every name a document assigns is read against the same places
def _place_forms_at(levels: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str, bool], ...]:
    where = Jurisdiction(levels=dict(levels))
    forms: dict[str, tuple[str, bool]] = {}
    for level, place in levels:
        full = where.scope(level)
        for form in (full, place):
            if form:
                forms.setdefault(form, (level, False))
        short = _PLACE_SUFFIX.sub("", place)
        if len(short) >= 2:
            forms.setdefault(short, (level, True))
    return tuple(
        sorted(((form, level, written) for form, (level, written) in forms.items()), key=lambda f: -len(f[0]))
    )


def _readings(name: str, where: Jurisdiction) -> Iterator[_Reading]:
    # A prefix is tried before the whole name so that 区市场监管局 is 区 + 市场监管局, and the whole
    # name before other splits so that 市场监管局 alone is not 市 + 场监管局.
    if league := _LEAGUE.fullmatch(name):
        level = _PREFIX_LEVEL[league[1]]
        yield _Reading("团委", level, where.scope(level), league[1], "league")
    for prefix, level in _PREFIX_LEVEL.items():
        if name.startswith(prefix) and len(name) > len(prefix):
            yield _Reading(name[len(prefix) :], level, where.scope(level), prefix, "level")
            break
    forms = _place_forms(where)
    for form, level, written in forms:
        if name.startswith(form) and len(name) > len(form):
            yield _Reading(name[len(form) :], level, where.scope(level), form, "place", written)
    yield _Reading(name, where.lowest, where.name, "", "whole")
    places = _places_at_start(name)
    if places:
        place = "".join(p for p, _ in places)
        if len(name) > len(place):
            yield _Reading(name[len(place) :], places[-1][1], place, place, "other_place")
    for form, level, _ in forms:
        if form in name[1:]:
            yield _Reading(name.replace(form, "", 1), level, where.scope(level), form, "inside", True)


def _fill(full: str, place: str) -> str:
    """The full name in a place: 中共{}委宣传部 → 中共阜新市委宣传部, 农业委员会 → 阜新市农业委员会."""
    return full.replace("{}", place) if "{}" in full else place + full


def _known_body(name: str, reading: _Reading, alias: _Alias) -> Department:
    place = reading.scope or reading.prefix
    if reading.as_written:
        # Bodies named by place (海关, 出入境检验检疫局, 人民银行…支行) keep their own name.
        canonical = name
        successor = _fill(alias.successor, reading.prefix) if alias.successor else None
    else:
        canonical = _fill(alias.full, place)
        successor = _fill(alias.successor, place) if alias.successor else None
    return Department(
        name=name,
        canonical=canonical,
        jurisdiction=reading.scope,
        level=reading.level,
        category=alias.category,
        successor=successor,
    )


def _collective(name: str, reading: _Reading, pattern: _Collective) -> Department:
    place = reading.scope or reading.prefix
    canonical = _fill(pattern.canonical, place) if pattern.canonical else place + reading.rest
    return Department(
        name=name,
        canonical=canonical,
        jurisdiction=reading.scope,
        level=pattern.level or reading.level,
        category=pattern.category,
        collective=True,
    )


# A body's branch in a place below it, as a city's bureau keeps one in each county (生态环境 since
# 2018): 市生态环境局清河分局, 市公安局东城分局, 市市场监管局开发区分局.
_BRANCH = re.compile(
    r"(?P<parent>.{2,}?(?:局|委员会|委))(?P<place>[\u4e00-\u9fff]{1,8}?)(?P<office>分局|支队|大队)"
)


def _branch(name: str, key: str, where: Jurisdiction) -> Department | None:
    """The branch of a known body in a place: of the body's kind, in the jurisdiction the place
    names when it is the document's own."""
    m = _BRANCH.fullmatch(key)
    if m is None:
        return None
    parent = _lookup(m.group("parent"), list(_readings(m.group("parent"), where)))
    if parent is None or parent.category is None or parent.collective:
        return None
    place = m.group("place")
    here = next((level for level, area in reversed(where.levels.items()) if area.startswith(place)), None)
    jurisdiction = where.scope(here) if here else parent.jurisdiction
    canonical = f"{parent.canonical}{place}{m.group('office')}"
    return Department(
        name=name,
        canonical=canonical,
        jurisdiction=jurisdiction,
        level=here or parent.level,
        category=parent.category,
    )


def _unknown(name: str, readings: list[_Reading]) -> Department:
    preferred = ("league", "level", "place", "other_place", "whole")
    reading = min(
        (r for r in readings if r.kind in preferred), key=lambda r: preferred.index(r.kind), default=None
    )
    if reading is None:
        return Department(name=name, canonical=name, jurisdiction=None, level=None, category=None)
    canonical = name if reading.as_written else (reading.scope or reading.prefix) + reading.rest
    return Department(
        name=name,
        canonical=canonical,
        jurisdiction=reading.scope,
        level=reading.level,
        category=_merged_category(reading.rest),
    )


_MERGED = re.compile(
    rf"^(?P<first>[\u4e00-\u9fff]{{2,8}}?)和[\u4e00-\u9fff]{{2,10}}?(?P<end>{_ORG_ENDINGS})$"
)


def _merged_category(rest: str) -> str | None:
    """The category of a body two were merged into, as counties merge them (农业农村和水利局,
    文化广电和旅游局, 商务和工业信息化局): the one of the body named first, with the same ending."""
    m = _MERGED.match(rest) if "和" in rest else None
    alias = _aliases().get(m.group("first") + m.group("end")) if m else None
    return alias.category if alias else None


def _match_alias(readings: list[_Reading]) -> tuple[_Reading, _Alias] | None:
    aliases = _aliases()
    for reading in readings:
        alias = aliases.get(reading.rest)
        if alias:
            return reading, alias
    return None


def _match_collective(readings: list[_Reading]) -> tuple[_Reading, _Collective] | None:
    for reading in readings:
        if reading.kind == "inside":
            continue
        for pattern in _collectives():
            if pattern.pattern.fullmatch(reading.rest):
                return reading, pattern
    return None


def _lookup(name: str, readings: list[_Reading]) -> Department | None:
    # A known body wins over a collective phrase in any reading: 市场监管部门 is one body.
    if known := _match_alias(readings):
        return _known_body(name, *known)
    if collective := _match_collective(readings):
        return _collective(name, *collective)
    return None


def resolve_department(
    name: str, where: Jurisdiction, collectives: dict[str, list[str]] | None = None
) -> Department:
    """Resolve a name as written to a :class:`Department` within ``where``.

    ``collectives`` holds collectives the document defines itself (a footnote such as
    市食品安全监管部门 特指 市经信委、市农委、…): their members, as written, keyed by name.

    Examples
    --------
    >>> where = Jurisdiction(name="营口市鲅鱼圈区", levels={"市": "营口市", "区": "鲅鱼圈区"})
    >>> resolve_department("区市场监管局", where).canonical
    '营口市鲅鱼圈区市场监督管理局'
    >>> dept = resolve_department("各乡镇政府", where)
    >>> dept.canonical, dept.collective, dept.level
    ('营口市鲅鱼圈区各乡镇人民政府', True, '乡镇')
    """
    key = _normalise(name)
    if not key:
        return Department(name=name, canonical=name, jurisdiction=None, level=None, category=None)
    if within := names_within(key):
        key = within[0]  # the body is the one named first: 市发展改革委（市粮食和储备局）
    readings = list(_readings(key, where))
    dept = _lookup(name, readings) or _branch(name, key, where) or _unknown(name, readings)
    members = (collectives or {}).get(name) or (collectives or {}).get(key)
    if members:
        dept.collective = True
        dept.members = list(members)
    return dept


def collective_kind(name: str) -> str | None:
    """The kind of collective a name is (governments_below, member_units, …), or None.

    >>> collective_kind("各县市区人民政府"), collective_kind("市农委")
    ('governments_below', None)
    """
    readings = list(_readings(_normalise(name), Jurisdiction()))
    if _match_alias(readings):
        return None
    collective = _match_collective(readings)
    return collective[1].kind if collective else None


# ---------------------------------------------------------------------------------------------
# Recognition


def _unwrap(text: str) -> str:
    """Drop one pair of brackets around the whole text: （区市场监管局） → 区市场监管局."""
    if len(text) >= 2 and text[0] in _OPEN and text[-1] in _CLOSE:
        depth = 0
        for position, char in enumerate(text):
            depth += (char in _OPEN) - (char in _CLOSE)
            if depth == 0 and position < len(text) - 1:
                return text  # the opening bracket closes early: （街道）政府
        return text[1:-1]
    return text


_SECOND_NAME = re.compile(r"(?P<name>[^（(]{2,}?)[（(](?P<other>[^（()）]{2,})[)）]")


def _second_name(text: str) -> tuple[str, str] | None:
    """A name with the second name of the same body in brackets, as one body holding two offices
    is written: 市发展改革委（市粮食和储备局）, 市委宣传部（市新闻出版局）. None for any other text
    (市卫健委（牵头）, 乡镇（街道）); whether the two parts are names is for the caller to tell."""
    if not text.endswith(("）", ")")):
        return None
    m = _SECOND_NAME.fullmatch(text)
    return (m.group("name"), m.group("other")) if m else None


def names_within(name: str) -> tuple[str, ...]:
    """The two names a name with a second one in brackets holds, each a name a reader may ask by
    (市发展改革委（市粮食和储备局） → 市发展改革委, 市粮食和储备局); () for any other name."""
    both = _second_name(_normalise(name))
    return both if both is not None and _is_name(both[0]) and _is_name(both[1]) else ()


def _split_list(text: str) -> list[str]:
    """Split on list separators outside brackets, so 各县(市、区)人民政府 stays whole."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        depth += (char in _OPEN) - (char in _CLOSE)
        if char in _LIST_SEPARATORS and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _is_name(text: str, column: bool = False) -> bool:
    if (both := _second_name(text)) is not None:
        if _is_name(both[0], column) and _is_name(both[1], column):
            return True
        # A collective written with the bodies it also covers in brackets: 各乡镇（街道）.
        return _match_collective(list(_readings(text, Jurisdiction()))) is not None
    if not 2 <= len(text) <= 40 or _ASIDE_START.match(text) or _NOT_IN_NAME.search(text):
        return False
    if _DUTY_INSIDE.search(text):
        return False
    readings = list(_readings(text, Jurisdiction()))
    if _lookup(text, readings) is not None:
        return True
    # A body named by a place the alias data does not know: 鲅鱼圈海关, 阜新出入境检验检疫局.
    # (Each ending of the text looked up, rather than each alias tried as one: a few against hundreds.)
    aliases = _aliases()
    if any(text[k:] in aliases and _PLACE_WORD.fullmatch(text[:k]) for k in range(len(text))):
        return True
    if _WORD_END.search(text):
        return False
    prefixed = text[0] in "各" or text[0] in _PREFIX_LEVEL or bool(_places_at_start(text))
    if strong := _STRONG_END.search(text):
        stem = text[: strong.start()]
        # In a column of bodies, a bureau's own office alone (办公室) is one of its divisions.
        return len(stem) >= 2 or (prefixed and len(stem) >= 1) or (column and len(text) >= 3)
    if weak := _WEAK_END.search(text):
        if prefixed:
            return weak.start() >= 1
        # Two characters at least, and no noun's 之 before the ending (不足之处).
        return column and weak.start() >= 2 and text[weak.start() - 1] != "之"
    return False


@lru_cache(maxsize=16384)  # a pure function of the text; documents repeat the same names many times
def looks_like_department(text: str, column: bool = False) -> bool:
    """True when ``text`` reads as the name of an organisation or a collective, or a list of them.

    Used to tell an attribution such as （区市场监管局） or （鲅鱼圈海关、区公安局） from an aside
    such as （街道）, （含托幼机构） or （800人以上）. Only names are read: role words
    (牵头, 配合, 按职责分工负责) and labels (责任单位:) are for the caller to take off first.
    ``column``: the text is a cell of a table's column of bodies (责任处室), where a name with a
    common noun's ending needs no place before it (食品生产处).
    """
    text = _normalise(_unwrap(text.strip()))
    if not text:
        return False
    return all(_is_name(_normalise(part), column) for part in with_shared_head(_split_list(text)))


# A list of sectors that share the 部门 its last names (公安、市场监管等部门, 教育、卫生健康部门).
_SHARED_SECTOR_HEAD = re.compile(r"(?:等(?:有关|相关)?)?部门$")


def with_shared_head(parts: list[str]) -> list[str]:
    """The names of a list whose sectors share the 部门 written after the last one: 公安、市场监管等部门
    → 公安部门, 市场监管部门 (a name that is a body already stays as it is: 市公安局等部门 →
    市公安局); the list as it is when it shares no 部门 or a part would still be no name.

    >>> with_shared_head(["公安", "农业农村部门"])
    ['公安部门', '农业农村部门']
    """
    if len(parts) < 2 or not (head := _SHARED_SECTOR_HEAD.search(parts[-1])):
        return parts
    # The last name keeps its 部门 (各相关部门 is one name); after 等 it is the list's.
    last = parts[-1][: head.start()] if head.group(0).startswith("等") else parts[-1]
    out: list[str] = []
    for part in [*parts[:-1], last]:
        name = _normalise(part)
        if _is_name(name):
            out.append(part)
        elif name and _is_name(name + "部门"):
            out.append(part + "部门")
        else:
            return parts
    return out
