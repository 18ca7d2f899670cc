"""Plots of article text in scripts the font lacks draw boxes quietly: matplotlib's missing-glyph
warning landed in reports as a stderr block with the server's paths (robustness sweep)."""

from __future__ import annotations

import warnings

from newstone.reports.plots import figure_png, plain_text


@plain_text
def _labelled_plot(labels: list[str]):
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.barh(labels, range(len(labels)))
    ax.set_title("$\\alpha$ \ue000 \u653f\u5e9c")
    return figure_png(fig)


def test_missing_glyphs_raise_no_warning_and_dollars_stay_text():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any warning fails the test
        png = _labelled_plot(["\ue000\uf8ff private", "\u653f\u5e9c\u8868\u793a", "$x^$ {{y}}"])
    assert png.data.startswith(b"\x89PNG") and png.alt == "$\\alpha$ \ue000 \u653f\u5e9c"
