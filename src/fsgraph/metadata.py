"""The front matter of a 公文: title, issuer, 文号, date, draft marker, addressee; and page furniture.

The front matter is everything before the first numbered part. A saved web page adds furniture
(menus, bread crumbs, posting lines) around it; a notice that forwards a plan (关于印发《X》的通知)
wraps the plan, whose own title X is the document's title.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from .lexicon import alternation, load
from .model import ISSUER_SEPARATOR, TextLine
from .numbering import YEAR, match_marker, to_int

SPACE = " \t\u3000\xa0"
DOC_NUMBER = re.compile(
    rf"[\u4e00-\u9fff]{{1,12}}[〔\[［【(（]\s*(?P<year>{YEAR})\s*[〕\]］】)）]\s*第?\s*\d{{1,4}}\s*号"
)
# A 规章 or a law is numbered as a decree: 国家市场监督管理总局令第60号, 国务院令第721号, 主席令第二十一号.
DECREE_NUMBER = re.compile(
    r"[\u4e00-\u9fff]{1,16}令\s*第\s*(?:\d{1,5}|[〇零一二三四五六七八九十百]{1,8})\s*号"
)
_CN_YEAR = "[〇○零一二三四五六七八九]{4}"
_CN_NUM = "[〇○零一二三四五六七八九十]{1,3}"
DATE = re.compile(
    rf"(?P<y>{YEAR}|{_CN_YEAR})\s*年\s*(?P<m>\d{{1,2}}|{_CN_NUM})\s*月\s*(?P<d>\d{{1,2}}|{_CN_NUM})\s*日"
)
ISO_DATE = re.compile(rf"(?P<y>{YEAR})[-/.](?P<m>\d{{1,2}})[-/.](?P<d>\d{{1,2}})")
_SENTENCE_PUNCT = re.compile(r"[。，,；;！？!?]")
# The plan it forwards in title marks, or without them where the notice's name ends the line.
_NOTICE = re.compile(
    r"关于(?:印发|转发|下发|批转|颁发)\s*(?:[《<](?P<inner>[^》>]+)[》>]\s*的?(?:通知|函)"
    r"|(?P<bare>[^《》<>]{4,60}?)的(?:通知|函)$)"
)
_BRACKETED = re.compile(r"【(?P<inner>[^】]{4,60})】")


@dataclass
class FrontMatter:
    title: str | None = None
    issuer: str | None = None
    doc_number: str | None = None
    date: str | None = None
    date_iso: str | None = None
    page_date: str | None = None
    draft: str | None = None
    addressee: str | None = None
    notice: str | None = None
    year: int | None = None
    claims: dict[int, str] = field(default_factory=dict)  # line → what it is (title, page, …)
    remainders: dict[int, str] = field(default_factory=dict)  # line → text still to parse


_SPACES = re.compile(f"[{SPACE}]+")


def display_width(text: str) -> int:
    """Display width: a Chinese character takes two columns, as on a page it takes twice the width
    of a half-width figure or comma; so do the characters of ambiguous width (“”, —, ①), which a
    Chinese font sets as wide as a Chinese character."""
    return sum(2 if unicodedata.east_asian_width(c) in "WFA" else 1 for c in text)


def compact(text: str) -> str:
    """``text`` without its spaces (ASCII, tab, ideographic, no-break)."""
    # Most texts hold none, and a substring test per space costs less than one scan of the pattern.
    for space in SPACE:
        if space in text:
            return _SPACES.sub("", text)
    return text


def _cn_or_int(text: str) -> int | None:
    text = text.replace("○", "〇")
    if text.isdigit():
        return int(text)
    if len(text) == 4 and all(c in "〇零一二三四五六七八九" for c in text):
        return int("".join(str("〇一二三四五六七八九".index(c)) if c != "零" else "0" for c in text))
    return to_int(text)


def iso_date(match: re.Match[str]) -> str | None:
    """ISO form of a DATE or ISO_DATE match, or None when it is no calendar date."""
    y, m, d = (_cn_or_int(match.group(k)) for k in ("y", "m", "d"))
    if not (y and m and d) or not (1 <= m <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


@cache
def _page_patterns() -> tuple[re.Pattern[str], tuple[re.Pattern[str], ...]]:
    """The patterns that hold at a line's start (^…), as one alternation matched there, and the
    others, each searched for: one call for a dozen anchored patterns costs a third of a call each
    (every line of a document comes here), where an alternation of the others would cost more."""
    patterns: list[str] = load("structure")["page"]["patterns"]
    anchored = "|".join(f"(?:{p[1:]})" for p in patterns if p.startswith("^"))
    others = tuple(re.compile(p) for p in patterns if not p.startswith("^"))
    return re.compile(anchored), others


def is_page_furniture(text: str) -> bool:
    """A line of a saved web page that is not the document (menus, bread crumbs, posting lines)."""
    stripped = text.strip(SPACE)
    if not stripped or len(stripped) > 120:
        return False
    anchored, others = _page_patterns()
    if anchored.match(stripped):
        return True
    # A plain loop, not any() over a generator: every line of a document comes here.
    for pattern in others:  # noqa: SIM110
        if pattern.search(stripped):
            return True
    return False


@cache
def attachment_re() -> re.Pattern[str]:
    """A line that opens an attachment (附件, 附件2：…任务分工表): its label and the title after it."""
    markers = alternation(load("structure")["attachments"]["markers"])
    return re.compile(
        rf"^(?P<label>(?:{markers})[{SPACE}]*(?:\d{{1,2}}|[一二三四五六七八九十]{{1,3}})?)[{SPACE}]*[:：]?[{SPACE}]*(?P<title>.*)$"
    )


@cache
def _draft_re() -> re.Pattern[str]:
    words = alternation(load("structure")["title"]["draft_markers"])
    return re.compile(rf"[（(【\[]\s*(?P<draft>{words})\s*[）)】\]]")


@cache
def _doc_type_end() -> re.Pattern[str]:
    words = alternation(load("structure")["title"]["doc_types"])
    return re.compile(rf"(?:{words})$")


@cache
def _table_sequence_words() -> tuple[str, ...]:
    return tuple(load("structure")["tables"]["seq"])


@cache
def _issuer_end() -> re.Pattern[str]:
    words = alternation(load("structure")["title"]["issuer_ends"])
    return re.compile(rf"(?:{words})$")


def looks_like_title(text: str) -> bool:
    t = compact(_draft_re().sub("", text))
    t = t.strip('“”"')
    if t.startswith("附件"):  # 附件：重点任务分工表 labels an attachment, it is not the title
        return False
    # A table's header row (序号	工作内容	责任单位	时间安排) ends like a title when compacted.
    if "\t" in text or t.startswith(_table_sequence_words()):
        return False
    if t.count("《") != t.count("》"):  # a title cited in it is closed in it; a wrapped sentence's may not be
        return False
    return 4 <= len(t) <= 80 and not _SENTENCE_PUNCT.search(t) and bool(_doc_type_end().search(t))


def looks_like_issuer(text: str) -> bool:
    t = compact(text)
    return 4 <= len(t) <= 30 and not _SENTENCE_PUNCT.search(t) and bool(_issuer_end().search(t))


def _issuer_names(text: str) -> list[str] | None:
    """The issuers a line names: one, or several set apart by runs of spaces as joint issuers sign
    (县市场监督管理局　　　　县教育局), or one spaced out (某  县  人  民  政  府); None when it
    names no body."""
    # Apart by a run of spaces, or by one as 中共中央 国务院 are (each piece then a body's whole name).
    for gap in (_TITLE_GAP, _ONE_SPACE):
        pieces = [p for p in gap.split(text.strip(SPACE)) if p]
        if len(pieces) > 1 and all(looks_like_issuer(p) for p in pieces):
            return [compact(p) for p in pieces]
    return [compact(text)] if looks_like_issuer(text) else None


def _joins_issuers(current: str | None, names: list[str]) -> bool:
    """Whether ``names`` may be the document's issuers: none is known yet, or each known is among them."""
    return current is None or set(current.split(ISSUER_SEPARATOR)) <= set(names)


