"""Attributions: which departments lead (牵头), are responsible for (责任单位/负责) or support (配合)
a task.

Three written forms are read, inside brackets at the end of a sentence or item, or in a table cell:
- labelled: "（牵头单位：市食安办；责任单位：市发改委、市财政局）";
- verb: "（区交通运输局牵头，区市场监管局配合）", "（区卫健局、区市场监管局按职责分工负责）";
- bare: "（区市场监管局）" — every name reads as a department; the role is ``responsible``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from .deadlines import without_times
from .departments import (
    Jurisdiction,
    collective_kind,
    ends_levels_list,
    is_bare_ending,
    looks_like_department,
    resolve_department,
    with_shared_head,
)
from .lexicon import alternation, load
from .metadata import SPACE
from .model import Role
from .numbering import YEAR

_OPEN = "（("
_CLOSE = "）)"
_SEPARATORS = "、，,；;"
_ITEM_SEPARATORS = "、/／"  # between the names of one list (县市场监管局/县教育局 as 、)
# A bare name of an area level, which shares the head noun of the next name: 各县区、乡镇（街道）政府.
_BARE_AREA = re.compile(
    r"^各?(?:[省市县区乡镇]|县区|县市区|市县|市县区|乡镇|街道|县（市、区）|县\(市、区\))(?:[（(][^）)]{1,6}[）)])?$"
)
_SHARED_HEADS = ("人民政府", "党委政府", "政府", "党委")


@dataclass(frozen=True)
class Attribution:
    """An attribution found in a text: where it is, what it says."""

    start: int  # offset of the bracket (or label) in the text
    end: int  # offset after it
    quote: str
    roles: tuple[tuple[Role, str], ...]  # (role, department as written)


# Fields of people written with the departments (责任领导：王××, 联系人：…): no department.
_PEOPLE_FIELDS = ("责任领导", "分管领导", "牵头领导", "责任人", "联系人", "联系电话")


# The endings of labels that are nouns, not verbs (责任单位, 配合科室; not 负责, 配合).
_LABEL_NOUNS = ("单位", "部门", "机构", "主体", "科室", "处室", "股室")
# The work an attribution is about, written before 由 (以上任务由A牵头): no part of A's name.
_WORK_BY = re.compile(r"^[\u4e00-\u9fff]{0,6}?(?:任务|工作|事项|措施)均?由")


@cache
def _cues() -> dict[str, re.Pattern[str]]:
    data = load("roles")
    labels = {role: alternation(words) for role, words in data["labels"].items()}
    verbs = {role: alternation(words) for role, words in data["verbs"].items()}
    all_labels = alternation([w for words in data["labels"].values() for w in words])
    noun_labels = [w for words in data["labels"].values() for w in words if w.endswith(_LABEL_NOUNS)]
    all_verbs = alternation([w for words in data["verbs"].values() for w in words])
    trailing = alternation(data["list"]["trailing"])
    manner = alternation(data["manner"]["words"])
    # A task's other fields written in the same bracket after the departments (完成时限：…,
    # 时间：全年, 备注：…): the column headers of task tables that hold no department.
    columns = load("structure")["tables"]
    fields = alternation([*columns["deadline"], *columns["note"], "时间", "进度"])
    return {
        **{f"label:{role}": re.compile(rf"^(?:{p})$") for role, p in labels.items()},
        **{f"verb:{role}": re.compile(rf"(?:{p})$") for role, p in verbs.items()},
        "label": re.compile(rf"^[{SPACE}]*(?P<label>{all_labels})[{SPACE}]*[:：][{SPACE}]*"),
        # A label that is a noun (责任单位, 牵头科室), set apart from its names by a space, not a colon.
        "spaced_label": re.compile(
            rf"(?:^|(?<=[；;，,]))(?P<label>{alternation(noun_labels)})[{SPACE}]+(?=[^{SPACE}:：])"
        ),
        "verb": re.compile(rf"^(?P<names>.+?)(?:{manner})?(?P<verb>{all_verbs})$"),
        # The verb with the duty after it (各县区政府落实属地责任, 市食安办负责汇总).
        "verb_duty": re.compile(rf"^(?P<names>.+?)(?:{manner})?(?P<verb>{all_verbs})[\u4e00-\u9fff]{{2,6}}$"),
        # Clauses joined with 、 after their verbs: 市市场监管局牵头、市公安局参与.
        "verb_then_list": re.compile(rf"(?P<verb>{all_verbs})、"),
        "verb_anywhere": re.compile(rf"(?:{all_verbs})(?:[{SPACE}]*[，,。；;\n]|$)"),
        "verb_end": re.compile(rf"(?:{all_verbs})[{SPACE}]*$"),
        "trailing": re.compile(rf"(?:{trailing})$"),
        "first_leads": re.compile(
            rf"(?:{alternation(data['order']['first'])})(?:的|者)?(?:单位|部门)?(?:为|是)牵头(?:单位|部门)?"
        ),
        # Read from the left, so that a longer label is not split at one it ends with (主要责任单位).
        "label_boundary": re.compile(rf"[{SPACE}]*(?P<label>(?:{all_labels})[{SPACE}]*[:：])"),
        # A field of people set apart from the names by spaces alone (区市场监管局　责任领导：王××).
        "people_boundary": re.compile(
            rf"(?<=[^；;，,\s])[{SPACE}]+(?=(?:{alternation(list(_PEOPLE_FIELDS))})[:：])"
        ),
        "marked": re.compile(rf"[（(](?P<verb>{all_verbs})[）)]$"),
        "other_field": re.compile(rf"[{SPACE}；;，,。]*(?:{fields})[{SPACE}]*[:：]"),
        "line_label": re.compile(
            rf"(?:^|(?<=[。；;\n]))[{SPACE}]*(?P<label>{all_labels})[{SPACE}]*[:：](?P<names>[^。\n（(]*)"
        ),
        # A label set in 【】 instead of before a colon: 【牵头单位】县市场监管局【配合单位】县公安局.
        "boxed_label": re.compile(
            rf"【[{SPACE}]*(?P<label>{all_labels})[{SPACE}]*】(?P<names>[^【。；;\n（(]*)"
        ),
    }


@cache
def _separator_re(separators: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(separators)}]")


def split_top(text: str, separators: str = _SEPARATORS) -> list[str]:
    """Split on ``separators`` outside brackets (乡镇（街道）政府 stays one name)."""
    if "（" not in text and "(" not in text:
        # No bracket opens: every separator is outside brackets.
        return _separator_re(separators).split(text)
    parts: list[str] = []
    depth = 0
    current: list[str] = []
    for ch in text:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
        if ch in separators and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def split_names(text: str) -> list[str]:
    """Department names in a list, as written, with a shared head noun restored.

    "市、县区、乡镇政府，街道办事处" → 市政府, 县区政府, 乡镇政府, 街道办事处; a trailing 等 is dropped.
    """
    names: list[str] = []
    for group in split_top(spaced_names(text), "，,；;"):
        items = [i.strip(SPACE + "。.") for i in split_top(group, _ITEM_SEPARATORS)]
        items = with_shared_head([i for i in items if i])
        if not items:
            continue
        items[-1] = _strip_trailing(items[-1])
        if len(items) == 1:  # no head to share; the loop below would strip it a second time
            if only := _strip_trailing(items[0]):
                names.append(only)
            continue
        head = next((h for h in _SHARED_HEADS if items[-1].endswith(h)), None)
        for item in items:
            item = _strip_trailing(item)
            if head and item != items[-1] and _BARE_AREA.match(item):
                item = item + head
            if item:
                names.append(item)
    return names


_WHITESPACE = re.compile(r"\s+")  # \s holds the ideographic space too
_LIST_MARKS = re.compile(r"[：:，,；;、]")


def spaced_names(text: str) -> str:
    """``text`` with the spaces that set two names apart (市农业农村局 市卫生健康委, as a table's
    cell or a bracket may list them) written as 、; other spaces as they are (阜新市 农业委员会 is
    one name, 市政府 办公室 one office)."""
    if not _WHITESPACE.search(text.strip(SPACE)):
        return text
    pieces = _WHITESPACE.split(text)
    gaps = _WHITESPACE.findall(text)
    out = [pieces[0]]
    for gap, before, after in zip(gaps, pieces, pieces[1:], strict=False):
        left, right = _LIST_MARKS.split(before)[-1], _LIST_MARKS.split(after)[0]
        apart = (
            left
            and right
            and not is_bare_ending(right)  # 各乡镇人民 / 政府: one name broken over lines
            and not ends_levels_list(left, right)  # 各县 / 市区政府 too
            and looks_like_department(left)
            and looks_like_department(right)
        )
        out.append("、" if apart else gap)
        out.append(after)
    return "".join(out)


@cache
def _trailing_words() -> tuple[str, ...]:
    # "\n" too: the pattern's $ also matches before a final line break.
    return (*load("roles")["list"]["trailing"], "\n")


def _strip_trailing(name: str) -> str:
    if name.endswith(_trailing_words()):
        name = _cues()["trailing"].sub("", name)
    return name.strip(SPACE)


def _role_of_label(label: str) -> Role | None:
    for role in ("lead", "responsible", "support"):
        if _cues()[f"label:{role}"].match(label):
            return role  # type: ignore[return-value]
    return None


def _role_of_verb(verb: str) -> Role | None:
    for role in ("lead", "responsible", "support"):
        if _cues()[f"verb:{role}"].search(verb):
            return role  # type: ignore[return-value]
    return None


def read_attribution(
    content: str, default: Role | None = "responsible", column: bool = False
) -> list[tuple[Role, str]] | None:
    """The (role, name) pairs an attribution states, or None when ``content`` is no attribution.

    ``default`` is the role of names with no label or verb (a bare attribution, or a table
    column's own role); with ``default=None`` such names make the content no attribution.
    ``column``: ``content`` is a cell of a table's column of bodies, whose bare names may be a
    bureau's own divisions (食品生产处: see :func:`~fsgraph.departments.looks_like_department`).
    """
    pairs = _read_attribution(content, default, column)
    return list(pairs) if pairs is not None else None


# A field of another kind in the same bracket: a label that is no role's, then a colon.
_FIELD = re.compile(r"^[\u4e00-\u9fff]{2,8}[:：]")
_PEOPLE_ASIDE = re.compile(r"[（(][^（()）]*[:：][^（()）]*[)）]")
_BRACKETED = re.compile(r"[（(]([^（()）]*)[)）]")


def _label_apart(m: re.Match[str]) -> str:
    """A label set apart from the names before it by a ；, unless a separator or nothing is there."""
    if m.start() == 0 or m.string[m.start() - 1] in "；;，," or m.string[m.start() - 1].isspace():
        return m.group(0)
    return "；" + m.group("label")


# A document repeats its attributions (（市市场监管局牵头，市卫健委配合）) from task to task.
@lru_cache(maxsize=16384)
def _read_attribution(
    content: str, default: Role | None, column: bool
) -> tuple[tuple[Role, str], ...] | None:
    content = content.strip(SPACE)
    if not content:
        return None
    if "：" in content or ":" in content:
        # The departments end where another field of the task begins: "责任单位：A，完成时限：…".
        if other := _cues()["other_field"].search(content):
            content = content[: other.start()]
        # Labels written one after another without a separator: "牵头单位：A  配合单位：B".
        content = _cues()["label_boundary"].sub(_label_apart, content)
        content = _cues()["people_boundary"].sub("；", content)
        # An aside about a name's people (县市场监管局（分管领导：张三）) is no part of the name.
        content = _PEOPLE_ASIDE.sub("", content)
    # A note on how the list reads, in a bracket after its last name (县商务局（排名第一的为牵头单位）).
    if "牵头" in content and _cues()["first_leads"].search(content):
        content = _BRACKETED.sub(
            lambda m: "" if _cues()["first_leads"].search(m.group(1)) else m.group(0), content
        )
    content = _cues()["spaced_label"].sub(r"\g<label>：", content)
    # Names hold no whitespace; a line break inside a bracket is the layout's, not the name's,
    # and a space between two names sets them apart.
    content = _WHITESPACE.sub("", spaced_names(content))
    content = _cues()["verb_then_list"].sub(r"\g<verb>，", content)
    pairs: list[tuple[Role, str]] = []
    role: Role | None = None
    labelled = False
    in_field = False  # in a field that names no department (责任领导：张三, 联系人：…)
    for clause in split_top(content, "；;，,"):
        clause = clause.strip(SPACE + "。.")
        if not clause or _time_only(clause):
            continue  # a time limit written with the departments: （A牵头，B配合，2024年底前完成）
        if clause in _SAME_BELOW or ("牵头" in clause and _cues()["first_leads"].search(clause)):
            continue  # how the lists are read (排在第一位的为牵头单位，下同): no body
        m = _cues()["label"].match(clause)
        if m:
            role = _role_of_label(m.group("label"))
            labelled, in_field = True, False
            clause = clause[m.end() :]
        elif _FIELD.match(clause):
            in_field = True
            continue
        if in_field:
            continue
        verb = _cues()["verb"].match(clause)
        if verb and _PERSON.search(verb.group("names")):
            continue  # a person leads or answers for it (县政府分管领导牵头): no body
        if verb is None and default is not None:
            # In brackets or a role cell, the names' verb may come with the duty it does; not with
            # the people it names (市食安办负责同志: the office's leader, an aside).
            verb = _cues()["verb_duty"].match(clause)
            if verb is not None and clause.endswith(_PEOPLE):
                verb = None
        clause_role = role
        # 由A牵头, 以A为主: 由 and 以 say who does it, no part of the name; A会同B负责: B works with A.
        named, _, along = (
            _WORK_BY.sub("由", verb.group("names"))
            .removeprefix("由" if verb.group("verb") != "为主" else "以")
            .partition("会同")
            if verb
            else ("", "", "")
        )
        names, supporters = split_names(named), split_names(along)
        if "各" in named:
            names = _each_restored(names)
        if verb and all(_is_name(n) for n in names + supporters):
            clause_role = _role_of_verb(verb.group("verb"))
        else:
            names, supporters = split_names(clause), []
            if "各" in clause:
                names = _each_restored(names)
        if not names:
            continue
        if clause_role is None:
            if default is None or not all(_is_name(n, column) for n in names):
                return None
            clause_role = default
        elif not labelled and not verb and not all(_is_name(n) for n in names):
            return None
        for name in names:
            pairs.append(_marked_role(name, clause_role))
        pairs.extend(("support", name) for name in supporters)
    return tuple(pairs) or None


_DONE = re.compile(r"^(?:完成|办结|实施|推进|落实|开展|结束)?$")


# Words for people that end a body's name and a verb (负责同志, 负责人): who, not what is done.
_PEOPLE = ("同志", "人", "领导", "干部")
# A person named by their post, not a body: 县政府分管领导, 县食安委主任, 市市场监管局局长.
_PERSON = re.compile(
    r"(?:领导|负责人|负责同志|同志|干部|主任|局长|县长|市长|区长|镇长|乡长|书记|主席|秘书长|组长)$"
)
_SAME_BELOW = frozenset({"下同", "以下同", "下文同", "后同"})


def _names_below(text: str, end: int) -> str:
    """The lines after a label with nothing after its colon (责任单位：) that each name bodies, one
    or more a line: the label's names, set out below it."""
    taken = ""
    for line in text[end:].split("\n")[1:]:
        name = line.strip(SPACE)
        if not name or not looks_like_department(spaced_names(name)):
            break
        taken += "\n" + line
    return taken


def first_listed_leads(text: str) -> bool:
    """Whether a document says the first body of each list leads it (排在第一位的为牵头单位)."""
    return "牵头" in text and _cues()["first_leads"].search(text) is not None


def _time_only(clause: str) -> bool:
    """Whether a clause says only when — a time limit, or times (3月、9月; 全年; 每季度) — and at
    most a verb of doing (2024年底前完成, 持续推进, 全年开展)."""
    if _YEAR_ALONE.fullmatch(clause):  # （区财政局；2025年）
        return True
    rest = without_times(clause)
    return rest != clause and bool(_DONE.match(rest.strip(SPACE)))


_YEAR_ALONE = re.compile(rf"{YEAR}\s*年(?:度|内|全年)?")


def _each_restored(names: list[str]) -> list[str]:
    """The names of a list, one after a name opening with 各 given the 各 it shares when alone it
    names no body and with 各 it is a collective the collectives table knows (各街道、镇 → 各街道,
    各镇): a level alone names no body, as 市 alone in 市、县区政府 does not."""
    return [
        f"各{name}"
        if i
        and names[i - 1].startswith("各")
        and not looks_like_department(name)
        and collective_kind(f"各{name}")
        else name
        for i, name in enumerate(names)
    ]


# A role marked after a name closes with a bracket (or a bracket and the line break that $ allows).
_MARK_ENDS = ("）", ")", "\n")


def _is_name(name: str, column: bool = False) -> bool:
    if name.endswith(_MARK_ENDS):
        name = _cues()["marked"].sub("", name)
    return looks_like_department(name, column)


def _marked_role(name: str, role: Role) -> tuple[Role, str]:
    """A name carrying its own role in brackets: 市卫健委（牵头）."""
    m = _cues()["marked"].search(name) if name.endswith(_MARK_ENDS) else None
    if not m:
        return role, name
    marked = _role_of_verb(m.group("verb"))
    return (marked or role), name[: m.start()].strip(SPACE)


# An attribution is bracketed in round brackets or, in some documents, in 【】, square or
# tortoise-shell brackets (〔〕, which also hold a 文号's year: its content is no attribution).
_ATTRIBUTION_OPEN = _OPEN + "【［[〔"
_OPENING = re.compile(f"[{re.escape(_ATTRIBUTION_OPEN)}]")
_BRACKET = re.compile(f"[{re.escape(_ATTRIBUTION_OPEN)}{_CLOSE}】］\\]〕]")


def _closing(text: str, start: int) -> int | None:
    depth = 0
    for m in _BRACKET.finditer(text, start):
        if m.group() in _ATTRIBUTION_OPEN:
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return m.start()
    return None


def find_attributions(text: str) -> list[Attribution]:
    """Attributions in a task's text, in order."""
    found: list[Attribution] = []
    label = _cues()["label"]
    i = 0
    while opening := _OPENING.search(text, i):
        i = opening.start()
        close = _closing(text, i)
        if close is None:
            break
        content = text[i + 1 : close]
        after = text[close + 1 : close + 2]
        at_end = after == "" or after in "。；;，,.\n）)（("
        labelled = bool(label.match(content.strip(SPACE)))
        # Or set before the text it attributes: 1.【县市场监管局】开展…, （县农业农村局牵头）推进….
        at_start = not text[:i].strip(SPACE)
        pairs = read_attribution(content) if (at_end or labelled or at_start) else None
        if pairs:
            found.append(Attribution(i, close + 1, text[i : close + 1], tuple(pairs)))
            i = close + 1
        else:
            i += 1
    # Labelled attributions written without brackets, e.g. a line "牵头单位：市食安办" (a label
    # ends with a colon: text without one is not searched).
    if "：" in text or ":" in text:
        for m in _cues()["line_label"].finditer(text):
            if any(a.start <= m.start() < a.end for a in found):
                continue
            rest = text[m.start() :].split("\n", 1)[0].split("。", 1)[0]
            if not m.group("names").strip(SPACE):
                rest += _names_below(text, m.start() + len(rest))
            pairs = read_attribution(rest, default=None)
            if pairs:
                found.append(Attribution(m.start(), m.start() + len(rest), rest.strip(SPACE), tuple(pairs)))
    if "【" in text:
        for m in _cues()["boxed_label"].finditer(text):
            if any(a.start <= m.start() < a.end for a in found):
                continue
            pairs = read_attribution(f"{m.group('label')}：{m.group('names')}", default=None)
            if pairs:
                found.append(Attribution(m.start(), m.end(), m.group(0).strip(SPACE), tuple(pairs)))
    # Attributions written without brackets: a sentence of their own (由A牵头，B配合。), or the
    # clauses that open or close one (市卫生健康委牵头，2023年底前建成…; …，市公安局负责). Every
    # clause of it names departments of a known kind with a role verb, or says only when; a
    # sentence about what is done (公安机关要加大侦办力度) has none.
    if _cues()["verb_anywhere"].search(text):
        for m in _SENTENCE.finditer(text):
            if any(a.start < m.end() and m.start() < a.end for a in found):
                continue
            if run := _attribution_run(m.group()):
                offset, quote, roles = run
                found.append(Attribution(m.start() + offset, m.start() + offset + len(quote), quote, roles))
    found.sort(key=lambda a: a.start)
    return found


def _attribution_run(sentence: str) -> tuple[int, str, tuple[tuple[Role, str], ...]] | None:
    """The longest run of clauses that is ``sentence`` or opens or closes it and is an attribution
    of bodies of known kinds: (its offset in the sentence, its text, its pairs)."""
    clauses = split_top(sentence, "，,")
    ends = [0]
    for clause in clauses:
        ends.append(ends[-1] + len(clause) + 1)  # each clause and the separator after it
    n = len(clauses)
    runs = [(0, n)] + [(0, k) for k in range(n - 1, 0, -1)] + [(k, n) for k in range(1, n)]
    for first, last in runs:
        if (first, last) != (0, n) and not _cues()["verb_end"].search(clauses[last - 1]):
            continue  # a part of a sentence that attributes ends with its role verb
        quote = sentence[ends[first] : ends[last] - 1].strip(SPACE)
        pairs = read_attribution(quote, default=None) if quote else None
        if pairs and all(_known_kind(name) for _, name in pairs):
            return sentence.index(quote, ends[first]), quote, tuple(pairs)
    return None


_SENTENCE = re.compile(r"[^。；;\n]+")


def _known_kind(name: str) -> bool:
    """Whether ``name`` is a body of a kind the alias table knows (a bureau, a government…): an
    attribution without brackets must name such bodies, not 各地各部门 or 有关方面."""
    return resolve_department(name, Jurisdiction()).category is not None
