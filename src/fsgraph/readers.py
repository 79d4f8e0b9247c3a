"""Readers: turn a file into a :class:`~fsgraph.model.Source` of lines and tables with positions.

Readers are registered by file suffix, the way rdflib registers parsers by format name. Every
failure to read a file is an :class:`~fsgraph.errors.InputError` naming the file and one reason.

Where a line number points, per format:

- ``.txt``: the file's own 1-based line (blank lines included, tabs and leading spaces kept).
- ``.html``/``.htm``: the source line of the element the text comes from, so provenance points
  into the saved page; when source lines do not tell the page's lines apart (a page saved on one
  line, lines broken by <br> on one source line, lines past 65535, where libxml2 stops counting),
  the lines as laid out (1, 2, …; a table's row a line), ``origin`` saying the source line.
- ``.docx``: the 1-based ordinal of the line (a paragraph, each line of one broken by soft line
  breaks, a table row); ``origin`` says which paragraph.
- ``.pdf``: lines numbered in reading order across pages, a row of a ruled table counting as one;
  ``origin`` says which page (and marks a running header or footer).
- ``.xlsx``: the sheets' rows, numbered on from one sheet to the next; ``origin`` says which sheet
  and row.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import os
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from .errors import InputError, UnsupportedFormat
from .model import RUNNING_HEAD, Block, Source, Table, TableCell, TextLine
from .numbering import match_marker

Reader = Callable[[Path, bytes], Source]
_READERS: dict[str, Reader] = {}


def register(*suffixes: str) -> Callable[[Reader], Reader]:
    def wrap(func: Reader) -> Reader:
        for suffix in suffixes:
            _READERS[suffix.lower()] = func
        return func

    return wrap


# Office formats of old (binary) or of WPS, which offices still send: what to save them as.
_SAVE_AS = {
    ".doc": ("the binary Word format", ".docx", "Word"),
    ".wps": ("the WPS Writer format", ".docx", "Word"),
    ".xls": ("the binary Excel format", ".xlsx", "Excel"),
    ".et": ("the WPS Spreadsheets format", ".xlsx", "Excel"),
}


def unsupported(suffix: str, listing: bool = False) -> str:
    """Why a file of ``suffix`` is not read: what to save it as, or (``listing``) what is read."""
    reason = f"unsupported file type {suffix or '(none)'}"
    if suffix.lower() in _SAVE_AS:
        written, target, office = _SAVE_AS[suffix.lower()]
        how = f"{office}, WPS or `libreoffice --headless --convert-to {target[1:]}`"
        return f"{reason}: {written}; save it as {target} ({how})"
    return f"{reason} (supported: {', '.join(supported_suffixes())})" if listing else reason


def supported_suffixes() -> list[str]:
    return sorted(_READERS)


def is_file_name(text: str) -> bool:
    """Whether ``text`` ends in a suffix fsgraph reads (in any case), after something."""
    stem, dot, suffix = text.rpartition(".")
    return bool(dot and stem and "." + suffix.lower() in _READERS)


def read(path: str | Path) -> Source:
    """Read one file into a :class:`Source`; raise :class:`InputError` with a clear reason.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "plan.txt").write_bytes("一、总体目标\\n\\n\\t市食安办\\n".encode("gb18030"))
    >>> source = read(folder / "plan.txt")
    >>> source.encoding, [(b.line, b.text) for b in source.blocks]
    ('gb18030', [(1, '一、总体目标'), (2, ''), (3, '\\t市食安办')])
    """
    p = Path(path)
    reader = _READERS.get(p.suffix.lower())
    if reader is None:
        _readable(p)
        raise UnsupportedFormat(str(p), unsupported(p.suffix, listing=True))
    # Read first and ask why after a failure: checks before every read cost as much as the read.
    try:
        data = p.read_bytes()
    except OSError as exc:
        _readable(p)
        raise InputError(str(p), f"cannot read file: {exc.strerror or exc}") from exc
    if not data:
        raise InputError(str(p), "file is empty (0 bytes)")
    if not data.strip():
        raise InputError(str(p), "file is empty (whitespace only)")
    return reader(p, data)


def _readable(p: Path) -> None:
    """Raise the InputError of a path that is no file."""
    if not p.exists():
        raise InputError(str(p), "no such file")
    if p.is_dir():
        raise InputError(str(p), "is a directory, not a file")


def iter_inputs(paths: Iterable[str | Path]) -> tuple[list[Path], list[InputError]]:
    """Expand command-line paths into the files to read, and the paths that cannot be read.

    A directory stands for every supported file under it, recursively, sorted; hidden files and
    Office lock files (``~$…``) are skipped, and files of an old Office or WPS format are reported.
    Each file comes once, in the order first named. The caller reads the good ones and reports the
    bad ones.
    """
    good: list[Path] = []
    bad: list[InputError] = []
    seen: set[Path] = set()

    def add(file: Path) -> None:
        key = file.resolve()
        if key in seen:
            return
        seen.add(key)
        if (problem := _undecodable_name(file)) is not None:
            bad.append(problem)
        else:
            good.append(file)

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            documents = sorted(f for f in path.rglob("*") if _is_document(f, path))
            found = [f for f in documents if f.suffix.lower() in _READERS]
            if not found:
                bad.append(
                    InputError(
                        str(path), f"no supported file ({', '.join(supported_suffixes())}) in this directory"
                    )
                )
            for file in found:
                add(file)
            # Documents in a format of old, which a folder of an office's files often holds: not
            # read, so reported (with what to save them as), not passed over.
            for file in documents:
                if file.suffix.lower() in _SAVE_AS:
                    bad.append(UnsupportedFormat(str(file), unsupported(file.suffix)))
        elif path.is_file():
            if path.suffix.lower() in _READERS:
                add(path)
            else:
                bad.append(UnsupportedFormat(str(path), unsupported(path.suffix)))
        else:
            bad.append(InputError(str(path), "no such file or directory"))
    return good, bad


def _undecodable_name(file: Path) -> InputError | None:
    """A path that is not UTF-8 (a zip made on Windows keeps GBK names) cannot name a document in
    JSON or in the graph: refused, with the name as GB18030 reads it so the user can find it."""
    try:
        str(file).encode("utf-8")
    except UnicodeEncodeError:
        raw = os.fsencode(file)
        shown = (
            raw.decode("gb18030", "replace") if _decodes(raw, "gb18030") else raw.decode("utf-8", "replace")
        )
        return InputError(shown, "the file name is not UTF-8 (GBK or GB18030 from Windows?): rename the file")
    return None


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _is_document(file: Path, root: Path) -> bool:
    """Whether ``file`` under ``root`` is a document fsgraph reads, or one of an old format it names."""
    if (file.suffix.lower() not in _READERS and file.suffix.lower() not in _SAVE_AS) or not file.is_file():
        return False
    # Hidden files and Word's ~$ lock files sit beside documents but are not documents.
    parts = file.relative_to(root).parts
    return not any(part.startswith(".") for part in parts) and not file.name.startswith("~$")


def _source(
    path: Path,
    data: bytes,
    fmt: str,
    encoding: str | None,
    blocks: list[Block],
    meta: dict[str, str] | None = None,
) -> Source:
    return Source(
        name=path.name,
        path=str(path),
        format=fmt,
        encoding=encoding,
        blocks=blocks,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        meta=meta or {},
    )


# ---------------------------------------------------------------------------------------------
# Text decoding, shared by .txt and .html

# Mainland government documents are GB-encoded; Big5 is the one other Chinese encoding seen.
_CHINESE_CANDIDATES = ("gb18030", "big5")
# GB2312 and GBK are subsets of GB18030: decoding with the superset reads them all, including
# the GBK characters that pages labelled gb2312 routinely contain.
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "cp936", "euc_cn", "hz"}
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Control bytes that no text file holds (tab, newline, vertical tab, form feed, return and escape
# are allowed).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
_BINARY_SAMPLE = 65536
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")


def _decode(path: Path, data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data`` by what its bytes say, never by the file name; return (text, encoding).

    Order: a byte-order mark; strict UTF-8; the encoding the page declares (HTML); then
    charset-normalizer restricted to Chinese encodings. Anything but UTF-8 must decode cleanly and
    read as Chinese text.
    """
    tried: list[str] = []
    if data.startswith(_UTF16_BOMS):
        # Two bytes are a weak sign: the rest must decode and read as text too.
        tried.append("utf-16")
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            text = None
        if text is not None and _looks_chinese(text):
            return text, "utf-16"
    if b"\x00" in data:
        raise InputError(str(path), "binary file (contains NUL bytes), not text")
    sample = data[:_BINARY_SAMPLE]
    if len(sample.translate(None, _CONTROL_BYTES)) < 0.7 * len(sample):
        raise InputError(str(path), "binary file (mostly control bytes), not text")
    if data.startswith(codecs.BOM_UTF8):
        return _strict(path, data, "utf-8-sig", "UTF-8 byte-order mark"), "utf-8-sig"
    cut: str | None = None  # an encoding the text reads in but for a character cut off at its end
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        cut = "utf-8" if _cut_off(data, exc, "utf-8") else None
    tried.append("utf-8")
    candidates: list[str] = []
    if declared:
        candidates.append(declared)
    candidates += _ranked_chinese_encodings(data)
    for encoding in candidates:
        if encoding in tried:
            continue
        tried.append(encoding)
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            cut = cut or (encoding if _cut_off(data, exc, encoding) else None)
            continue
        if _looks_chinese(text):
            return text, encoding
    for encoding in _CHINESE_CANDIDATES:
        if encoding not in tried:
            tried.append(encoding)
            try:
                data.decode(encoding)
            except UnicodeDecodeError as exc:
                cut = cut or (encoding if _cut_off(data, exc, encoding) else None)
    if cut:
        raise InputError(
            str(path), f"the file is truncated: it ends inside a character (it is {cut} up to there)"
        )
    raise InputError(str(path), f"cannot decode text (tried {', '.join(tried)})")


