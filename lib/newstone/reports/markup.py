"""The only way article text reaches HTML: escaped text inside fixed markup, with styles attached.

Article text is untrusted. Every string goes through `esc`, which also replaces characters that
have no business in HTML (NUL and other control characters) and isolates bidi controls so a
right-to-left override in an article cannot reorder the report around it. The only markup is
the fixed markup written in newstone's view modules.

Each displayed `Html` carries its own stylesheet, scoped under `.ns-view`, so a view looks the
same in JupyterLab, the classic notebook, VS Code and the rendered report.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Any, Iterable, Sequence

from newstone.tone.sentiment import tone_label

TONE_COLOURS = {"negative": "#c0392b", "neutral": "#7f8c8d", "positive": "#1e8449"}
VIEW_CLASS = "ns-view"
STYLE_MARKER = "ns-view-style"  # the renderer keeps one copy of the stylesheet per page

# C0/C1 controls other than tab and newlines: NUL reaches a browser as U+FFFD at best.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Embeddings, overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI).
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_FSI, _PDI = "\u2068", "\u2069"


def isolate_bidi(text: str) -> str:
    """Confine bidi controls to the text they came with.

    The text is wrapped in an isolate (FSI ... PDI); a PDI that would close that isolate early is
    dropped, and isolates the text leaves open are closed. A PDI ends every embedding and
    override opened inside its isolate, so nothing outside the text is reordered.
    """
    if not _BIDI.search(text):
        return text
    out, depth = [], 0
    for ch in text:
        if ch in "\u2066\u2067\u2068":
            depth += 1
        elif ch == _PDI:
            if depth == 0:
                continue
            depth -= 1
        out.append(ch)
    return _FSI + "".join(out) + _PDI * (depth + 1)


def clean_text(value: Any) -> str:
    """Text safe to place in HTML once escaped: controls replaced, bidi controls isolated."""
    text = "" if value is None else str(value)
    return isolate_bidi(_CONTROLS.sub("\ufffd", text))


def plain_line(value: Any) -> str:
    """Text for places that show no markup and no direction (a page title): controls removed."""
    return _BIDI.sub("", _CONTROLS.sub("", "" if value is None else str(value)))


def esc(value: Any) -> str:
    """Escape anything for HTML text and attribute contexts."""
    return html.escape(clean_text(value), quote=True)


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 document', '3 documents' (or the irregular plural given)."""
    return f"{n} {word if n == 1 else many or word + 's'}"


@lru_cache(maxsize=1)
def view_css() -> str:
    """The views' stylesheet, every rule under `.ns-view`."""
    from importlib import resources

    return resources.files("newstone").joinpath("templates/newstone/views.css").read_text(encoding="utf-8")


def style_block() -> str:
    return f'<style class="{STYLE_MARKER}">\n{view_css()}</style>'


class Html:
    """Markup for notebook display; construct it only from `esc`-aped pieces and fixed tags.

    `str()` gives the bare markup (to compose views); displayed, it is wrapped in a `.ns-view`
    block with its stylesheet, so it needs nothing from the page around it.
    """

    def __init__(self, markup: str):
        self.markup = markup

    def _repr_html_(self) -> str:
        return standalone(self.markup)

    def __str__(self) -> str:
        return self.markup

    def __repr__(self) -> str:
        return "Html(...)"


def standalone(markup: str) -> str:
    """Markup wrapped with the styles it needs, scoped so they cannot leak into the page."""
    return f'<div class="{VIEW_CLASS}">{style_block()}{markup}</div>'


def fmt_score(value: float) -> str:
    return f"{value:+.3f}"


def tone_badge(compound: float) -> str:
    label = tone_label(compound)
    return f'<span class="ns-badge ns-{label}">{esc(fmt_score(compound))} {esc(label)}</span>'


def table(rows: Iterable[Sequence[Any]], headers: Sequence[str], raw_columns: Iterable[int] = (),
          nowrap_columns: Iterable[int] = ()) -> Html:
    """An HTML table; cells are escaped unless their column index is in `raw_columns`.

    Raw columns must hold markup newstone built (badges, highlighted text). Cells in
    `nowrap_columns` keep to one line (figures such as "0.12 / 0.80 / 0.08").
    """
    raw, nowrap = set(raw_columns), set(nowrap_columns)

    def cell(i: int, value: Any, tag: str = "td") -> str:
        attr = ' class="ns-nowrap"' if i in nowrap else ""
        return f"<{tag}{attr}>{value if i in raw else esc(value)}</{tag}>"

    head = "".join(cell(i, h, "th") for i, h in enumerate(headers))
    body = "".join("<tr>" + "".join(cell(i, v) for i, v in enumerate(row)) + "</tr>" for row in rows)
    return Html(f'<table class="ns-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>')


def frame_table(frame: Any, float_format: str = "{:+.3f}") -> Html:
    """A DataFrame as an escaped table, floats formatted for reading."""
    rows = [
        [float_format.format(v) if isinstance(v, float) else v for v in row]
        for row in frame.itertuples(index=False)
    ]
    return table(rows, [str(c) for c in frame.columns])


def highlight(text: str, drivers: Sequence[dict[str, Any]]) -> str:
    """The sentence with its driver words marked; escaped text, fixed <mark> tags."""
    valence: dict[str, float] = {}
    for d in drivers:
        valence.setdefault(str(d["word"]).lower(), float(d["valence"]))
    if not valence:
        return esc(text)
    words = sorted(valence, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w])(" + "|".join(re.escape(w) for w in words) + r")(?![\w])", re.IGNORECASE)
    out, last = [], 0
    for m in pattern.finditer(text):
        v = valence.get(m.group(0).lower(), 0.0)
        kind = "pos" if v > 0 else "neg"
        out.append(esc(text[last:m.start()]))
        out.append(f'<mark class="ns-{kind}" title="{esc(fmt_score(v))}">{esc(m.group(0))}</mark>')
        last = m.end()
    out.append(esc(text[last:]))
    return "".join(out)


def highlight_span(text: str, start: int, end: int) -> str:
    """Escaped text with one span marked (the target of a target-level label)."""
    return f"{esc(text[:start])}<mark>{esc(text[start:end])}</mark>{esc(text[end:])}"


def maybe(value: Any, fmt: str = "{:+.3f}") -> str:
    """A number formatted, or a dash when it is missing (None or NaN)."""
    if value is None or (isinstance(value, float) and value != value):
        return "–"
    return fmt.format(value)


def heading(text: str) -> Html:
    return Html(f"<h1>{esc(text)}</h1>")


def subheading(text: str) -> Html:
    return Html(f"<h3>{esc(text)}</h3>")


PAGE_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def page(title: str, body: str) -> str:
    """A standalone HTML page with the report styles and the same strict CSP as reports."""
    from importlib import resources

    css = resources.files("newstone").joinpath("templates/newstone/report.css").read_text(encoding="utf-8")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f'<meta http-equiv="Content-Security-Policy" content="{PAGE_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">\n'
        f"<title>{esc(title)}</title>\n<style>\n"
        "body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1f2933; }\n"
        f"{css}</style>\n{style_block()}\n</head>\n<body>\n"
        f'<main class="jp-RenderedHTMLCommon {VIEW_CLASS}">\n{body}\n</main>\n</body>\n</html>\n'
    )
