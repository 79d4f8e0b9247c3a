"""The questions researchers ask, as query files, and the runner that answers them on any engine.

Each question is a pair of files in ``queries/``: ``NAME.rq`` (SPARQL, for the store) and
``NAME.cypher`` (Cypher, for LadybugDB and Neo4j), copyable into other tools as they are. Both open
with the same header of comment lines (``#`` in SPARQL, ``//`` in Cypher)::

    # Question: owns
    # Answers: Everything a department leads, is responsible for or supports …
    # Parameter department (text, argument): a name as written, canonical name or alias; "" for any
    # Parameter as_of (date, default today): …
    # Columns: name, role, via, document, ref, deadline, due, line, quote
    # Order: name, document, line, role
    # Computed: fsgraph.questions.overlaps

``Parameter`` lines give a name (``?name`` in SPARQL, ``$name`` in Cypher), a type (text, date,
number, integer), and flags: ``required``, ``argument`` (the CLI takes it as the positional
argument), ``default VALUE`` (``default today`` is the date of the run) and ``derived`` (the runner
computes it from another parameter, see :data:`DERIVED`). An optional text parameter
that is not given is ``""``, which the queries read as "any". ``Columns`` are the answer's columns;
``Order`` sorts it (``-column`` descending; missing values first), so every engine gives the same
rows in the same order. ``Computed`` names a function that turns the rows the query fetches into
the answer (similarity of task texts, networks with networkx); its ``Columns`` are the function's.

Queries that list facts use SELECT DISTINCT / RETURN DISTINCT: the store's default graph is the union
of its document graphs, in which a node that several documents describe (a policy both cite) has
its triples once per document.

SPARQL parameters are written into the query text as values (:mod:`fsgraph.sparql_params`), which
lets Oxigraph look them up in its indexes; :func:`query_text` gives the text so bound, which other
SPARQL engines run as it is (``fsgraph ask NAME … --show-query`` prints it).

Examples
--------
>>> [q.name for q in list_questions()][:3]
['clusters', 'collective-only', 'compare']
>>> question("owns").parameters[0].name
'department'
"""

from __future__ import annotations

import datetime
import gc
import importlib
import json
import os
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from . import engines, sparql_params, vocab
from .errors import QueryError
from .resources import data_dir
from .sparql_params import Label, Node
from .store import Rows