def _cut_off(data: bytes, error: UnicodeDecodeError, encoding: str) -> bool:
    """Whether ``data`` fails to decode only in its last character, cut off (a file saved or copied
    in part), and reads as Chinese text up to it."""
    if error.start < len(data) - 4 or not data[: error.start].strip():
        return False
    try:
        return _looks_chinese(data[: error.start].decode(encoding))
    except UnicodeDecodeError:
        return False


def _strict(path: Path, data: bytes, encoding: str, why: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            str(path), f"not valid {encoding} despite its {why} (byte {exc.start}: {exc.reason})"
        ) from exc


def _ranked_chinese_encodings(data: bytes) -> list[str]:
    from charset_normalizer import from_bytes

    matches = from_bytes(data, cp_isolation=list(_CHINESE_CANDIDATES))
    # Short GB text often decodes as Big5 too with the same (zero) chaos; prefer GB on a tie.
    ranked = sorted(matches, key=lambda m: (round(m.chaos, 2), _canonical(m.encoding) != "gb18030"))
    out: list[str] = []
    for match in ranked:
        encoding = _canonical(match.encoding)
        if encoding and encoding not in out:
            out.append(encoding)
    return out


def _canonical(label: str) -> str | None:
    try:
        name = codecs.lookup(label.strip()).name
    except LookupError:
        return None
    return "gb18030" if name in _GB_FAMILY else name.replace("_", "-")


_HAN_OR_PUNCTUATION = re.compile(
    "["
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\u3400-\u4dbf"  # extension A
    "\U00020000-\U0003ffff"  # extensions B and later
    "\uf900-\ufaff"  # compatibility ideographs
    "\u3000-\u303f"  # CJK punctuation: 、。〔〕
    "\uff00-\uffef"  # full-width forms: （），：
    "\u2000-\u206f"  # general punctuation: “”…—
    "]+"
)


def _looks_chinese(text: str) -> bool:
    """Most non-ASCII characters are Han, no U+FFFD or stray controls: a wrong decoding yields
    kana, symbols, private-use and control characters."""
    sample = text[:200_000]
    if "\ufffd" in sample or _CONTROL_CHARS.search(sample):
        return False
    wide = len(sample) - len(sample.encode("ascii", "ignore"))
    if not wide:
        return True
    han = len(sample) - len(_HAN_OR_PUNCTUATION.sub("", sample))
    return han >= 0.6 * wide


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# ---------------------------------------------------------------------------------------------
# .txt


@register(".txt")
def read_text(path: Path, data: bytes) -> Source:
    text, encoding = _decode(path, data)
    text = _normalise_newlines(text)
    if not text.strip():
        raise InputError(str(path), "file is empty (whitespace only)")
    # split("\n"), not splitlines(): the latter also breaks at form feeds, U+2028 and others,
    # which would number lines differently from the file.
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    return _source(path, data, "txt", encoding, [TextLine(i, t) for i, t in enumerate(lines, start=1)])


# ---------------------------------------------------------------------------------------------
# .html

_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_ASCII_SPACE = " \t\n\r\f"
_SPACE_RUN = re.compile(r"[ \t\n\r\f]+")
_VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
        "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
        "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "p",
        "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