_ADDRESSEE_WORD = re.compile(r"各|政府|部门|单位|机构")
_TITLE_GAP = re.compile(f"[{SPACE}]{{2,}}")
_ONE_SPACE = re.compile(f"[{SPACE}]")
_TITLE_YEAR = re.compile(rf"({YEAR})年")


# The line that leads in to what a notice asks or a list sets out: 现就有关事项通知如下：,
# 现提出以下要求：, 现将各成员单位职责明确如下：.
LEAD_IN = re.compile(r"(?:如下|以下[^，,。；;]{0,4})[：:]\s*$")


def _is_addressee(text: str) -> bool:
    t = compact(text)
    return (
        t.endswith(("：", ":"))
        and len(t) <= 120
        and bool(_ADDRESSEE_WORD.search(t))
        and not LEAD_IN.search(t)  # 现将各成员单位职责明确如下： speaks to no one
    )


def _opens_addressee(text: str) -> bool:
    """Whether a line is the first of addressees the next line goes on with (各县（市、区）人民政府，)."""
    t = compact(text)
    return t.endswith(("，", "、", ",")) and len(t) <= 60 and bool(_ADDRESSEE_WORD.search(t))


def read_front_matter(lines: list[TextLine]) -> FrontMatter:
    """Claim the front-matter lines of a document and read its metadata from them."""
    fm = FrontMatter()
    draft_re = _draft_re()
    # The front zone ends at the first line that opens a numbered part, or a table laid out a cell
    # per line (序号 / 工作任务 / 牵头单位: a header cell may end like a title).
    from .tables import opens_text_table  # tables reads page furniture from here

    front: list[TextLine] = []
    for i, tl in enumerate(lines):
        stripped = tl.text.strip(SPACE)
        if stripped and match_marker(stripped) and not is_page_furniture(stripped):
            break
        if stripped and opens_text_table(lines, i):
            break
        front.append(tl)

    candidates: list[tuple[int, str]] = []  # (line, title text)
    attachment_at: int | None = None  # the line of the first 附件 above the body
    notice_inner: str | None = None
    previous_issuer = False  # the last line read named the issuer
    previous: TextLine | None = None  # the last line with text
    for tl in front:
        text = tl.text.strip(SPACE)
        if not text:
            continue
        before, previous = previous, tl
        if attachment_at is None and (m := attachment_re().match(text)) and len(m.group("title")) <= 40:
            attachment_at = tl.line
        follows_issuer, previous_issuer = previous_issuer, False
        if is_page_furniture(text):
            fm.claims[tl.line] = "page"
            m = ISO_DATE.search(text)
            if m and fm.page_date is None:
                fm.page_date = iso_date(m)
            bracketed = _BRACKETED.search(text)
            if bracketed and looks_like_title(bracketed.group("inner")):
                candidates.append((tl.line, bracketed.group("inner")))
            continue
        # A page panel's labelled field (发文机关：…, 成文日期：…, 文号：…): the document's, its value
        # read as the field; a title's (标题：…) is read as a title line is.
        if (panel := _panel_field_re().match(text)) is not None:
            kind = next(k for k, v in panel.groupdict().items() if v)
            text = text[panel.end() :].strip(SPACE)
            if kind != "title":
                fm.claims[tl.line] = _panel_field(fm, kind, text)
                continue
        # Each field is read once; a later line claims it only when it repeats the same value (the
        # issuer signing under the text), otherwise the line stays in the text.
        compacted = compact(text)
        if (m := DOC_NUMBER.fullmatch(compacted)) and _free(fm.doc_number, text):
            fm.doc_number = text
            fm.claims[tl.line] = "doc_number"
            continue
        if (m := draft_re.fullmatch(compacted)) and _free(fm.draft, m.group("draft")):
            fm.draft = m.group("draft")
            fm.claims[tl.line] = "draft"
            continue
        m = DATE.fullmatch(compacted) or ISO_DATE.fullmatch(compacted)
        if m and (_free(fm.date, text) or fm.date_iso == iso_date(m)):  # 2026年03月01日 is 2026年3月1日
            if fm.date is None:
                fm.date, fm.date_iso = text, iso_date(m)
            fm.claims[tl.line] = "date"
            continue
        if _is_addressee(text) and _free(fm.addressee, text):
            fm.claims[tl.line] = "addressee"
            if before is not None and before.line not in fm.claims and _opens_addressee(before.text):
                # The addressees go on over two lines (各县（市、区）人民政府， / 市政府各部门：).
                fm.claims[before.line] = "addressee"
                text = before.text.strip(SPACE) + text
            fm.addressee = text
            continue
        notice = _NOTICE.search(compacted)
        if notice and len(compacted) <= 80:
            if "—" in text or "<" in text or "|" in text:
                notice_inner = notice.group("inner") or notice.group("bare")
                fm.claims[tl.line] = "page"  # the page's own <title> echoed as a line
                continue
            if _free(fm.notice, text):
                notice_inner = notice.group("inner") or notice.group("bare")
                fm.claims[tl.line] = "notice"
                fm.notice = text
                continue
        bracketed = _BRACKETED.match(text)
        if bracketed and looks_like_title(bracketed.group("inner")):
            candidates.append((tl.line, bracketed.group("inner")))
            fm.claims[tl.line] = "title"
            continue
        if looks_like_title(text):
            candidates.append((tl.line, text))
            fm.claims[tl.line] = "title"
            continue
        # A title followed by the preamble on one line, set apart by a run of spaces.
        gap = _TITLE_GAP.search(text)
        if gap and looks_like_title(text[: gap.start()]):
            candidates.append((tl.line, text[: gap.start()]))
            fm.claims[tl.line] = "title"
            fm.remainders[tl.line] = text[gap.end() :]
            continue
        names = _issuer_names(text)
        if names and follows_issuer and fm.issuer:
            # Joint issuers on lines one under another: each is an issuer.
            fm.claims[tl.line] = "issuer"
            fm.issuer = ISSUER_SEPARATOR.join([fm.issuer, *names])
            previous_issuer = True
            continue
        if names and _free(fm.issuer, ISSUER_SEPARATOR.join(names)):
            fm.claims[tl.line] = "issuer"
            fm.issuer = ISSUER_SEPARATOR.join(names)
            previous_issuer = True
            continue

    # Choose the title: the plan a notice forwards, else the candidate nearest the body.
    chosen: tuple[int, str] | None = None
    if notice_inner:
        for line, text in candidates:
            if compact(text) == compact(notice_inner):
                chosen = (line, text)
        if chosen is None:
            fm.title = compact(notice_inner)
    if chosen is None and candidates and fm.title is None:
        # A title under 附件 is an attachment's (its task table's) when the document has its own.
        own = [c for c in candidates if attachment_at is None or c[0] < attachment_at]
        chosen = (own or candidates)[-1]
    # Other title lines of a saved page (its headline) are page furniture once the title is chosen;
    # an attachment's title is the attachment's.
    for line, _ in candidates:
        unchosen = chosen is None or line != chosen[0]
        if unchosen and fm.claims.get(line) == "title" and line not in fm.remainders:
            if attachment_at is not None and line > attachment_at:
                del fm.claims[line]
            else:
                fm.claims[line] = "page"
    if chosen is not None:
        raw = chosen[1]
        m = draft_re.search(raw)
        if m:
            fm.draft = fm.draft or m.group("draft")
            raw = draft_re.sub("", raw)
        fm.title = compact(raw)
    # An issuer written into the title ("X人民政府关于…").
    if fm.title and fm.issuer is None:
        head, sep, _ = fm.title.partition("关于")
        if sep and head and looks_like_issuer(head):
            fm.issuer = head
    _read_page_tail(lines, fm)
    _read_colophon(lines, fm)
    _read_signature(lines, fm)
    _read_closing(lines, fm)
    fm.year = _document_year(fm)
    return fm


