"""Plot primitives: reproducible PNGs in which article text is only ever drawn as plain text.

Labels in plots come from articles (actor names, site names, table columns). matplotlib would
read `$...$` in them as mathtext (and fail on `$x^$`); every plot here is drawn with mathtext
and TeX switched off, so a dollar sign is a dollar sign.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import io
import warnings
from typing import Any, Callable, Iterator, TypeVar

from newstone.reports.markup import esc

F = TypeVar("F", bound=Callable[..., Any])
PLAIN_TEXT = {"text.usetex": False, "text.parse_math": False}


class Png:
    """A PNG for notebook display, with no metadata that changes between runs, and alt text."""

    def __init__(self, data: bytes, alt: str = ""):
        self.data = data
        self.alt = alt

    def _repr_png_(self) -> tuple[bytes, dict[str, str]]:
        return self.data, {"alt": self.alt}

    def __repr__(self) -> str:
        return f"Png({self.alt!r})"


@contextlib.contextmanager
def quiet_glyphs() -> Iterator[None]:
    """No "Glyph ... missing from font" warning: a script the font lacks (CJK, private use) is
    drawn as boxes, and the warning would land in the report as a stderr block with our paths."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from font", category=UserWarning)
        yield


def plain_text(func: F) -> F:
    """Run a plotting function with matplotlib's Agg backend and no text interpretation."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        import matplotlib

        matplotlib.use("Agg")
        with matplotlib.rc_context(PLAIN_TEXT), quiet_glyphs():
            return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def figure_png(fig: Any, dpi: int = 110, alt: str | None = None) -> Png:
    """Render a matplotlib figure to reproducible PNG bytes and close it."""
    import matplotlib
    import matplotlib.pyplot as plt

    title = alt or (fig.axes[0].get_title() if fig.axes else "") or "plot"
    buf = io.BytesIO()
    with matplotlib.rc_context(PLAIN_TEXT), quiet_glyphs():
        for text in fig.findobj(matplotlib.text.Text):
            text.set_parse_math(False)
        fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return Png(buf.getvalue(), title)


def integer_axis(axis: Any) -> None:
    """Ticks at whole numbers only (counts, sentence numbers)."""
    from matplotlib.ticker import MaxNLocator

    axis.set_major_locator(MaxNLocator(integer=True))


TONE_TICKS = [-1.0, -0.5, 0.0, 0.5, 1.0]


def tone_axis(axis: Any) -> None:
    """A compound-tone axis from -1 to +1, ticked every 0.5 so its labels never crowd."""
    axis.set_ticks(TONE_TICKS)


def png_tag(png: Any, alt: str | None = None) -> str:
    """An inline <img> for a Png (pages built outside a notebook); other views as their markup."""
    if not hasattr(png, "data"):
        return str(png)
    return f'<img src="data:image/png;base64,{base64.b64encode(png.data).decode()}" alt="{esc(alt or png.alt)}">'