# Page furniture: never part of an article wherever it sits.
_FURNITURE_TAGS = frozenset(
    {
        "aside", "button", "canvas", "embed", "footer", "head", "iframe", "input", "map", "nav", "noscript",
        "object", "script", "select", "style", "svg", "template", "textarea", "title",
    }
)  # fmt: skip
_FURNITURE_ROLES = frozenset({"banner", "contentinfo", "navigation", "search"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_TABLE_ROWS = "./tr|./thead/tr|./tbody/tr|./tfoot/tr"
# Below this many characters the extractor has not found an article but a fragment of the page
# (it does so on short pages), so the whole <body> is kept instead. Policy documents run to
# thousands of characters.
_MIN_ARTICLE = 200
# Article pieces at least this long fix where the article sits; shorter ones (a site name in the
# header that the article also quotes) could match by chance.
_ANCHOR_LENGTH = 12


@register(".html", ".htm")
def read_html(path: Path, data: bytes) -> Source:
    """Keep the article of a saved web page: its paragraphs in order, ``<br>`` breaking lines, and
    its tables as :class:`Table` blocks; drop the site around it.

    trafilatura finds the article text; the article is then taken from the parsed page itself as
    the smallest element holding all of that text, because the library's output keeps neither
    source lines nor the short paragraphs it judges unimportant (附件, signatures, dates).
    """
    import lxml.html
    from lxml import etree

    text, encoding = _decode(path, data, declared=_declared_charset(data))
    text = _normalise_newlines(text)
    _check_complete(path, text)
    try:
        # Handed over as UTF-8 bytes with the encoding named, so an <?xml encoding=…?> or <meta>
        # declaration cannot override the decoding already made.
        parser = lxml.html.HTMLParser(encoding="utf-8")
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise InputError(str(path), f"cannot parse HTML: {exc}") from exc
    body = root.find("body")
    if body is None:
        body = root
    container = _article_container(body, _article_text(text))
    flow = _Flow()
    heading = _title_heading(root, container)
    if heading is not None:
        flow.walk(heading, with_tail=False)
    flow.walk(container, with_tail=False)
    flow.end_line()
    if not any(isinstance(b, Table) or b.text for b in flow.blocks):
        raise InputError(str(path), "no article text in HTML page")
    blocks = flow.blocks if _lines_apart(flow.blocks) else _laid_out(flow.blocks)
    meta = {}
    title = root.find("head/title")
    if title is not None and _collapse(title.text_content()):
        meta["html_title"] = _collapse(title.text_content())
    # Government sites list a document's 文号, issuer and date of signing in a metadata panel
    # (信息公开: 索引号, 发布机构, 发文字号, 成文日期 …) outside the article.
    meta.update(_panel(body.text_content()))
    return _source(path, data, "html", encoding, blocks, meta)


def _lines_apart(blocks: list[Block]) -> bool:
    """Whether the source lines of a page's lines tell them apart: each after the one before."""
    last = 0
    for block in blocks:
        if block.line <= last:
            return False
        last = block.line
        if isinstance(block, Table):
            last = max([last, *(cell.line for row in block.rows for cell in row)])
    return True


def _laid_out(blocks: list[Block]) -> list[Block]:
    """A page's lines numbered as laid out (1, 2, …; a table's row a line), each text line's
    source line kept in its origin: for a page whose source lines do not tell its lines apart (a
    page saved on one line, lines broken by <br> on one source line, lines past libxml2's last
    line number), since the extraction tells lines apart by their numbers."""
    out: list[Block] = []
    number = 0
    for block in blocks:
        if isinstance(block, TextLine):
            number += 1
            out.append(TextLine(number, block.text, f"source line {block.line}"))
            continue
        first = number + 1
        rows: list[tuple[TableCell, ...]] = []
        for row in block.rows:
            number += 1
            rows.append(tuple(TableCell(cell.text, number) for cell in row))
        out.append(Table(first, tuple(rows), block.caption))
    return out


def _panel(text: str) -> dict[str, str]:
    """The 文号 (doc_number), issuer and date of signing (date) a page's panel labels."""
    from .metadata import DATE, DOC_NUMBER, ISO_DATE, looks_like_issuer

    found: dict[str, str] = {}
    labels, any_label = _panel_labels()
    for key, label in labels.items():
        m = label.search(text)
        if m is None:
            continue
        value = text[m.end() : m.end() + 60].strip()
        if following := any_label.search(value):  # cells of one row run together in the text
            value = value[: following.start()]
        if key == "doc_number":
            number = DOC_NUMBER.match(re.sub(r"\s+", "", value))
            if number:
                found[key] = number.group(0)
        elif key == "issuer":
            name = re.split(r"[^\u4e00-\u9fff（）()]", value, maxsplit=1)[0]
            if looks_like_issuer(name):
                found[key] = name
        elif date := DATE.match(value) or ISO_DATE.match(value):
            found[key] = date.group(0)
    return found


@cache
def _panel_labels() -> tuple[dict[str, re.Pattern[str]], re.Pattern[str]]:
    """The labels of the panel's fields fsgraph reads, and any label, which ends a field's value."""
    from .metadata import panel_labels

    words = panel_labels()
    read = {key: re.compile(rf"(?:{words[key]})\s*[:：]\s*") for key in ("doc_number", "issuer", "date")}
    return read, re.compile(rf"(?:{'|'.join(words.values())})\s*[:：]")


def _declared_charset(data: bytes) -> str | None:
    head = data[:4096]
    found = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return _canonical(found.group(1).decode("ascii")) if found else None


def _check_complete(path: Path, text: str) -> None:
    """A page cut off while saving loses the end of its article; refuse it rather than guess."""
    tail = text.rstrip()
    if not tail.endswith(">"):
        raise InputError(str(path), "HTML page is truncated (it ends inside text or a tag)")
    lower = text.lower()
    # A page with <html> may leave out </body>, as browsers allow; a fragment must close <body>.
    for tag in ("html", "body"):
        if re.search(rf"<{tag}[\s>]", lower):
            if f"</{tag}" not in lower:
                raise InputError(str(path), f"HTML page is truncated (no closing </{tag}>)")
            break


def _article_text(page: str) -> str | None:
    import trafilatura

    try:
        return trafilatura.extract(page, include_tables=True, include_comments=False, favor_recall=True)
    except Exception:  # a page the extractor chokes on is still read, from <body>
        return None


def _squash(text: str) -> str:
    # trafilatura separates table cells with "|" and lines with newlines; compare without both.
    return re.sub(r"[\s|]+", "", text)


def _article_container(body: Any, article: str | None) -> Any:
    """The deepest element holding every long piece of the article text, or ``body``."""
    wanted = _squash(article or "")
    if len(wanted) < _MIN_ARTICLE:
        return body
    matched: list[tuple[Any, int]] = []
    for owner, piece in _text_pieces(body):
        squashed = _squash(piece)
        if len(squashed) >= 2 and squashed in wanted:
            matched.append((owner, len(squashed)))
    if not matched:
        return body
    threshold = min(_ANCHOR_LENGTH, max(length for _, length in matched))
    common: list[Any] | None = None
    for owner, length in matched:
        if length < threshold:
            continue
        chain = [*reversed(list(owner.iterancestors())), owner]
        if common is None:
            common = chain
        else:
            size = 0
            while size < min(len(common), len(chain)) and common[size] is chain[size]:
                size += 1
            common = common[:size]
    if not common or body not in common:
        return body
    return common[-1]


def _text_pieces(element: Any) -> Iterator[tuple[Any, str]]:
    """(owner, text) for every text node outside furniture; a tail belongs to the parent."""
    if not _is_furniture(element):
        if element.text:
            yield element, element.text
        for child in element:
            yield from _text_pieces(child)
            if child.tail:
                yield element, child.tail


def _title_heading(root: Any, container: Any) -> Any:
    """The page's headline when it stands before the article container, as it often does."""
    title = root.find("head/title")
    wanted = _squash(title.text_content()) if title is not None else ""
    if not wanted:
        return None
    ancestors = set(container.iterancestors())
    found = None
    for element in root.iter("h1", "h2", "h3", container.tag):
        if element is container:
            break  # document order: what follows is inside or after the article
        if element.tag in ("h1", "h2", "h3") and element not in ancestors and not _inside_furniture(element):
            text = _squash(element.text_content())
            if len(text) >= 4 and text in wanted:
                found = element
    return found


def _inside_furniture(element: Any) -> bool:
    return any(_is_furniture(e) for e in (element, *element.iterancestors()))


def _is_furniture(element: Any) -> bool:
    tag = element.tag
    if not isinstance(tag, str):  # comments and processing instructions
        return True
    tag = tag.lower()
    if tag in _FURNITURE_TAGS:
        return True
    # A <header> inside an <article> holds the article's own title.
    if tag == "header" and not any(a.tag == "article" for a in element.iterancestors()):
        return True
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    if (element.get("role") or "").lower() in _FURNITURE_ROLES:
        return True
    return bool(_HIDDEN_STYLE.search(element.get("style") or ""))


def _collapse(text: str) -> str:
    """Collapse ASCII whitespace as a browser does; keep U+3000 indentation and no-break spaces.

    A line break between two wide (CJK) characters disappears rather than becoming a space
    (CSS Text 3, segment break transformation): Word-exported pages wrap Chinese text anywhere,
    and a space inside a department name would split it.
    """

    def replace(match: re.Match[str]) -> str:
        if "\n" in match.group():
            before = match.string[match.start() - 1] if match.start() else ""
            after = match.string[match.end()] if match.end() < len(match.string) else ""
            if before and after and _is_wide(before) and _is_wide(after):
                return ""
        return " "

    return _SPACE_RUN.sub(replace, text).strip(_ASCII_SPACE)


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _end_line(element: Any) -> int:
    """The source line where ``element`` ends, i.e. where its tail text starts."""
    offset = 0
    while element.tag not in _VOID_TAGS and len(element):
        last = element[-1]
        offset += (last.tail or "").count("\n")
        element = last
    text = "" if element.tag in _VOID_TAGS else (element.text or "")
    return (element.sourceline or 0) + offset + text.count("\n")


class _Flow:
    """Lays out a page's text into lines as a browser would: block boundaries and <br> end a line."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self._parts: list[str] = []
        self._line = 0
        self._last_line = 1
        self._pre = False

    def end_line(self) -> None:
        text = "".join(self._parts)
        text = text.rstrip(_ASCII_SPACE) if self._pre else _collapse(text)
        if text.strip():
            self.blocks.append(TextLine(self._line, text))
        self._parts = []
        self._line = 0

    def add(self, text: str | None, line: int, pre: bool) -> None:
        if not text:
            return
        if pre:
            # Inside <pre> the source's line breaks are the lines.
            first, *rest = text.split("\n")
            self._add_part(first, line, pre)
            for number, part in enumerate(rest, start=line + 1):
                self.end_line()
                self._add_part(part, number, pre)
        else:
            self._add_part(text, line, pre)

    def _add_part(self, text: str, line: int, pre: bool) -> None:
        if line <= 0:  # an element the parser implied has no source line; it follows the last one
            line = self._last_line
        if not self._line:
            content = text.lstrip(_ASCII_SPACE)
            if content:
                self._line = line + text[: len(text) - len(content)].count("\n")
                self._pre = pre
        self._last_line = line
        self._parts.append(text)

    def walk(self, element: Any, pre: bool = False, with_tail: bool = True) -> None:
        """Lay out ``element`` (and, unless told otherwise, the text after it)."""
        self._element(element, pre)
        if with_tail and element.tail:
            self.add(element.tail, _end_line(element), pre)

    def _element(self, element: Any, pre: bool) -> None:
        if _is_furniture(element):
            return
        tag = element.tag.lower()
        if tag == "br":
            self.end_line()
            return
        if tag == "table" and _is_data_table(element):
            self.end_line()
            table = _html_table(element)
            if table is not None:
                self.blocks.append(table)
            return
        block = tag in _BLOCK_TAGS
        pre = pre or tag == "pre"
        if block:
            self.end_line()
        if tag == "li":
            self.add(_list_number(element), element.sourceline or 0, pre)
        self.add(element.text, element.sourceline or 0, pre)
        for child in element:
            self.walk(child, pre)
        if block:
            self.end_line()


_CHINESE_LIST = re.compile(r"list-style(?:-type)?\s*:\s*[^;]*(?:cjk-ideographic|cjk-decimal|chinese)")


def _list_number(item: Any) -> str:
    """The number a browser draws before an item of a numbered list (<ol>), which is no part of
    its text: 1. 2. …, or 一、二、… in a list styled with Chinese numerals; "" for any other item."""
    parent = item.getparent()
    if parent is None or not isinstance(parent.tag, str) or parent.tag.lower() != "ol":
        return ""
    written = (parent.get("start") or "").strip()
    items = [child for child in parent if isinstance(child.tag, str) and child.tag.lower() == "li"]
    number = (int(written) if written.isdigit() else 1) + items.index(item)
    if _CHINESE_LIST.search((parent.get("style") or "") + ";" + (item.get("style") or "")):
        return f"{_formatted(number, 'chineseCounting')}、"  # as Word's list of that format writes it
    return f"{number}."


def _rows(table: Any) -> list[Any]:
    return list(table.xpath(_TABLE_ROWS))


def _is_data_table(table: Any) -> bool:
    """A table of data, not one that lays the page out (nested tables, or one cell per row)."""
    if table.xpath(".//table"):
        return False
    return any(len(row.xpath("./td|./th")) > 1 for row in _rows(table))


def _html_table(table: Any) -> Table | None:
    """The table's rows of cells. A cell that spans rows (rowspan) is a cell of each row it spans,
    in its column, as a vertically merged Word cell is; one that spans columns (colspan) is one
    cell, as a horizontally merged Word cell is, and takes up its columns for the rows below."""
    rows: list[tuple[TableCell, ...]] = []
    spanning: dict[int, tuple[TableCell, int, int]] = {}  # column → (cell, rows left, columns)
    for row in _rows(table):
        cells: list[TableCell] = []
        written = iter(row.xpath("./td|./th"))
        column = 0
        while True:
            if column in spanning:
                cell, left, width = spanning[column]
                cells.append(cell)
                spanning[column] = (cell, left - 1, width)
                column += width
                continue
            element = next(written, None)
            if element is None:
                if later := [c for c in spanning if c > column]:
                    column = min(later)
                    continue
                break
            cell = _html_cell(element)
            cells.append(cell)
            width = _span(element, "colspan")
            if (down := _span(element, "rowspan")) > 1:
                spanning[column] = (cell, down - 1, width)
            column += width
        spanning = {c: span for c, span in spanning.items() if span[1] > 0}
        if any(cell.text for cell in cells):
            rows.append(tuple(cells))
    if not rows:
        return None
    caption = table.find("caption")
    caption_text = _collapse(caption.text_content()) if caption is not None else ""
    return Table(line=table.sourceline or 0, rows=tuple(rows), caption=caption_text or None)


def _html_cell(element: Any) -> TableCell:
    flow = _Flow()
    flow.walk(element, with_tail=False)
    flow.end_line()
    lines = [b for b in flow.blocks if isinstance(b, TextLine)]
    return TableCell(
        "\n".join(line.text for line in lines), lines[0].line if lines else element.sourceline or 0
    )


def _span(element: Any, attribute: str) -> int:
    """A cell's rowspan or colspan: 1 when missing or not a number; at most 1,000 (a page's
    rowspan="9999" means "to the end of the table")."""
    value = (element.get(attribute) or "").strip()
    return min(int(value), 1000) if value.isdigit() and int(value) > 0 else 1


# ---------------------------------------------------------------------------------------------
# .xlsx


@register(".xlsx", ".xlsm")
def read_xlsx(path: Path, data: bytes) -> Source:
    """A workbook (a task ledger, an indicator table): each sheet's title lines, then its table.

    Lines are the sheets' rows, numbered on from one sheet to the next (a one-sheet workbook's
    lines are its row numbers). A cell merged across a row is one cell; merged down a column, its
    value holds for every row it spans, as a rowspan's does in a web table.
    """
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)  # formulas' values, not formulas
    except zipfile.BadZipFile as exc:
        raise InputError(str(path), "not an .xlsx file (not a zip archive)") from exc
    except Exception as exc:  # openpyxl raises what its parts raise on a damaged workbook
        raise InputError(str(path), f"not an Excel workbook ({type(exc).__name__}: {exc})") from exc
    blocks: list[Block] = []
    offset = 0
    for sheet in book.worksheets:
        grid = _sheet_grid(sheet)
        rows = [
            (number, cells)
            for number, row in enumerate(grid, start=offset + 1)
            if any(cells := [text for text in row if text is not None])
        ]
        # The table runs from its first row of several cells to its last; the rows of one cell
        # before it (a title, 附件2) and after it (备注：…) are lines of text.
        wide = [i for i, (_, cells) in enumerate(rows) if sum(1 for text in cells if text) > 1]
        first, last = (wide[0], wide[-1]) if wide else (len(rows), -1)
        for i, (number, cells) in enumerate(rows):
            if i == first:
                table = tuple(tuple(TableCell(text, n) for text in row) for n, row in rows[first : last + 1])
                blocks.append(Table(line=number, rows=table))
            if not first <= i <= last:
                text = next(text for text in cells if text)
                blocks.append(TextLine(number, text, f"sheet {sheet.title}, row {number - offset}"))
        offset += len(grid)
    if not blocks:
        raise InputError(str(path), "workbook has no text")
    return _source(path, data, "xlsx", None, blocks)


def _sheet_grid(sheet: Any) -> list[list[str | None]]:
    """A sheet's cell texts by row; None where a merged cell spans across from its left."""
    grid: list[list[str | None]] = [[_cell_text(cell.value) for cell in row] for row in sheet.iter_rows()]
    for merged in sheet.merged_cells.ranges:
        value = grid[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row - 1, merged.max_row):
            for c in range(merged.min_col - 1, merged.max_col):
                grid[r][c] = value if c == merged.min_col - 1 else None
    return grid


