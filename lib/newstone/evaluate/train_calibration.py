"""The recipe of ``calibration.json``: every scorer's compound mapped onto people's scale.

Isotonic maps and neutral bands (`newstone.tone.calibrate`) fitted on the snippets' train split
only, after the other artefacts exist, since vader-news, lexicon and minilm are calibrated as
trained.  It is kept apart from the scorers' own recipes because it trains no scorer: it maps the
raw scores of those already trained.
"""

from __future__ import annotations

from typing import Any, Sequence

import pandas as pd

from newstone.evaluate.fitting import domain_weights, log


# ==========================================================================
# calibration: every scorer's compound onto people's scale (newstone.tone.calibrate)
# ==========================================================================


CALIBRATED = ("vader", "vader-news", "lexicon", "minilm")


def train_calibration(data: dict[str, pd.DataFrame], names: Sequence[str] = CALIBRATED) -> dict[str, Any]:
    """Isotonic maps and neutral bands fitted on the snippets' train split only (datasets weighted
    equally); a scorer whose extra is missing is left out (and keeps its raw scale)."""
    from newstone.tone.calibrate import calibrations_json, fit_calibration
    from newstone.tone.sentiment import get_scorer, scorer_installed

    snip = data["snippets_train"]
    texts, weights = snip["text"].tolist(), domain_weights(snip)
    fitted = []
    for name in names:
        if not scorer_installed(name):
            log(f"calibration: {name} not installed, skipped")
            continue
        raw = [r["compound"] for r in get_scorer(name).score_many(texts)]
        cal = fit_calibration(name, raw, snip["rating"].to_numpy(), weights,
                              fitted_on=f"VADER-format train split ({len(snip)} snippets, datasets weighted equally)")
        lo, hi = cal.raw_band()
        log(f"calibration: {name}: {len(cal.x)} knots, band +-{cal.band} (raw {lo:+.3f} .. {hi:+.3f})")
        fitted.append(cal)
    return calibrations_json(fitted, method="isotonic regression of rating / 4 on the raw compound (scikit-learn), "
                                           "band chosen by macro-F1 against people's neutral (|rating| < 0.2), "
                                           "stretched onto +-0.05")
