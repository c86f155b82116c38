"""The project's own rules about where code lives."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PANDAS_WORK = re.compile(r"\bimport pandas\b|\bpd\.|\.groupby\(|\.merge\(|\.explode\(|\.pivot|\.agg\(")


def test_pages_are_thin():
    for page in [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]:
        offending = [line for line in page.read_text(encoding="utf-8").splitlines() if PANDAS_WORK.search(line)]
        assert offending == [], f"{page.name} does pandas work: {offending}"


PACKAGE = ROOT / "gcmdash"
MODULES = sorted(PACKAGE.rglob("*.py"))
#: The stages (docs/architecture.md); import-linter keeps their directions (pyproject.toml, `make test`).
STAGES = ("model", "ingest", "store", "views", "render", "ui", "cli")
#: About 400 lines: a module longer than this holds more than one concept.
MODULE_LINES = 420
PAGE_LINES = 60


def test_only_ui_imports_streamlit():
    for module in MODULES:
        text = module.read_text(encoding="utf-8")
        if module.parent.name != "ui":
            streamlit = re.search(r"^\s*(import streamlit|from streamlit)", text, re.M)
            assert not streamlit, module.relative_to(ROOT)


def test_every_stage_says_what_it_takes_gives_and_may_import():
    found = sorted(p.parent.name for p in PACKAGE.glob("*/__init__.py"))
    assert found == sorted(STAGES), "a new subpackage belongs in STAGES, docs/architecture.md and the contracts"
    for stage in STAGES:
        docstring = ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text(encoding="utf-8")))
        assert docstring and "May import:" in docstring, f"gcmdash/{stage}/__init__.py: what it may import"


def test_no_module_is_too_long_to_live_in():
    long = {
        str(m.relative_to(ROOT)): n
        for m in MODULES
        if (n := len(m.read_text(encoding="utf-8").splitlines())) > MODULE_LINES
    }
    assert not long, f"modules over {MODULE_LINES} lines (split them by concept): {long}"


def test_pages_stay_short():
    long = {p.name: n for p in (ROOT / "pages").glob("*.py") if (n := len(p.read_text().splitlines())) > PAGE_LINES}
    assert not long, f"pages over {PAGE_LINES} lines (move the work into gcmdash): {long}"


def _public_definitions(tree):
    """Module-level functions and classes, and the methods of public classes (nested helpers are private)."""
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_"):
            yield node
            if isinstance(node, ast.ClassDef):
                yield from (m for m in node.body if isinstance(m, ast.FunctionDef) and not m.name.startswith("_"))


def test_every_public_function_has_a_docstring():
    for module in MODULES:
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in _public_definitions(tree):
            assert ast.get_docstring(node), f"{module.name}: {node.name} has no docstring"


def _lint_imports(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_import_contracts_hold_and_would_catch_a_breach(tmp_path):
    kept = _lint_imports(ROOT)
    assert kept.returncode == 0, kept.stdout[-2000:]
    # The same tree with a renderer reaching up into the ui and a model module importing streamlit: both fail.
    shutil.copytree(PACKAGE, tmp_path / "gcmdash", ignore=shutil.ignore_patterns("__pycache__", "reference"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    for module, line in (
        ("render/charts.py", "from gcmdash.ui import blocks"),
        ("model/regions.py", "import streamlit"),
    ):
        path = tmp_path / "gcmdash" / module
        path.write_text(path.read_text(encoding="utf-8") + f"\n{line}  # noqa\n", encoding="utf-8")
    broken = _lint_imports(tmp_path)
    assert broken.returncode != 0
    assert "gcmdash.render.charts -> gcmdash.ui.blocks" in broken.stdout
    assert "gcmdash.model.regions -> streamlit" in broken.stdout


ARCHITECTURE = ROOT / "docs" / "architecture.md"


def test_the_architecture_doc_names_every_module_there_is():
    text = ARCHITECTURE.read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `(?:gcmdash/)?([a-z_0-9]+(?:/[a-z_0-9]+)?\.py)` \|", text, re.M))
    present = {str(m.relative_to(PACKAGE)) for m in MODULES if m.name != "__init__.py"}
    assert listed == present, f"missing from docs/architecture.md: {present - listed}; gone: {listed - present}"


def test_the_architecture_docs_notebook_example_runs(tmp_path):
    (example,) = re.findall(r"```python\n(.*?)```", ARCHITECTURE.read_text(encoding="utf-8"), re.S)
    code = "\n".join(line.removeprefix("  ") for line in example.splitlines())
    subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, check=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)}
    )
    assert (tmp_path / "p.html").stat().st_size > 1000