def _cell_text(value: Any) -> str:
    """A cell's value as the document would write it: 1 not 1.0, a date as 2024年6月30日."""
    import datetime

    if value is None:
        return ""
    if isinstance(value, datetime.datetime | datetime.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# ---------------------------------------------------------------------------------------------
# .docx


@register(".docx")
def read_docx(path: Path, data: bytes) -> Source:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    try:
        document = docx.Document(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise InputError(str(path), "not a .docx file (not a zip archive)") from exc
    except (KeyError, PackageNotFoundError) as exc:
        raise InputError(str(path), f"not a Word document (missing part: {exc})") from exc
    except ValueError as exc:  # python-docx: another Office format renamed to .docx
        raise InputError(str(path), f"not a Word document ({exc})") from exc
    except etree.XMLSyntaxError as exc:
        raise InputError(str(path), f"corrupt .docx: malformed document XML ({exc})") from exc
    try:
        blocks = _docx_blocks(document)
    except Exception as exc:  # malformed tables make python-docx raise anything
        raise InputError(str(path), f"corrupt .docx: {type(exc).__name__}: {exc}") from exc
    if not any(isinstance(b, Table) or b.text.strip() for b in blocks):
        raise InputError(str(path), "document has no text")
    return _source(path, data, "docx", None, blocks)


def _docx_blocks(document: Any) -> list[Block]:
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    blocks: list[Block] = []
    ordinal = paragraphs = tables = 0
    marker = _DocxNumbering(document)
    for item in _docx_body_items(document.element.body, document):
        if isinstance(item, Paragraph):
            paragraphs += 1
            # A text box anchored in the paragraph (a 版头 set in one: 某县人民政府办公室文件)
            # holds paragraphs of its own, which the paragraph's text leaves out.
            for box in _text_boxes(item):
                ordinal += 1
                blocks.append(TextLine(ordinal, box, f"text box in paragraph {paragraphs}"))
            # A soft line break (Shift+Enter) separates lines a 公文 sets apart: keep them apart,
            # each a line of its own (a paragraph may hold a whole text pasted into it), its
            # origin the paragraph.
            for n, text in enumerate(_docx_text(item._p).split("\n")):
                ordinal += 1
                blocks.append(
                    TextLine(ordinal, marker(item) + text if n == 0 else text, f"paragraph {paragraphs}")
                )
        elif isinstance(item, DocxTable):
            tables += 1
            first = ordinal + 1
            rows: list[tuple[TableCell, ...]] = []
            for row in item.rows:
                ordinal += 1
                cells: list[TableCell] = []
                previous = None
                for cell in row.cells:
                    # python-docx repeats a horizontally merged cell once per grid column it spans.
                    if cell._tc is previous:
                        continue
                    previous = cell._tc
                    # Cells merged in Word keep each one's paragraphs, the empty ones too.
                    whole = "\n".join(_docx_text(p._p) for p in cell.paragraphs)
                    text = "\n".join(line for line in whole.split("\n") if line.strip())
                    cells.append(TableCell(text, ordinal))
                rows.append(tuple(cells))
            if rows:
                blocks.append(Table(line=first, rows=tuple(rows)))
    # Footnotes and endnotes (a note defining a term, 注：…) are in parts of their own, after the text.
    for kind, text in _docx_notes(document):
        ordinal += 1
        blocks.append(TextLine(ordinal, text, kind))
    return blocks


def _docx_notes(document: Any) -> Iterator[tuple[str, str]]:
    """The paragraphs of a Word document's footnotes and endnotes, each with what it is (footnote 1),
    in the order of the notes; the separators Word keeps among them are no notes."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    for part in document.part.package.iter_parts():
        kind = {"/word/footnotes.xml": "footnote", "/word/endnotes.xml": "endnote"}.get(str(part.partname))
        if kind is None:
            continue
        for note in parse_xml(part.blob).iterchildren(qn(f"w:{kind}")):
            if note.get(qn("w:type")) in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            for text in _paragraph_texts(note):
                yield f"{kind} {note.get(qn('w:id'))}", text


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# What a paragraph holds that is not its text as shown: its properties (tab stops are w:tab too),
# text deleted or moved away in tracked changes, text boxes (read apart), older readers' copies.
_DOCX_NOT_TEXT = frozenset(
    {
        f"{_W}pPr",
        f"{_W}rPr",
        f"{_W}del",
        f"{_W}moveFrom",
        f"{_W}txbxContent",
        "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
    }
)


def _docx_text(element: Any) -> str:
    """A Word paragraph's text as Word shows it: its runs, also those in tracked insertions,
    content controls, hyperlinks and fields (python-docx's Paragraph.text reads the paragraph's
    own runs and hyperlinks alone, and loses the others); tabs and soft line breaks as \\t and \\n."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        for child in node:
            tag = child.tag
            if tag == f"{_W}t":
                parts.append(child.text or "")
            elif tag == f"{_W}tab":
                parts.append("\t")
            elif tag == f"{_W}cr" or (tag == f"{_W}br" and child.get(f"{_W}type") in (None, "textWrapping")):
                parts.append("\n")
            elif isinstance(tag, str) and tag not in _DOCX_NOT_TEXT:
                walk(child)

    walk(element)
    return "".join(parts)


def _paragraph_texts(element: Any) -> Iterator[str]:
    """The text of each Word paragraph (w:p) inside ``element`` that holds any, in order."""
    from docx.oxml.ns import qn

    for paragraph in element.iter(qn("w:p")):
        text = _docx_text(paragraph)
        if text.strip():
            yield text


def _text_boxes(paragraph: Any) -> list[str]:
    """The lines of the text boxes anchored in a Word paragraph, in order. A box is written twice,
    for Word and for older readers (mc:Fallback): it is read once."""
    from docx.oxml.ns import qn

    # A box inside another box is read with it.
    skipped = {"{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback", qn("w:txbxContent")}
    lines: list[str] = []
    for box in paragraph._p.iter(qn("w:txbxContent")):
        if any(ancestor.tag in skipped for ancestor in box.iterancestors()):
            continue
        lines.extend(_paragraph_texts(box))
    return lines


class _DocxNumbering:
    """The number Word draws before a paragraph of an automatically numbered list (一、 （一）
    1. …), which is no part of the paragraph's text: the numbering definitions (numbering.xml)
    give each level's format and pattern, and a counter per list and level gives the number."""

    def __init__(self, document: Any) -> None:
        from docx.oxml.ns import qn

        self._qn = qn
        self._levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # numId → level → (start, format, text)
        self._counts: dict[str, dict[int, int]] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError):  # a document without lists has no numbering part
            return
        abstract: dict[str, dict[int, tuple[int, str, str]]] = {}
        for definition in numbering.findall(qn("w:abstractNum")):
            levels = {}
            for level in definition.findall(qn("w:lvl")):
                text = self._value(level, "w:lvlText") or ""
                # Word draws a tab after the number unless the level says otherwise (w:suff): kept
                # as a space after a number of several levels (1.1), which run into the text reads
                # as a decimal or a date (3.15消费者权益日).
                if re.fullmatch(r"(?:%\d\.)+%\d\.?", text) and self._value(level, "w:suff") != "nothing":
                    text += " "
                levels[int(level.get(qn("w:ilvl"), "0"))] = (
                    int(self._value(level, "w:start") or "1"),
                    self._value(level, "w:numFmt") or "decimal",
                    text,
                )
            abstract[definition.get(qn("w:abstractNumId"), "")] = levels
        for num in numbering.findall(qn("w:num")):
            self._levels[num.get(qn("w:numId"), "")] = abstract.get(
                self._value(num, "w:abstractNumId") or "", {}
            )

    @staticmethod
    def _style_numbering(paragraph: Any) -> Any:
        """The list a paragraph's style (or a style it is based on) puts it in: its numPr, or None."""
        try:
            style = paragraph.style
        except (KeyError, ValueError):  # a style the document names but does not define
            return None
        for _ in range(8):  # a chain of styles based on one another, never a loop
            if style is None:
                return None
            properties = style.element.pPr
            if properties is not None and properties.numPr is not None and properties.numPr.numId is not None:
                return properties.numPr
            style = style.base_style
        return None

    def _value(self, element: Any, tag: str) -> str | None:
        child = element.find(self._qn(tag))
        return None if child is None else child.get(self._qn("w:val"))

    def __call__(self, paragraph: Any) -> str:
        if not self._levels:
            return ""
        properties = paragraph._p.pPr
        numbered = properties.numPr if properties is not None else None
        # A paragraph of a numbered style (List Number, a heading style tied to a list) takes the
        # style's list, at the level the paragraph or the style gives.
        styled = self._style_numbering(paragraph) if numbered is None or numbered.numId is None else None
        numbered_id = numbered.numId if numbered is not None and numbered.numId is not None else None
        if numbered_id is None and styled is not None:
            numbered_id = styled.numId
        if numbered_id is None:
            return ""
        ilvl = numbered.ilvl if numbered is not None and numbered.ilvl is not None else None
        if ilvl is None and styled is not None:
            ilvl = styled.ilvl
        num, level = str(numbered_id.val), ilvl.val if ilvl is not None else 0
        levels = self._levels.get(num)
        if not levels or level not in levels:
            return ""  # numId 0 (numbering removed) or a list the document does not define
        counts = self._counts.setdefault(num, {})
        counts[level] = counts.get(level, levels[level][0] - 1) + 1
        for deeper in [d for d in counts if d > level]:
            del counts[deeper]  # a new item restarts the levels under it
        _, fmt, text = levels[level]
        if fmt in ("none", "bullet"):
            return ""
        for shown in range(level, -1, -1):
            if shown in levels:
                value = counts.get(shown, levels[shown][0])
                text = text.replace(f"%{shown + 1}", _formatted(value, levels[shown][1]))
        return text


def _formatted(number: int, fmt: str) -> str:
    """A list number in a Word number format: chineseCounting 三, decimalEnclosedCircle ③,
    decimalEnclosedParen ⑶, decimal 3."""
    if fmt.startswith(("chinese", "ideograph", "taiwanese", "japaneseCounting")):
        import cn2an

        return str(cn2an.an2cn(number))
    # Not at the top: numbering loads cn2an, which asking a question never needs.
    from .numbering import CIRCLED, PAREN_DIGITS

    enclosed = {"decimalEnclosedCircle": CIRCLED, "decimalEnclosedParen": PAREN_DIGITS}.get(fmt, "")
    return enclosed[number - 1] if 1 <= number <= len(enclosed) else str(number)


def _docx_body_items(element: Any, parent: Any) -> Iterator[Any]:
    """Body paragraphs and tables in document order, including those inside content controls."""
    from docx.oxml.ns import qn
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    for child in element.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, parent)
        elif child.tag == qn("w:tbl"):
            yield DocxTable(child, parent)
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _docx_body_items(content, parent)


