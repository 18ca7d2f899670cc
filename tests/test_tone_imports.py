"""The tone modules' imports go one way: no cycle through the registry, VADER or its fast path."""

from __future__ import annotations

import ast

from conftest import ROOT

LIB = ROOT / "lib" / "newstone"
TONE = {"registry", "vader", "fastvader", "sentiment", "scorers", "calibrate", "explain", "trust", "clauses", "adapter"}


def _imports(module: str) -> set[str]:
    """newstone modules `module` imports anywhere in its code (function-level imports too)."""
    out = set()
    for node in ast.walk(ast.parse((LIB / f"{module}.py").read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("newstone."):
            out.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            out |= {a.name.split(".")[1] for a in node.names if a.name.startswith("newstone.")}
    return out - {module}


def test_no_import_cycle_through_the_tone_modules():
    graph = {m: _imports(m) for m in TONE}
    for start in TONE:
        seen, todo = set(), [start]
        while todo:
            for dep in graph.get(todo.pop(), set()) & TONE:
                assert dep != start, f"import cycle through {start}"
                if dep not in seen:
                    seen.add(dep)
                    todo.append(dep)


def test_registry_and_vader_import_no_scorer_module():
    assert _imports("registry") == set() and _imports("vader") == set()
    assert "sentiment" not in _imports("fastvader")
    assert "targets" not in _imports("scorers")  # the clause comes from newstone.clauses
