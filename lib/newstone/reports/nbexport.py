"""What the `newstone` nbconvert template does to a notebook before it becomes a reader's page.

The template's `conf.json` names `ReaderView`, so `newstone render` and a plain
`jupyter nbconvert --template newstone` give the same page:

- cells tagged `notebook-only` (instructions for someone running the notebook) are dropped;
- the machine-readable summary a report displays for the index is dropped;
- the views' stylesheet, which travels with every output for notebook front ends, is kept once
  per page (the template includes it) instead of once per output;
- NUL and other control characters that slipped into outputs become U+FFFD (the page title
  loses them, and bidi controls too);
- a report with several sections gets a table of contents: in-page links, no script. Sections
  are the `##` headings of Markdown cells and the headings views draw for sections shown only
  when there is something in them (`newstone.reports.corpus_views.section`).
"""

from __future__ import annotations

import html
import re
from typing import Any

from nbconvert.preprocessors import Preprocessor

from newstone.reports.article_views import SUMMARY_MIME
from newstone.reports.markup import STYLE_MARKER, clean_text, plain_line

NOTEBOOK_ONLY = "notebook-only"
TOC_MIN_SECTIONS = 3
_STYLE = re.compile(rf'<style class="{STYLE_MARKER}">.*?</style>', re.S)
_SECTION = re.compile(r"^##[ \t]+(.+?)[ \t#]*$", re.M)
_VIEW_SECTION = re.compile(r'<h2 class="ns-section">(.*?)</h2>', re.S)  # escaped text, from corpus_views.section


def section_id(title: str, taken: set[str]) -> str:
    """A stable, unique fragment id for a section title."""
    base = "s-" + (re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "section")
    name, n = base, 2
    while name in taken:
        name, n = f"{base}-{n}", n + 1
    taken.add(name)
    return name


def _plain(title: str) -> str:
    """Heading text without Markdown emphasis or code marks."""
    return re.sub(r"[*_`]", "", title).strip()


def _clean_output(out: Any) -> None:
    data = out.get("data") or {}
    for mime, value in list(data.items()):
        if isinstance(value, str) and mime.startswith("text/"):
            value = clean_text(value) if mime == "text/plain" else value.replace("\x00", "\ufffd")
            data[mime] = _STYLE.sub("", value) if mime == "text/html" else value
    if isinstance(out.get("text"), str):
        out["text"] = clean_text(out["text"])


def table_of_contents(sections: list[tuple[str, str]]) -> str:
    items = "".join(f'<li><a href="#{html.escape(i)}">{html.escape(t)}</a></li>' for i, t in sections)
    return f'<div class="ns-view"><nav class="ns-toc" aria-label="Contents"><strong>Contents</strong><ol>{items}</ol></nav></div>'


class ReaderView(Preprocessor):
    """Turn an executed notebook into what a reader of the report should see (see module doc)."""

    def preprocess(self, nb: Any, resources: Any) -> tuple[Any, Any]:
        import nbformat

        if nb.metadata.get("title"):
            nb.metadata["title"] = plain_line(nb.metadata["title"])
        nb.cells = [c for c in nb.cells if NOTEBOOK_ONLY not in c.get("metadata", {}).get("tags", [])]
        taken: set[str] = set()
        sections: list[tuple[str, str]] = []
        first_section = None
        for index, cell in enumerate(nb.cells):
            if cell.get("cell_type") == "code":
                cell["outputs"] = [o for o in cell.get("outputs", []) if SUMMARY_MIME not in (o.get("data") or {})]
                for out in cell["outputs"]:
                    _clean_output(out)
                    data = out.get("data") or {}
                    if isinstance(data.get("text/html"), str) and _VIEW_SECTION.search(data["text/html"]):
                        def view_anchor(m: re.Match[str]) -> str:
                            title = html.unescape(m.group(1))
                            ident = section_id(title, taken)
                            sections.append((ident, title))
                            return f'<h2 class="ns-section" id="{ident}">{m.group(1)}</h2>'

                        data["text/html"] = _VIEW_SECTION.sub(view_anchor, data["text/html"])
                        first_section = index if first_section is None else first_section
            elif cell.get("cell_type") == "markdown":
                def anchor(m: re.Match[str]) -> str:
                    title = _plain(m.group(1))
                    ident = section_id(title, taken)
                    sections.append((ident, title))
                    return f'<h2 id="{ident}">{html.escape(title)}</h2>'

                source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
                new = _SECTION.sub(anchor, source)
                if new != source:
                    cell["source"] = new
                    first_section = index if first_section is None else first_section
        if len(sections) >= TOC_MIN_SECTIONS and first_section is not None:
            toc = nbformat.v4.new_raw_cell(table_of_contents(sections), metadata={"newstone": "contents"})
            toc["id"] = "newstone-contents"
            nb.cells.insert(first_section, toc)
        return nb, resources