# ---------------------------------------------------------------------------------------------
# .pdf


@register(".pdf")
def read_pdf(path: Path, data: bytes) -> Source:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    blocks: list[Block] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            line = 0
            edges: set[str] = set()  # the lines that opened or closed a page so far
            ending: Table | None = None  # the table the last page ended with
            for number, page in enumerate(pdf.pages, start=1):
                found = _pdf_page(page, f"page {number}", line, ending, edges)
                line += sum(len(b.rows) if isinstance(b, Table) else 1 for b in found)
                ending = _continue_table(blocks, found, ending, edges)
                blocks += found
                lines = [b.text.strip() for b in found if isinstance(b, TextLine)]
                edges.update(lines[:1] + lines[-1:])
        blocks = _markers_rejoined(_mark_running_heads(blocks))
    except Exception as exc:  # pdfminer raises many types on damaged files
        cause = exc.args[0] if type(exc).__name__ == "PdfminerException" and exc.args else exc
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise InputError(str(path), "PDF is encrypted (needs a password)") from exc
        reason = str(cause) or type(cause).__name__
        raise InputError(str(path), f"not a readable PDF ({reason})") from exc
    if not blocks:
        raise InputError(
            str(path),
            "PDF has no text layer (scanned PDF?): give it one with OCR first, e.g. `ocrmypdf -l chi_sim IN.pdf OUT.pdf`",
        )
    return _source(path, data, "pdf", None, blocks)


