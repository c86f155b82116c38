"""The corpus of bad files (tests/fixtures/bad): each gives exactly the problems its manifest lists, never a dataset.

The files and manifest.json are written by scripts/make_bad_fixtures.py; one test checks the committed corpus is
byte for byte what the script writes, so a change of the reader or validator shows up as a failing case here and
a change of the cases shows up as a corpus to regenerate.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from gcmdash.ingest.issues import TO_CONFIRM, WARNINGS, IssueCode
from gcmdash.ingest.loading import load_files
from gcmdash.views import plausibility

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "bad"
GENERATOR = ROOT / "scripts" / "make_bad_fixtures.py"
MANIFEST = json.loads((CORPUS / "manifest.json").read_text("utf-8"))
CASES: list[dict] = MANIFEST["cases"]
STATUSES = {"unreadable", "invalid", "valid"}
MAX_FILE_BYTES = 50 * 1024

#: Problems the corpus must show at least once (the defects it was made to cover).
COVERED = {
    IssueCode.EMPTY_FILE,
    IssueCode.NOT_A_SPREADSHEET,
    IssueCode.LEGACY_XLS,
    IssueCode.ENCRYPTED_FILE,
    IssueCode.CORRUPT_FILE,
    IssueCode.XML_ENTITIES,
    IssueCode.SHEET_TOO_LARGE,
    IssueCode.BAD_ENCODING,
    IssueCode.MISSING_SHEET,
    IssueCode.OPTIONAL_SHEET_MISSING,
    IssueCode.IGNORED_SHEET,
    IssueCode.DUPLICATE_SHEET,
    IssueCode.EMPTY_SHEET,
    IssueCode.MISSING_COLUMN,
    IssueCode.UNKNOWN_COLUMN,
    IssueCode.DUPLICATE_COLUMN,
    IssueCode.EMPTY_HEADER,
    IssueCode.EMPTY_REQUIRED,
    IssueCode.WRONG_TYPE,
    IssueCode.BAD_DATE,
    IssueCode.BAD_URL,
    IssueCode.OUT_OF_RANGE,
    IssueCode.UNKNOWN_COUNTRY,
    IssueCode.AMBIGUOUS_COUNTRY,
    IssueCode.OBJECTIVE_OUT_OF_RANGE,
    IssueCode.BAD_OBJECTIVE,
    IssueCode.UNKNOWN_VALUE,
    IssueCode.DUPLICATE_ID,
    IssueCode.UNKNOWN_REFERENCE,
    IssueCode.INCONSISTENT_ROW,
    IssueCode.AMBIGUOUS_NUMBER,
    IssueCode.AMBIGUOUS_DATE,
    IssueCode.NOTES_ROW,
    IssueCode.TOTALS_ROW,
}

Position = tuple[str, "str | None", "int | None", "str | None"]


def _generator() -> ModuleType:
    """scripts/make_bad_fixtures.py as a module (scripts/ is not a package)."""
    name = "make_bad_fixtures"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, GENERATOR)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # its dataclasses look their module up while being defined
        try:
            spec.loader.exec_module(module)
        except BaseException:
            del sys.modules[name]
            raise
    return sys.modules[name]


def _files(case: dict) -> list[tuple[str, bytes]]:
    """The case's file, then the files it is loaded with (the rest of a complete set), as (name, bytes)."""
    names = [case["file"], *case.get("load_with", [])]
    return [(name, (CORPUS / name).read_bytes()) for name in names]


def _expected(items: list[dict]) -> set[Position]:
    return {(item["code"], item["sheet"], item["row"], item["column"]) for item in items}


def _found(result, *, errors: bool) -> set[Position]:
    return {(str(i.code), i.sheet, i.row, i.column) for i in result.issues if i.is_error is errors}


def _ids(cases: list[dict]) -> list[str]:
    return [case["file"] for case in cases]


# --------------------------------------------------------------------------------------------------------------
# The manifest itself


def test_manifest_is_well_formed_and_covers_the_defects():
    assert len(CASES) >= 25
    names = [case["file"] for case in CASES]
    assert len(names) == len(set(names))
    known = {str(code) for code in IssueCode}
    for case in CASES:
        assert case["status"] in STATUSES, case["file"]
        assert case["wrong"].strip(), case["file"]
        for item in case["errors"] + case["warnings"]:
            assert set(item) == {"code", "sheet", "row", "column"}, case["file"]
            assert item["code"] in known, (case["file"], item["code"])
        assert all(IssueCode(i["code"]) not in WARNINGS for i in case["errors"]), case["file"]
        assert all(IssueCode(i["code"]) in WARNINGS - TO_CONFIRM for i in case["warnings"]), case["file"]
        if case["status"] == "valid":
            assert not case["errors"], case["file"]
        else:
            assert case["errors"], case["file"]
        if case["status"] == "unreadable":  # the reader stops at the first problem and reports only it
            assert len(case["errors"]) == 1 and not case["warnings"], case["file"]
        for other in case.get("load_with", []):
            assert other in names and other != case["file"], case["file"]
    shown = {IssueCode(i["code"]) for case in CASES for i in case["errors"] + case["warnings"]}
    assert COVERED <= shown, COVERED - shown


