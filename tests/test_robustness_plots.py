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


def test_the_report_record_of_a_target_never_mentioned_is_json():
    """Its tone was NaN: jupyter_client warned "Out of range float values are not JSON compliant"
    into the rendered report."""
    import json

    from newstone.analyze import analyze_document
    from newstone.reports import views
    from newstone.text.decode import Document

    text = "Officials said the talks had collapsed. Critics welcomed the decision."
    analysis = analyze_document(Document(source="a.txt", text=text, sha256="0"), scorer="vader",
                                targets="Nobody Here;$x$|<b>x</b>")
    payload = views.record(analysis).payload
    json.dumps(payload, allow_nan=False)
    assert sorted(a[0] for a in payload["actors"]) == ["$x$", "Nobody Here"]
    assert all(a[2] is None for a in payload["actors"])
