"""The rows the corpus-wide questions fetch, read in Python: a task's holders, gathered by task and
counted (overlaps, compare, workload, hubs and clusters; see queries/README.md).

A fetched row is one task (the SPARQL groups its holders in one cell) or one holder of a task (the
Cypher gives one a row): the holders' cell lists each holder's role, department and any further
fields (category, region) joined by tabs, an empty field for a missing value, the holders joined
by newlines. These loops pass over every role of the corpus, and spend their time in dicts, sets
and str.split: compiled with mypyc they were no faster (75–92 against 70 ms for workload at 1,000
documents), and they are not.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

HOLDERS = "\n"  # between the holders of a task in one fetched row
FIELDS = "\t"  # between a holder's fields (role, department, …): names hold no whitespace

Holder = tuple[str | None, ...]


def holders(cell: str, split: dict[str, Holder] | None = None) -> list[Holder]:
    """The holders a fetched cell lists, each the tuple of its fields, None for an empty one.

    ``split`` keeps the holders already split (a department's holder repeats in every task it holds).

    >>> holders("lead\\t甲局\\nresponsible\\t乙局\\t")
    [('lead', '甲局'), ('responsible', '乙局', None)]
    """
    known = {} if split is None else split
    out: list[Holder] = []
    for holder in cell.split(HOLDERS):
        fields = known.get(holder)
        if fields is None:
            fields = known[holder] = tuple([field or None for field in holder.split(FIELDS)])
        out.append(fields)
    return out


def tasks(
    rows: list[tuple[Any, ...]], document: int, ref: int, text: int, cell: int
) -> dict[tuple[Any, Any], dict[str, Any]]:
    """Tasks of fetched rows (the columns at the indexes given), in order of (document, ref): text,
    holders (a set of tuples) and departments (a frozenset of the holders' departments)."""
    found: dict[tuple[Any, Any], dict[str, Any]] = {}
    split: dict[str, Holder] = {}
    for row in rows:
        key = (row[document], row[ref])
        task = found.get(key)
        if task is None:
            task = found[key] = {"text": row[text] or "", "holders": set()}
        task["holders"].update(holders(row[cell], split))
    for task in found.values():
        task["departments"] = frozenset([fields[1] for fields in task["holders"]])
    return {key: found[key] for key in sorted(found)}


def workload(
    rows: list[tuple[Any, ...]], document: int, ref: int, due: int, cell: int
) -> list[tuple[Any, ...]]:
    """Each department's distinct tasks by role, by document and by the year of the task's due date,
    as rows (name, region, by, value, tasks), from fetched rows whose holders are role, name, region.

    >>> fetched = [("a.txt", "1", "2025-06-30", "lead\\t甲局\\t\\nsupport\\t甲局\\t"), ("a.txt", "2", None, "lead\\t甲局\\t")]
    >>> sorted(workload(fetched, 0, 1, 2, 3), key=str)
    [('甲局', None, 'document', 'a.txt', 2), ('甲局', None, 'role', 'lead', 2), ('甲局', None, 'role', 'support', 1), ('甲局', None, 'year', '2025', 1), ('甲局', None, 'year', None, 1)]
    """
    # Departments, roles, documents and years are counted as numbers: each a number of its own on
    # first sight, a department's role (department × 3 + role) and a task's department among the
    # tasks of a document or a year (department × many + document), so that counting hashes ints.
    departments: dict[tuple[Any, Any], int] = {}
    role_names = ("lead", "responsible", "support")
    role_of = {name: n for n, name in enumerate(role_names)}
    holding: dict[str, int] = {}  # a holder's cell → department × 3 + role
    files: dict[Any, int] = {}
    dates: dict[Any, int] = {}
    held: dict[tuple[Any, Any], set[int]] = {}
    file_of: dict[tuple[Any, Any], int] = {}
    year_of: dict[tuple[Any, Any], int] = {}
    for row in rows:
        key = (row[document], row[ref])
        codes = held.get(key)
        if codes is None:
            codes = held[key] = set()
            file_of[key] = files.setdefault(row[document], len(files))
            date = row[due]
            year_of[key] = dates.setdefault(str(date)[:4] if date else None, len(dates))
        for holder in row[cell].split(HOLDERS):
            code = holding.get(holder)
            if code is None:
                role, name, region = holders(holder)[0]
                department = departments.setdefault((name, region), len(departments))
                code = holding[holder] = department * 3 + role_of[str(role)]
            codes.add(code)
    roles: list[int] = []
    in_files: list[int] = []
    in_years: list[int] = []
    many_files, many_years = len(files), len(dates)
    for key, codes in held.items():
        roles.extend(codes)
        # A department holding two roles on a task counts it once for its document and its year.
        for department in {code // 3 for code in codes}:
            in_files.append(department * many_files + file_of[key])
            in_years.append(department * many_years + year_of[key])
    names = list(departments)
    file_names, years = list(files), list(dates)
    out: list[tuple[Any, ...]] = []
    for code, n in Counter(roles).items():
        out.append((*names[code // 3], "role", role_names[code % 3], n))
    for code, n in Counter(in_files).items():
        out.append((*names[code // many_files], "document", file_names[code % many_files], n))
    for code, n in Counter(in_years).items():
        out.append((*names[code // many_years], "year", years[code % many_years], n))
    return out