LANGUAGES = {"sparql": ".rq", "cypher": ".cypher"}
_COMMENT = {"sparql": "#", "cypher": "//"}
TYPES = ("text", "date", "number", "integer", "label", "node")
_NAME = re.compile(r"^[a-z][a-z0-9-]*$")
_PARAMETER = re.compile(r"^(?P<name>[a-z_][a-z0-9_]*)\s*(?:\((?P<flags>[^)]*)\))?\s*:\s*(?P<text>.*)$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str = "text"
    required: bool = False
    argument: bool = False  # the positional argument of `fsgraph ask NAME`
    derived: bool = False  # set by the runner from another parameter (see DERIVED), not by the user
    default: str | None = None  # as written in the header; "today" is the date of the run
    description: str = ""

    @property
    def option(self) -> str:
        """The CLI option: --as-of for as_of."""
        return "--" + self.name.replace("_", "-")


@dataclass(frozen=True)
class Question:
    name: str
    description: str  # one line
    parameters: tuple[Parameter, ...]
    columns: tuple[str, ...]
    order: tuple[str, ...] = ()
    computed: str | None = None  # "module.function" applied to the fetched rows
    files: dict[str, Path] = field(default_factory=dict)  # language → file

    def parameter(self, name: str) -> Parameter | None:
        return next((p for p in self.parameters if p.name == name), None)


def _header(text: str, marker: str) -> dict[str, list[str]]:
    """The ``Key: value`` lines of the leading comment block (indented lines continue a value)."""
    fields: dict[str, list[str]] = {}
    last: list[str] | None = None
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith(marker):
            break
        body = stripped[len(marker) :]
        content = body.strip()
        if not content:
            last = None
            continue
        key, sep, value = content.partition(":")
        if sep and re.fullmatch(r"[A-Z][a-z]+(?: [a-z_][a-z0-9_]*(?:\s*\([^)]*\))?)?", key.strip()):
            word = key.strip().split(" ", 1)
            if word[0] == "Parameter" and len(word) == 2:
                fields.setdefault("Parameter", []).append(f"{word[1]}: {value.strip()}")
            else:
                fields.setdefault(word[0], []).append(value.strip())
            last = fields[word[0]]
        elif last is not None and body[:1].isspace():
            last[-1] = f"{last[-1]} {content}"
    return fields


def _parameter(text: str, where: Path) -> Parameter:
    m = _PARAMETER.match(text)
    if not m:
        raise QueryError(f"{where}: cannot read the parameter line {text!r}")
    kind, required, argument, derived, default = "text", False, False, False, None
    for flag in (f.strip() for f in (m["flags"] or "").split(",") if f.strip()):
        if flag in TYPES:
            kind = flag
        elif flag == "required":
            required = True
        elif flag == "argument":
            argument = True
        elif flag == "derived":
            derived = True
        elif flag.startswith("default "):
            default = flag.removeprefix("default ").strip()
        else:
            raise QueryError(f"{where}: unknown flag {flag!r} of parameter {m['name']}")
    return Parameter(m["name"], kind, required, argument, derived, default, m["text"].strip())


def _list(value: list[str] | None) -> tuple[str, ...]:
    return tuple(c.strip() for c in ",".join(value or []).split(",") if c.strip())


def read_question(path: Path, language: str) -> Question:
    """The question a query file's header describes."""
    text = path.read_text(encoding="utf-8")
    fields = _header(text, _COMMENT[language])
    name = (fields.get("Question") or [path.stem])[0]
    if name != path.stem:
        raise QueryError(f"{path}: the header names the question {name!r}, the file {path.stem!r}")
    answers = fields.get("Answers")
    columns = _list(fields.get("Columns"))
    if not answers or not columns:
        raise QueryError(f"{path}: the header needs 'Answers:' and 'Columns:' lines")
    order = _list(fields.get("Order"))
    for column in order:
        if column.lstrip("-") not in columns:
            raise QueryError(f"{path}: Order names {column!r}, which is not a column")
    computed = fields["Computed"][0] if fields.get("Computed") else None
    return Question(
        name=name,
        description=answers[0],
        parameters=tuple(_parameter(p, path) for p in fields.get("Parameter", [])),
        columns=columns,
        order=order,
        computed=computed,
        files={language: path},
    )


@cache
def _catalogue(folder: Path) -> dict[str, Question]:
    questions: dict[str, Question] = {}
    for path in sorted(folder.glob("*.rq")):
        if not _NAME.match(path.stem):
            continue
        q = read_question(path, "sparql")
        cypher_file = path.with_suffix(".cypher")
        files = {"sparql": path}
        if cypher_file.is_file():
            other = read_question(cypher_file, "cypher")
            if (other.parameters, other.columns, other.order, other.computed) != (
                q.parameters,
                q.columns,
                q.order,
                q.computed,
            ):
                raise QueryError(f"the headers of {path.name} and {cypher_file.name} differ")
            files["cypher"] = cypher_file
        questions[q.name] = Question(
            q.name, q.description, q.parameters, q.columns, q.order, q.computed, files
        )
    return questions


def catalogue() -> dict[str, Question]:
    return _catalogue(data_dir("queries"))


def list_questions() -> list[Question]:
    """Every question, by name: its one-line description, parameters and columns."""
    return sorted(catalogue().values(), key=lambda q: q.name)


def question(name: str) -> Question:
    found = catalogue().get(name)
    if found is None:
        close = [n for n in catalogue() if n.startswith(name[:3])] if name else []
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise QueryError(f"unknown question {name!r}{hint}: `fsgraph ask --list` shows them all")
    return found


def load_query(name: str, language: str) -> str:
    """The text of a question's query in ``language`` (sparql or cypher)."""
    if language not in LANGUAGES:
        raise QueryError(f"unknown query language {language!r}: use sparql or cypher")
    path = question(name).files.get(language)
    if path is None:
        raise QueryError(f"the question {name!r} has no {language} query")
    return path.read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Parameters


def bind(q: Question, params: Mapping[str, Any] | None) -> dict[str, Any]:
    """Every parameter of ``q`` with its value: checked, converted to its type, defaults filled in."""
    given = {k.replace("-", "_"): v for k, v in (params or {}).items()}
    unknown = [k for k in given if q.parameter(k) is None]
    if unknown:
        known = ", ".join(p.name for p in q.parameters) or "none"
        raise QueryError(f"{q.name}: unknown parameter {unknown[0]!r} (parameters: {known})")
    values: dict[str, Any] = {}
    for p in q.parameters:
        if p.derived:
            continue
        value = given.get(p.name)
        if isinstance(value, str):
            value = value.strip()
        if value is None or value == "":
            if p.required:
                raise QueryError(f"{q.name}: the parameter {p.name} is required ({p.description})")
            value = p.default
        values[p.name] = _convert(q, p, value)
    for p in q.parameters:
        if p.derived:
            if p.name not in DERIVED:
                raise QueryError(f"{q.name}: no rule derives the parameter {p.name}")
            values[p.name] = _convert(q, p, DERIVED[p.name](values))
    return values


_LEVEL_PREFIXES = ("自治区", "省", "市", "州", "盟", "区", "县", "旗", "乡", "镇")


@cache  # the runner derives several parameters from one department
def department_form(text: str) -> tuple[str, str]:
    """A department's name as the alias table spells it, with ``{}`` where the place goes, and the
    level its prefix points at: how ``owns 市农业委员会`` finds 阜新市农业委员会, which no document
    writes that way. ``("", "")`` when the name is no known body.

    >>> department_form("市农委"), department_form("区市场监管局")
    (('{}农业委员会', '市'), ('{}市场监督管理局', '区'))
    >>> department_form("农委"), department_form("各县区政府")
    (('{}农业委员会', ''), ('', ''))
    >>> department_form("市场监管局"), department_form("市市场监管局")
    (('{}市场监督管理局', ''), ('{}市场监督管理局', '市'))
    """
    from .departments import Jurisdiction, resolve_department

    name = "".join(text.split())
    if not name:
        return "", ""
    dept = resolve_department(name, Jurisdiction())
    if dept.category is None or dept.collective or dept.jurisdiction:
        return "", ""  # unknown, a collective, or named with its own place (matched as written)
    # A level only where the name opens with one: 市场监管局 is the body's own name, not 市 + 场监管局.
    prefix = (
        next((p for p in _LEVEL_PREFIXES if name.startswith(p) and len(name) > len(p)), None)
        if dept.level
        else None
    )
    if prefix is None:
        return "{}" + dept.canonical, ""
    if prefix not in dept.canonical:
        return "", ""
    return dept.canonical.replace(prefix, "{}", 1), dept.level or ""


@cache
def department_kind(text: str) -> str:
    """The category of the body ``text`` names without its place (市农委 → agriculture), else ""."""
    from .departments import Jurisdiction, resolve_department

    if not department_form(text)[0]:
        return ""
    return resolve_department("".join(text.split()), Jurisdiction()).category or ""


def _category_node(category: str) -> str:
    return str(vocab.category_iri(category)) if category else NOTHING


def _node_of_kind(values: Mapping[str, Any]) -> str:
    """The category node to look departments up by: the kind of body the department names without
    its place, or the category asked for when no department is."""
    department = str(values.get("department") or "")
    return _category_node(department_kind(department) if department else str(values.get("category") or ""))


def _every(cls: str, *asked: str) -> Callable[[Mapping[str, Any]], str]:
    """The class whose members are all looked up when none of the parameters ``asked`` is given."""
    return lambda values: NOTHING if any(values.get(name) for name in asked) else cls


def _document_id(values: Mapping[str, Any]) -> str:
    """The id of the document asked for ("" for none): the file name without its suffix, so a
    known suffix (.txt, .docx…) is taken off a file name; an id is taken as it is."""
    from .readers import is_file_name

    document = str(values.get("document") or "")
    return document.rpartition(".")[0] if is_file_name(document) else document


def _title_search(values: Mapping[str, Any]) -> str:
    """The class whose titles are searched for the document asked for: none for a file name."""
    from .readers import is_file_name

    return NOTHING if is_file_name(str(values.get("document") or "")) else str(vocab.FS.Policy)


def _node_of_document(values: Mapping[str, Any]) -> str:
    document = _document_id(values)
    return str(vocab.document_iri(document)) if document else NOTHING


def _graph_of_document(values: Mapping[str, Any]) -> str | None:
    """The named graph of the document asked for; None (the query's variable stays, any graph) for none."""
    document = _document_id(values)
    return str(vocab.document_graph(document)) if document else None


def _node_of_category(values: Mapping[str, Any]) -> str:
    return _category_node(str(values.get("category") or ""))


# A node no graph holds: a lookup by it finds nothing (how a derived node parameter says "not this way").
NOTHING = str(vocab.FS) + "Nothing"

# Derived parameter → the rule that computes it from the other parameters' values.
DERIVED: dict[str, Callable[[Mapping[str, Any]], Any]] = {
    "department_form": lambda values: department_form(str(values.get("department") or ""))[0],
    "department_level": lambda values: department_form(str(values.get("department") or ""))[1],
    "department_name": lambda values: values.get("department") or "",
    "department_kind": _node_of_kind,
    "every_department": _every(str(vocab.FS.Department), "department", "category"),
    "every_collective": _every(str(vocab.FS.Collective), "department", "category"),
    "every_task": _every(str(vocab.FS.SourceDocument), "department", "category"),
    "category_node": _node_of_category,
    "document_graph": _graph_of_document,
    "document_node": _node_of_document,
    "document_title": lambda values: values.get("document") or "",
    "title_search": _title_search,
}


def _convert(q: Question, p: Parameter, value: Any) -> Any:
    if p.type == "label":
        return Label("" if value is None else str(value).strip())
    if p.type == "node":  # a derived node with no value leaves its variable free (matches any node)
        return None if value is None else Node(str(value))
    if p.type == "text":
        return "" if value is None else str(value).strip()
    if p.type == "date":
        if value is None or value == "today":
            return datetime.date.today().isoformat()
        text = value.isoformat() if isinstance(value, datetime.date) else str(value).strip()
        if not _DATE.match(text):
            raise QueryError(f"{q.name}: {p.name} must be a date YYYY-MM-DD, not {text!r}")
        try:
            datetime.date.fromisoformat(text)
        except ValueError:
            raise QueryError(f"{q.name}: {p.name} is no calendar date: {text!r}") from None
        return text
    convert: Callable[[Any], Any] = float if p.type == "number" else int
    if value is None:
        raise QueryError(f"{q.name}: the parameter {p.name} has no value and no default")
    try:
        return convert(value)
    except (TypeError, ValueError):
        raise QueryError(
            f"{q.name}: {p.name} must be {'a number' if p.type == 'number' else 'an integer'}, not {value!r}"
        ) from None


# ---------------------------------------------------------------------------------------------
# Running


def _used(text: str, language: str, names: list[str]) -> list[str]:
    """The parameters a query text refers to (an engine may refuse one it does not use)."""
    if language == "sparql":
        used = sparql_params.variables(text)
        return [n for n in names if n in used]
    return [n for n in names if re.search(r"\$" + re.escape(n) + r"\b", text)]


def _prepared(name: str, params: Mapping[str, Any] | None, language: str) -> tuple[str, dict[str, Any]]:
    """A question's query text in ``language`` and the values of the parameters it uses."""
    values = bind(question(name), params)
    text = load_query(name, language)
    return text, {k: values[k] for k in _used(text, language, list(values))}


def fetch(
    name: str,
    params: Mapping[str, Any] | None = None,
    engine: str = "oxigraph",
    store: str | os.PathLike[str] | None = None,
    **engine_options: Any,
) -> Rows:
    """The rows a question's query file gives on ``engine``, before any computation or ordering."""
    runner = engines.get(engine, store=store, **engine_options)
    text, used = _prepared(name, params, runner.language)
    return runner.query(text, used)


def query_text(name: str, params: Mapping[str, Any] | None = None, language: str = "sparql") -> str:
    """The query a question runs with ``params``, to read or to run elsewhere: SPARQL with the values
    written in as constants, as fsgraph runs it (any SPARQL 1.1 engine over the store's graphs, their
    union the default graph, answers it — responsibilities.rq needs Oxigraph's LATERAL); Cypher as
    the file is, its parameters as a JSON object on a comment line above it. The rows it gives are
    those the question's ``Computed`` function, if it has one, turns into the answer.
    """
    text, used = _prepared(name, params, language)
    if language == "sparql":
        return sparql_params.inline(text, used)
    return f"// parameters: {json.dumps(used, ensure_ascii=False)}\n{text}"


def run(
    name: str,
    params: Mapping[str, Any] | None = None,
    engine: str = "oxigraph",
    store: str | os.PathLike[str] | None = None,
    **engine_options: Any,
) -> Rows:
    """Answer the question ``name`` on ``engine`` (oxigraph, ladybug or neo4j).

    ``params`` are the question's parameters by name; ``engine_options`` go to the engine (for neo4j:
    ``uri``, ``user``, ``password``, ``database``). Raises :class:`QueryError` for an unknown question
    or a bad parameter.
    """
    q = question(name)
    values = bind(q, params)
    with _collector_paused():
        rows = fetch(name, values, engine, store, **engine_options)
        if q.computed:
            rows = _computation(q)(rows, values)
        if tuple(rows.variables) != q.columns:
            where = q.computed or f"the {engine} query"
            raise QueryError(
                f"{q.name}: {where} answered columns {', '.join(rows.variables)}, "
                f"not {', '.join(q.columns)} as its header says"
            )
        return sort_rows(rows, q.order)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while a question is answered.

    An answer is tens of thousands of new tuples that form no cycles; while they pile up the
    collector passes over them again and again, a quarter of the time of a question over the
    corpus that computes on many rows (overlaps at 1,000 documents, 1.2 → 0.9 s). Reference
    counting still frees what the answer drops, and the collector runs again afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _computation(q: Question) -> Callable[[Rows, dict[str, Any]], Rows]:
    assert q.computed is not None
    module, _, function = q.computed.rpartition(".")
    if not module.startswith("fsgraph."):
        raise QueryError(f"{q.name}: Computed must name a function of fsgraph, not {q.computed!r}")
    try:
        found = getattr(importlib.import_module(module), function)
    except (ImportError, AttributeError):
        raise QueryError(f"{q.name}: no function {q.computed}") from None
    return found  # type: ignore[no-any-return]


def _key(value: Any) -> tuple[int, Any]:
    if value is None:
        return (0, 0)
    if isinstance(value, bool | int | float):
        return (1, value)
    return (2, str(value))


def _descending(key: tuple[int, Any]) -> tuple[int, Any]:
    """A number's or missing value's key that sorts in the opposite order (missing values last);
    text has none (see :func:`_descending_keys`)."""
    kind, value = key
    return (1, -value) if kind == 1 else (2, 0)


_NONE = type(None)
_INFINITY = float("inf")


def _column_keys(values: tuple[Any, ...]) -> tuple[Any, ...] | list[Any]:
    """Sort keys of one column's values: the values themselves when all are text or all are
    numbers (they compare as their :func:`_key` would), else the keys.

    A missing value sorts first, so in a column of text it may stand as "" and in one of numbers
    as minus infinity when no value is that already (both are common: optional columns)."""
    kinds = set(map(type, values))
    if kinds <= {str} or kinds <= {int, float}:
        return values
    if kinds <= {str, _NONE} and "" not in values:
        return ["" if v is None else v for v in values]
    if kinds <= {int, float, _NONE} and -_INFINITY not in values:
        return [-_INFINITY if v is None else v for v in values]
    return list(map(_key, values))


def _descending_keys(values: tuple[Any, ...]) -> list[Any] | None:
    """Keys that sort a column's values in the opposite order (missing values last), or None when
    it holds text."""
    kinds = set(map(type, values))
    if kinds <= {int, float}:
        return [-v for v in values]
    if kinds <= {int, float, _NONE} and -_INFINITY not in values:
        return [_INFINITY if v is None else -v for v in values]
    keys = list(map(_key, values))
    return None if any(kind == 2 for kind, _ in keys) else list(map(_descending, keys))


def sort_rows(rows: Rows, order: tuple[str, ...] | list[str]) -> Rows:
    """Rows sorted by ``order`` (``-col`` descending, missing values first), then by every column,
    so that the order is total and the same whichever engine answered."""
    index = {name: i for i, name in enumerate(rows.variables)}
    columns = [(index[c.lstrip("-")], c.startswith("-")) for c in order]
    # Keys a column at a time: a column of text or numbers alone is its own key, and flat tuples
    # of them compare faster than tuples of (kind, value) pairs.
    values = list(zip(*rows.rows, strict=True)) or [() for _ in rows.variables]
    by_column = list(map(_column_keys, values))
    keys = list(zip(*by_column, strict=True))
    ordered: list[Any] = [_descending_keys(values[i]) if down else by_column[i] for i, down in columns]
    if all(k is not None for k in ordered):  # one sort by the order's columns, then every column
        composite = list(zip(*ordered, keys, strict=True))
        ranked = sorted(range(len(keys)), key=composite.__getitem__)
    else:  # a descending column holds text: stable sorts, its last column first
        ranked = sorted(range(len(keys)), key=keys.__getitem__)
        for i, down in reversed(columns):
            ranked.sort(key=lambda n, i=i: keys[n][i], reverse=down)  # type: ignore[misc]
    return Rows(list(rows.variables), [rows.rows[n] for n in ranked])