def _pdf_page(page: Any, origin: str, line: int, ending: Table | None, edges: set[str]) -> list[Block]:
    """A page's text lines and ruled tables, in their order down the page, numbered on from ``line``.

    A table drawn with rules (a grid of at least two rows and two columns) is read as a
    :class:`Table`; its cells' text wraps at the cell's width, so the pieces of a cell are joined
    as they are in the text (Chinese wraps without spaces). A page without one is read as text.
    One row is a table too when it opens the page below the last page's table (``ending``) with as
    many columns: the last row of that table, which the page break put on a page of its own; and
    when it closes the page: a table's header, its rows on the next page.
    """
    found = [t for t in page.find_tables() if max(len(r.cells) for r in t.rows) >= 2]
    tables = [
        t
        for t in found
        if len(t.rows) >= 2 or _opens_page(page, t, ending, edges) or _closes_page(page, t, edges)
    ]
    if not tables:
        texts = [(0.0, text) for text in (page.extract_text() or "").split("\n")]
    else:
        texts = [
            (found["top"], found["text"])
            for found in page.extract_text_lines()
            if not any(_within(found, table.bbox) for table in tables)
        ]
    placed: list[tuple[float, str | Any]] = [*texts, *((table.bbox[1], table) for table in tables)]
    blocks: list[Block] = []
    for _, item in sorted(placed, key=lambda placed_item: placed_item[0]):
        if isinstance(item, str):
            if item.strip():
                line += 1
                blocks.append(TextLine(line, item, origin))
            continue
        rows: list[tuple[TableCell, ...]] = []
        for cells in _cell_texts(item):
            line += 1
            rows.append(tuple(TableCell(_SPACES_IN_CELL.sub("", cell or ""), line) for cell in cells))
        blocks.append(Table(line=rows[0][0].line, rows=tuple(rows)))
    return blocks