# The 版记 under a 公文's last page (GB/T 9704): who else receives it (抄送：…) and who printed it
# when (XX办公室　2024年3月18日印发), with rules between them.
_COPIED_TO = re.compile(r"^(?:抄送|抄报|分送|报送)\s*[:：]")
_PRINTED = re.compile(r"印发\s*$")
_RULE = re.compile(r"^[-—─━_=＿－]{3,}$")


# The most lines a page lists other articles in after its article (往期推荐 and their titles).
_PAGE_TAIL_LINES = 12


@cache
def _article_lists() -> frozenset[str]:
    return frozenset(load("structure")["page"]["article_lists"])


def _read_page_tail(lines: list[TextLine], fm: FrontMatter) -> None:
    """Claim a page's list of other articles (往期推荐 and the titles under it) as page furniture:
    a heading of such a list near the end with only short lines after it."""
    heads = _article_lists()
    tail = [tl for tl in lines[-_PAGE_TAIL_LINES - 1 :] if tl.text.strip(SPACE)]
    for i, tl in enumerate(tail):
        if compact(tl.text) in heads and all(len(t.text.strip(SPACE)) <= 60 for t in tail[i:]):
            fm.claims.update(dict.fromkeys((t.line for t in tail[i:] if t.line not in fm.claims), "page"))
            return


