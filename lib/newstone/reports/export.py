"""From an executed notebook to a self-contained HTML report (nbconvert with our template).

Export is deterministic: what changes from run to run (cell ids, timings, kernel details,
execution counts) is removed first, so the same inputs give the same bytes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parents[1]
TEMPLATES_DIR = PACKAGE_DIR / "templates"
SUMMARY_MIME = "application/vnd.newstone.summary+json"  # what the notebook's last cell displays for the index


def skip_iri_grammar() -> None:
    """Keep jsonschema from building the RFC 3987 grammar (about 1 s at import).

    nbformat imports jsonschema, which builds that grammar only to check the "iri" string
    format; notebook schemas never use it, so rendering does not need it.
    """
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


def pop_summary(nb: Any) -> dict[str, Any]:
    """Take the machine-readable summary the notebook displayed out of the outputs."""
    found: dict[str, Any] = {}
    for cell in nb.cells:
        outputs = cell.get("outputs", [])
        keep = []
        for out in outputs:
            data = out.get("data", {})
            if SUMMARY_MIME in data:
                payload = data[SUMMARY_MIME]
                found.update(json.loads(payload) if isinstance(payload, str) else dict(payload))
                continue
            keep.append(out)
        if outputs:
            cell["outputs"] = keep
    return found


def make_reproducible(nb: Any) -> Any:
    """Remove what changes from run to run: random cell ids, timings, kernel details."""
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i:03d}"
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if cell.get("cell_type") == "code":
            cell["execution_count"] = None
            for out in cell.get("outputs", []):
                if "execution_count" in out:
                    out["execution_count"] = None
    nb.metadata.pop("papermill", None)
    nb.metadata.pop("widgets", None)  # live widget state needs a kernel; reports show static views
    return nb


_EXPORTERS: dict[bool, Any] = {}


def _exporter(show_code: bool) -> Any:
    """One exporter per process and setting: loading the template costs more than a conversion."""
    if show_code not in _EXPORTERS:
        skip_iri_grammar()
        from nbconvert import HTMLExporter

        _EXPORTERS[show_code] = HTMLExporter(
            template_name="newstone",
            extra_template_basedirs=[str(TEMPLATES_DIR)],
            exclude_input=not show_code,
            exclude_input_prompt=True,
            exclude_output_prompt=True,
            exclude_anchor_links=True,
        )
    return _EXPORTERS[show_code]


def export_html(nb: Any, show_code: bool = False, title: str | None = None) -> str:
    """Self-contained HTML: our template, code hidden unless asked for, no external loads."""
    if title:
        nb.metadata["title"] = title
    body, _ = _exporter(bool(show_code)).from_notebook_node(make_reproducible(nb))
    return body