_SPACES_IN_CELL = re.compile(r"\s*\n\s*")


def _cell_texts(table: Any) -> list[list[str | None]]:
    """The text of each cell of a pdfplumber table, row by row, as ``Table.extract`` reads it but
    that a character is the cell's its left edge is in, not its middle: a word processor lets
    punctuation hang past a cell's right edge (允许标点溢出边界), and a full-width 。 or ） at the end
    of a cell's line has its middle over the rule, in the next cell."""
    from pdfplumber.utils import extract_text

    def inside(char: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
        x0, top, x1, bottom = box
        middle = (char["top"] + char["bottom"]) / 2
        return x0 <= char["x0"] + _EDGE < x1 and top <= middle < bottom

    out: list[list[str | None]] = []
    for row in table.rows:
        chars = [char for char in table.page.chars if inside(char, row.bbox)]
        texts: list[str | None] = []
        for cell in row.cells:
            if cell is None:
                texts.append(None)
                continue
            held = [char for char in chars if inside(char, cell)]
            texts.append(extract_text(held) if held else "")
        out.append(texts)
    return out


_EDGE = 0.5  # points right of a character's left edge: where it is taken to stand


def _opens_page(page: Any, table: Any, ending: Table | None, edges: set[str]) -> bool:
    """Whether ``table`` is the first thing on its page but for page furniture, and as wide as the
    table the last page ended with."""
    from .metadata import is_page_furniture

    if ending is None or max(len(r.cells) for r in table.rows) != _width(ending):
        return False
    above = [found["text"].strip() for found in page.extract_text_lines() if found["bottom"] <= table.bbox[1]]
    return all(is_page_furniture(text) or text in edges for text in above)


def _closes_page(page: Any, table: Any, edges: set[str]) -> bool:
    """Whether ``table`` is the last thing on its page but for page furniture."""
    from .metadata import is_page_furniture

    below = [found["text"].strip() for found in page.extract_text_lines() if found["top"] >= table.bbox[3]]
    return all(is_page_furniture(text) or text in edges for text in below)


def _width(table: Table) -> int:
    return max(len(row) for row in table.rows)


def _continue_table(
    blocks: list[Block], page: list[Block], ending: Table | None, edges: set[str]
) -> Table | None:
    """Join the table a page opens with to the table the last page ended with (``ending``, the last
    of ``blocks`` that is a table), when it is as wide and brings no header of its own or repeats
    that table's: a task table runs on over pages. A row cut by the page break (its number cell
    empty under a numbered row) is joined to the row it goes on. Returns the table this page ends
    with, for the next page. Page furniture between the two stays where it is, as text."""
    from .metadata import is_page_furniture
    from .tables import rows_going_on

    def furniture(block: Block) -> bool:
        return isinstance(block, TextLine) and (is_page_furniture(block.text) or block.text.strip() in edges)

    body = [b for b in page if not furniture(b)]
    if body and isinstance(first := body[0], Table) and ending is not None:
        rows = rows_going_on(ending, first)
        if rows is not None:
            merged = Table(ending.line, _joined_rows(ending, list(rows)), ending.caption, ending.other_lines)
            blocks[next(i for i in range(len(blocks) - 1, -1, -1) if blocks[i] is ending)] = merged
            page[:] = [b for b in page if b is not first]
            body = body[1:]
            if not body:
                return merged
    return body[-1] if body and isinstance(body[-1], Table) else None


def _joined_rows(table: Table, rows: list[tuple[TableCell, ...]]) -> tuple[tuple[TableCell, ...], ...]:
    """The rows of ``table`` and then ``rows``; the first of ``rows`` joined to the last of
    ``table`` when a page break cut that row in two: the table numbers its rows and the first of
    ``rows`` has no number."""
    from .tables import header_kinds

    kinds = header_kinds([c.text for c in table.rows[0]]) or []
    if rows and "seq" in kinds and len(table.rows) >= 2 and len(rows[0]) == len(table.rows[-1]):
        seq = kinds.index("seq")
        last, cut = table.rows[-1], rows[0]
        if not cut[seq].text and last[seq].text:
            whole = tuple(TableCell(a.text + b.text, a.line) for a, b in zip(last, cut, strict=True))
            return (*table.rows[:-1], whole, *rows[1:])
    return (*table.rows, *rows)


_RUNNING_HEAD_CHARS = 40  # a header is a name or a title, not a paragraph's line
_ENDS_SENTENCE = re.compile(r"[。；;，,：:）)]$")  # text runs on over a page break; a header does not


# A line a page ends inside a marker: its opening bracket last, after a sentence's end
# (…（区市场监管局）。（), the rest of the marker opening the next line (九）深化…). After other text
# the bracket opens a reference (按（ / 三）要求), no marker.
_BRACKET_LAST = re.compile(r"(?:^|(?<=[。；;：:！？!?]))\s*[（(]\s*$")


def _markers_rejoined(blocks: list[Block]) -> list[Block]:
    """Blocks with a marker a line break cut in two ((… / 九）…) given whole to the line it opens."""
    out = list(blocks)
    for k in range(len(out) - 1):
        line, after = out[k], out[k + 1]
        if (
            isinstance(line, TextLine)
            and isinstance(after, TextLine)
            and (bracket := _BRACKET_LAST.search(line.text))
            and (marker := match_marker("（" + after.text.lstrip())) is not None
            and marker.kind in ("cn_paren", "arabic_paren")
        ):
            out[k] = TextLine(line.line, line.text[: bracket.start()], line.origin)
            out[k + 1] = TextLine(
                after.line, line.text[bracket.start() :].strip() + after.text.lstrip(), after.origin
            )
    return out


def _mark_running_heads(blocks: list[Block]) -> list[Block]:
    """Mark a line that opens or closes its page and already opened or closed an earlier one (a
    header or footer printed on every page: 梧川区人民政府办公室文件) as a running head, so that
    it is reported as page furniture instead of joining the text it falls in. Its first
    occurrence stays text: on the first page a header is the document's own 版头."""
    pages: dict[str, list[TextLine]] = {}
    for block in blocks:
        if isinstance(block, TextLine) and block.origin:
            pages.setdefault(block.origin, []).append(block)
    running: set[int] = set()
    for end in (0, -1):  # the tops of pages, then their feet
        seen: set[str] = set()
        for lines in pages.values():
            text = lines[end].text.strip()
            if text in seen and len(text) <= _RUNNING_HEAD_CHARS and not _ENDS_SENTENCE.search(text):
                running.add(lines[end].line)
            seen.add(text)
    return [
        TextLine(b.line, b.text, f"{b.origin}, {RUNNING_HEAD}")
        if isinstance(b, TextLine) and b.line in running
        else b
        for b in blocks
    ]


def _within(found: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    """Whether a text line lies inside a table's box (its middle, so that rules touching it do not count)."""
    x0, top, x1, bottom = box
    middle_x, middle_y = (found["x0"] + found["x1"]) / 2, (found["top"] + found["bottom"]) / 2
    return x0 <= middle_x <= x1 and top <= middle_y <= bottom