def _read_colophon(lines: list[TextLine], fm: FrontMatter) -> None:
    """Claim the 版记 that ends a document, so that no task or section takes it as its text; the
    rules drawn around it are page furniture then."""
    rules: list[int] = []
    found = False
    for tl in reversed(lines):
        text = tl.text.strip(SPACE)
        if not text or tl.line in fm.claims or is_page_furniture(text):
            continue
        if _RULE.match(text):
            rules.append(tl.line)
        elif _COPIED_TO.match(text) or (_PRINTED.search(text) and DATE.search(compact(text))):
            fm.claims[tl.line] = "colophon"
            found = True
        else:
            break
    if found:
        fm.claims.update(dict.fromkeys(rules, "page"))


@cache
def _closing_re() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in load("structure")["closing"]["patterns"]))


def _read_closing(lines: list[TextLine], fm: FrontMatter) -> None:
    """Claim the lines that close a notice above its signature (特此通知, 联系人：…，电话：…), read
    from the end: no task or section takes them as its text."""
    for tl in reversed(lines):
        text = tl.text.strip(SPACE)
        if not text or tl.line in fm.claims or is_page_furniture(text):
            continue
        if not _closing_re().match(text):
            return
        fm.claims[tl.line] = "closing"


_MOST_SIGNATURE_LINES = 4


