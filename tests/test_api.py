"""Parallel extraction: worker processes give what a loop in one process gives, in the same order."""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from fsgraph import api
from fsgraph.cli import cli
from fsgraph.errors import FsgraphError, InputError
from fsgraph.extraction import extract_path
from fsgraph.model import Document

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import generate_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Forty synthetic documents in the five layouts, and two files that cannot be read."""
    folder = tmp_path_factory.mktemp("synthetic")
    generate_corpus(40, folder, seed=3)
    (folder / "00010_empty.txt").write_text("", encoding="utf-8")
    (folder / "00030_binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    return folder


def _name(path: Path) -> str:
    return path.name


def _fails_on_seven(path: Path) -> str:
    if path.name.startswith("00007"):
        raise InputError(str(path), "seven")
    return path.name


def _crashes(path: Path) -> str:
    raise ZeroDivisionError(path.name)


def _where(path: Path) -> tuple[str, int]:
    """The file's name and the process that saw it; slow in the test's own process (which no
    process started), so that the workers have started long before it could do every file itself."""
    if multiprocessing.parent_process() is None:
        time.sleep(0.5)
    return path.name, os.getpid()


def test_parallel_extraction_gives_the_same_json_as_serial(corpus: Path) -> None:
    serial, serial_errors = api.extract_many([corpus], jobs=1)
    parallel, parallel_errors = api.extract_many([corpus], jobs=2)
    assert len(serial) == 40
    assert json.dumps([d.to_json() for d in parallel], ensure_ascii=False) == json.dumps(
        [d.to_json() for d in serial], ensure_ascii=False
    )
    assert [str(e) for e in parallel_errors] == [str(e) for e in serial_errors]
    assert [Path(e.path).name for e in parallel_errors] == ["00010_empty.txt", "00030_binary.txt"]  # type: ignore[attr-defined]


def test_documents_from_workers_equal_those_extracted_here_field_for_field(corpus: Path) -> None:
    # Documents come back from workers pickled as their fields' values (model._pickled_as_arguments):
    # a field left out or misplaced would show here, also one the JSON does not print.
    files = sorted(corpus.iterdir())
    serial = [d for d in api.map_files(extract_path, files, jobs=1) if isinstance(d, Document)]
    parallel = api.map_files(extract_path, files, jobs=2, head_start=False)  # every file a worker's
    assert [d for d in parallel if isinstance(d, Document)] == serial
    assert any(d.tasks and d.departments and d.targets for d in serial)


def test_extraction_leaves_the_cyclic_collector_as_it_found_it(corpus: Path) -> None:
    import gc
    import weakref

    documents, _ = api.extract_many([corpus], jobs=1)
    assert gc.get_freeze_count() == 0  # the documents were frozen while they piled up, then thawed
    # and a document dropped is freed by refcounting alone: it makes no reference cycle
    gc.disable()
    try:
        dropped = weakref.ref(documents[0])
        del documents
        assert dropped() is None
    finally:
        gc.enable()


def _frozen(path: Path) -> tuple[int, int]:
    import gc

    return os.getpid(), gc.get_freeze_count()


def _interrupts_ignored(path: Path) -> bool:
    import signal

    return signal.getsignal(signal.SIGINT) == signal.SIG_IGN


def test_workers_leave_ctrl_c_to_the_process_that_started_them(corpus: Path) -> None:
    files = sorted(corpus.iterdir())  # enough for a pool (api.MIN_PARALLEL_FILES)
    ignored = list(api.map_files(_interrupts_ignored, files, jobs=2, chunksize=4, head_start=False))
    assert ignored == [True] * len(files)
    assert not _interrupts_ignored(files[0])  # this process still stops on Ctrl-C


def test_a_worker_freezes_what_it_holds_after_its_first_task(corpus: Path) -> None:
    files = sorted(corpus.iterdir())
    seen: dict[int, list[int]] = {}
    for pid, frozen in api.map_files(_frozen, files, jobs=2, chunksize=1, head_start=False):
        seen.setdefault(pid, []).append(frozen)
    assert os.getpid() not in seen
    for counts in seen.values():
        assert counts[0] == 0 and all(n > 0 for n in counts[1:])


@pytest.mark.parametrize("chunksize", [1, 3, 8])
def test_map_files_keeps_the_input_order_and_puts_errors_in_place(corpus: Path, chunksize: int) -> None:
    files = sorted(corpus.iterdir())
    results = list(
        api.map_files(_fails_on_seven, files, jobs=2, chunksize=chunksize, ahead=5, head_start=False)
    )
    assert len(results) == len(files)
    for file, result in zip(files, results, strict=True):
        if file.name.startswith("00007"):
            assert isinstance(result, InputError) and result.path == str(file)
        else:
            assert result == file.name


def test_an_unexpected_error_in_a_worker_propagates(corpus: Path) -> None:
    with pytest.raises(ZeroDivisionError):
        list(api.map_files(_crashes, sorted(corpus.iterdir()), jobs=2, head_start=False))


def test_a_consumer_that_stops_early_stops_the_workers(corpus: Path) -> None:
    results = api.map_files(_name, sorted(corpus.iterdir()), jobs=2, chunksize=2, head_start=False)
    assert next(results).startswith("00000")
    results.close()  # shuts the pool down; must not hang


def test_this_process_works_on_the_first_files_while_the_workers_start(corpus: Path) -> None:
    files = sorted(corpus.iterdir())
    results = list(api.map_files(_where, files, jobs=2, chunksize=8))
    assert [name for name, _ in results] == [f.name for f in files]
    here = [name for name, pid in results if pid == os.getpid()]
    # the first three set its pace, and a slow pace starts the workers then, not after a chunk
    assert here[:3] == [f.name for f in files[:3]]
    assert len(here) < 8
    assert {pid for _, pid in results} - {os.getpid()}  # and the workers took the rest over
    # and without a head start, the workers do every file
    pool_only = list(api.map_files(_where, files[:16], jobs=2, chunksize=1, head_start=False))
    assert os.getpid() not in {pid for _, pid in pool_only}


def _crashes_here_on_the_fourth(path: Path) -> str:
    """Slow on the first three files in the test's own process (so that workers are started), and
    an error on the fourth, which this process works on while they start."""
    if multiprocessing.parent_process() is None:
        if path.name[:5] in ("00000", "00001", "00002"):
            time.sleep(0.5)
        elif path.name.startswith("00003"):
            raise ZeroDivisionError(path.name)
    return path.name


def test_an_error_in_this_process_stops_the_starting_workers(corpus: Path) -> None:
    with pytest.raises(ZeroDivisionError, match="00003"):
        list(api.map_files(_crashes_here_on_the_fourth, sorted(corpus.iterdir()), jobs=2))


def test_an_error_in_the_first_files_is_raised_before_any_worker_starts(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a pool was started")

    monkeypatch.setattr(api, "ProcessPoolExecutor", no_pool)
    with pytest.raises(ZeroDivisionError):
        list(api.map_files(_crashes, sorted(corpus.iterdir()), jobs=2))


def test_few_files_or_one_job_run_in_this_process(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a pool was started")

    monkeypatch.setattr(api, "ProcessPoolExecutor", no_pool)
    files = sorted(corpus.iterdir())
    assert list(api.map_files(_name, files, jobs=1)) == [f.name for f in files]
    few = files[: api.MIN_PARALLEL_FILES - 1]
    assert list(api.map_files(_name, few, jobs=2)) == [f.name for f in few]
    # many files, but this process would be done with them before workers were ready
    assert list(api.map_files(_name, files, jobs=2)) == [f.name for f in files]
    with pytest.raises(ValueError, match="at least 1"):
        list(api.map_files(_name, files, jobs=0))


def test_errors_of_worker_processes_pickle() -> None:
    import pickle

    error = pickle.loads(pickle.dumps(InputError("a.txt", "file is empty")))
    assert isinstance(error, InputError) and isinstance(error, FsgraphError)
    assert (error.path, error.reason, str(error)) == ("a.txt", "file is empty", "a.txt: file is empty")


def test_json_entries_make_the_list_json_dump_writes() -> None:
    values = [{"text": "明厨亮灶\u2028第二行\x85第三行\n", "n": [1, 2]}, "二", []]
    joined = "[\n" + ",\n".join(map(api.json_entry, values)) + "\n]"
    assert joined == json.dumps(values, ensure_ascii=False, indent=1)


def test_cli_extract_jobs(corpus: Path) -> None:
    runner = CliRunner()
    one = runner.invoke(cli, ["extract", str(corpus), "--jobs", "1"])
    two = runner.invoke(cli, ["extract", str(corpus), "-j", "2"])
    assert one.exit_code == two.exit_code == InputError.exit_code  # the two unreadable files
    assert one.stdout == two.stdout and len(json.loads(two.stdout)) == 40
    assert one.stderr == two.stderr
    # The workers' JSON texts make the list json.dump writes of the documents themselves.
    documents, _ = api.extract_many([corpus], jobs=1)
    assert two.stdout == json.dumps([d.to_json() for d in documents], ensure_ascii=False, indent=1) + "\n"
    assert two.stderr.count("tasks, ") == 40
    summary = runner.invoke(cli, ["extract", str(corpus), "-j", "2", "--format", "summary"])
    assert summary.stdout == "" and summary.stderr == two.stderr
    nothing = runner.invoke(cli, ["extract", str(corpus / "00010_empty.txt"), "-j", "2"])
    assert nothing.exit_code == InputError.exit_code and nothing.stdout == "[]\n"
    bad = runner.invoke(cli, ["extract", str(corpus), "--jobs", "0"])
    assert bad.exit_code == 2 and "--jobs" in bad.stderr


def test_every_synthetic_document_gets_the_place_its_title_or_issuer_names(corpus: Path) -> None:
    docs, _ = api.extract_many([corpus], jobs=1)
    assert len(docs) == 40
    for doc in docs:
        named = [doc.title or "", doc.issuer or ""]  # apart: no match across the two
        assert doc.jurisdiction and any(doc.jurisdiction in text for text in named), (doc.doc, named)


def test_fsgraph_extract_is_the_function_whatever_else_is_imported() -> None:
    # The package's extract() shared its name with the module that extracts, and importing that
    # module (any store or API call does) replaced the function with it on the package.
    import fsgraph
    import fsgraph.api
    import fsgraph.extraction
    import fsgraph.store

    doc = fsgraph.extract(str(ROOT / "examples" / "dongchuan_opinion.txt"))
    assert doc.doc == "dongchuan_opinion.txt" and doc.tasks
