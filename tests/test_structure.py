"""The project's own rules about where code lives."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PANDAS_WORK = re.compile(r"\bimport pandas\b|\bpd\.|\.groupby\(|\.merge\(|\.explode\(|\.pivot|\.agg\(")


def test_pages_are_thin():
    for page in [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]:
        offending = [line for line in page.read_text(encoding="utf-8").splitlines() if PANDAS_WORK.search(line)]
        assert offending == [], f"{page.name} does pandas work: {offending}"


STREAMLIT_LAYER = {"ui.py", "presenter.py"}


def test_only_ui_imports_streamlit():
    for module in sorted((ROOT / "gcmdash").glob("*.py")):
        text = module.read_text(encoding="utf-8")
        if module.name not in STREAMLIT_LAYER:
            assert not re.search(r"^\s*(import streamlit|from streamlit)", text, re.M), module.name


def _public_definitions(tree):
    """Module-level functions and classes, and the methods of public classes (nested helpers are private)."""
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_"):
            yield node
            if isinstance(node, ast.ClassDef):
                yield from (m for m in node.body if isinstance(m, ast.FunctionDef) and not m.name.startswith("_"))


def test_every_public_function_has_a_docstring():
    for module in sorted((ROOT / "gcmdash").glob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in _public_definitions(tree):
            assert ast.get_docstring(node), f"{module.name}: {node.name} has no docstring"