def _read_signature(lines: list[TextLine], fm: FrontMatter) -> None:
    """The signature block that closes a 公文: the issuing body, then the date it was signed.

    Page furniture after it (a footer) and a 附注 under the date are skipped; nothing else may follow it.
    """
    tail = [tl for tl in lines if tl.text.strip(SPACE) and tl.line not in fm.claims]
    # A footer, and a 附注 printed under the date (（此件公开发布）), which the closing then claims.
    while tail and (is_page_furniture(tail[-1].text) or _closing_re().match(tail[-1].text.strip(SPACE))):
        tail.pop()
    if len(tail) < 2:
        return
    last = tail[-1]
    m = DATE.fullmatch(compact(last.text))
    if not m or not _free(fm.date, last.text.strip(SPACE)):
        return
    # The issuers sign on the lines above the date: one, or joint issuers on lines or apart on one.
    signers: list[TextLine] = []
    names: list[str] = []
    for before in reversed(tail[-1 - _MOST_SIGNATURE_LINES : -1]):
        found = _issuer_names(before.text)
        if not found or match_marker(before.text.strip(SPACE)):
            break
        signers.insert(0, before)
        names[:0] = found
    if not signers or not _joins_issuers(fm.issuer, names):
        return
    fm.date, fm.date_iso = last.text.strip(SPACE), iso_date(m)
    fm.issuer = ISSUER_SEPARATOR.join(names)
    fm.claims[last.line] = "date"
    for before in signers:
        fm.claims[before.line] = "issuer"


@cache
def panel_labels() -> dict[str, str]:
    """Alternations of a site's 信息公开 panel labels by the field each gives (doc_number, issuer,
    date, title; others), a label's characters spaced out or not (文　　号)."""
    return {
        field: "|".join(r"\s*".join(map(re.escape, label)) for label in labels)
        for field, labels in load("structure")["panel"].items()
    }


@cache
def _panel_field_re() -> re.Pattern[str]:
    """A line opening with a panel's label of a field of the document (发文机关：…, 文号：…)."""
    fields = "|".join(f"(?P<{k}>{v})" for k, v in panel_labels().items() if k != "others")
    return re.compile(rf"^(?:{fields})\s*[:：]")


def _panel_field(fm: FrontMatter, kind: str, value: str) -> str:
    """Read a page panel's field into ``fm`` when it is free, and say what claims its line: the
    field, or the page's when it holds nothing or another value is known already."""
    if kind == "issuer" and value and _free(fm.issuer, value):
        fm.issuer = value
        return "issuer"
    written = compact(value)
    if kind == "date" and fm.date is None and (m := DATE.fullmatch(written) or ISO_DATE.fullmatch(written)):
        fm.date, fm.date_iso = value, iso_date(m)
        return "date"
    if kind == "doc_number" and DOC_NUMBER.fullmatch(compact(value)) and _free(fm.doc_number, value):
        fm.doc_number = value
        return "doc_number"
    return "page"


def _free(current: str | None, value: str) -> bool:
    return current is None or compact(current) == compact(value)


def _document_year(fm: FrontMatter) -> int | None:
    """The year a document speaks of, for dates written without one (8月27日前)."""
    if fm.date_iso:
        return int(fm.date_iso[:4])
    if fm.title:
        years = _TITLE_YEAR.findall(fm.title)
        if len(set(years)) == 1:
            return int(years[0])
    if fm.doc_number and (m := DOC_NUMBER.search(compact(fm.doc_number))):
        return int(m.group("year"))
    if fm.page_date:
        return int(fm.page_date[:4])
    return None