def test_corpus_holds_only_small_files_named_in_the_manifest():
    on_disk = {p.name for p in CORPUS.iterdir()}
    assert on_disk == {case["file"] for case in CASES} | {"manifest.json"}
    for case in CASES:
        assert (CORPUS / case["file"]).stat().st_size <= MAX_FILE_BYTES, case["file"]


def test_committed_corpus_is_what_the_generator_writes(tmp_path):
    written = _generator().write(tmp_path / "bad")
    assert set(written) == {p.name for p in CORPUS.iterdir()}
    differ = sorted(name for name, data in written.items() if (CORPUS / name).read_bytes() != data)
    assert not differ, f"run scripts/make_bad_fixtures.py and commit: {differ} changed"
    # and building it again gives the same bytes (fixed timestamps, no compression)
    assert _generator().build_all() == written


def test_every_case_starts_from_a_valid_set():
    """Without its defect each case is valid: the base workbook (every dataset, one row) loads with no problem."""
    generator = _generator()
    result = load_files([("base.xlsx", generator.xlsx(generator.base_sheets()))], complete=True)
    assert result.issues == () and result.valid and result.dataset is not None


# --------------------------------------------------------------------------------------------------------------
# Every file


@pytest.mark.parametrize("case", CASES, ids=_ids(CASES))
def test_bad_file_gives_exactly_the_manifest_problems(case):
    result = load_files(_files(case), complete=True)
    assert _found(result, errors=True) == _expected(case["errors"])
    assert _found(result, errors=False) == _expected(case["warnings"])
    assert result.unreadable is (case["status"] == "unreadable")
    if case["status"] == "valid":
        # Decided to be acceptable (warnings only, or formula-looking text stored as text): see the manifest.
        assert result.valid and result.dataset is not None
    else:
        assert not result.valid
        assert result.error_count == len(case["errors"])
        assert result.dataset is None  # never applied


# --------------------------------------------------------------------------------------------------------------
# Plausibility against a published version

COMPARED = [case for case in CASES if case.get("against")]


def test_plausibility_cases_cover_every_concern():
    shown = {IssueCode(i["code"]) for case in COMPARED for i in case["concerns"]}
    assert shown == TO_CONFIRM
    assert any(not case["concerns"] for case in COMPARED)  # and a plausible update raises none


@pytest.mark.parametrize("case", COMPARED, ids=_ids(COMPARED))
def test_implausible_file_gives_exactly_the_manifest_concerns(case):
    published = load_files([(case["against"], (CORPUS / case["against"]).read_bytes())], complete=True).dataset
    upload = load_files(_files(case), complete=True)
    concerns = plausibility.upload_concerns(published, upload)
    assert {(str(i.code), i.sheet, i.row, i.column) for i in concerns} == _expected(case["concerns"])
    assert all(not i.is_error for i in concerns)  # read as written: confirmed, never refused


# --------------------------------------------------------------------------------------------------------------
# Publishing to the versioned store

BAD_CASES = [case for case in CASES if case["status"] != "valid"]
ACCEPTED_CASES = [case for case in CASES if case["status"] == "valid"]


def _fresh_store(tmp_path: Path):
    from gcmdash.store.versions import Store

    store = Store("sqlite:///" + str(tmp_path / "s.sqlite"))
    store.ensure_ready()
    return store


@pytest.mark.parametrize("case", BAD_CASES, ids=_ids(BAD_CASES))
def test_store_refuses_to_publish_bad_file(case, tmp_path):
    from gcmdash.store.records import PublishRefused

    store = _fresh_store(tmp_path)
    before = store.current_number()
    with pytest.raises(PublishRefused) as refusal:
        store.publish(_files(case), author="bad-fixtures test", note=case["file"])
    assert store.current_number() == before
    if refusal.value.result is not None:  # the refusal carries the same located problems
        assert _found(refusal.value.result, errors=True) == _expected(case["errors"])


@pytest.mark.parametrize("case", ACCEPTED_CASES, ids=_ids(ACCEPTED_CASES))
def test_store_publishes_the_files_decided_acceptable(case, tmp_path):
    store = _fresh_store(tmp_path)
    before = store.current_number()
    store.publish(_files(case), author="bad-fixtures test", note=case["file"])
    assert store.current_number() == before + 1
