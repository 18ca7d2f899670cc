"""How far to trust a report: the words every summary carries about its scorer.

A shared report is read as the truth about an article, so it names its scorer with that
scorer's held-out agreement with people (``data/accuracy.json``, the figures of
``benchmarks/ACCURACY.md``; a test keeps the two equal), how its words were explained, its
neutral band, what tone does not measure, and where a quote's tone and its sentence's tone
read differently.  Plain text in, plain text out: the report's views escape it.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

import pandas as pd

from newstone.tone.sentiment import tone_label

ACCURACY_FILE = "accuracy.json"

NOT_MEASURED = (
    "Tone measures wording, not facts, stance or fairness: it does not say whether a claim is true, "
    "whom the writer favours, or who is right, and \u201cforces were killed\u201d reads negative whoever "
    "reports it. Irony and sarcasm are read as worded, and a quote carries its speaker's tone, not the "
    "writer's. Read the marked words and the sentences, not only the number."
)

QUOTE_VS_SENTENCE = (
    "A quote's tone is scored on the speaker's own words only; the sentence it stands in is scored "
    "with the attribution and narration around it, so the two can differ."
)


@lru_cache(maxsize=1)
def accuracy_figures() -> dict[str, Any]:
    """The held-out figures per scorer, as shipped with the package."""
    ref = resources.files("newstone").joinpath("data", ACCURACY_FILE)
    return json.loads(ref.read_text(encoding="utf-8")) if ref.is_file() else {"scorers": {}}


def _f(value: Any) -> str:
    return "n/a" if value is None else f"{float(value):.2f}"


def scorer_figures(name: str) -> str:
    """One sentence: the scorer's held-out agreement with people, or that none is measured."""
    fig = accuracy_figures().get("scorers", {}).get(name)
    if not fig:
        return f"No held-out figures are recorded for the scorer {name}."
    return (
        f"On data it never trained on, {name} agrees with people as follows: sentence tone "
        f"Pearson r {_f(fig.get('snippets_r'))} (weighted F1 {_f(fig.get('snippets_f1w'))}) on held-out "
        f"review and tweet snippets, and r {_f(fig.get('lodo_movie_r'))} on a kind of text it was not trained "
        f"on (movie reviews left out; people agree with each other at about r 0.75); tone about an actor in "
        f"news sentences, macro-F1 {_f(fig.get('newsmtsc_macro_f1'))} on NewsMTSC (1.00 would be perfect, "
        f"0.33 chance)."
    )


def band_sentence(scorer: Any) -> str:
    """The neutral band in the scorer's own units and on the shared scale."""
    cal = getattr(scorer, "calibration", None)
    if cal is None:
        return ("This scorer is not calibrated: a sentence between \u22120.05 and +0.05 counts as neutral "
                "on its own scale.")
    lo, hi = cal.raw_band()
    return (f"Scores are calibrated onto people's scale (\u22121 to +1, a mean human rating / 4): a sentence "
            f"between \u22120.05 and +0.05 reads neutral, which for {cal.scorer} is a raw score between "
            f"{lo:+.3f} and {hi:+.3f}.")


def explanation_sentence(scorer: Any) -> str:
    from newstone.tone.explain import METHODS, explanation_method

    return f"Marked words and \u201cwords that drove the tone\u201d come from {METHODS[explanation_method(scorer)]}."


def statement(analysis: Any) -> list[str]:
    """The trust paragraphs of an article report, in reading order."""
    scorer = analysis.scorer_object
    parts = [scorer_figures(analysis.scorer)]
    if scorer is not None:
        parts += [band_sentence(scorer), explanation_sentence(scorer)]
    parts.append(NOT_MEASURED)
    return parts


def _sentence_of(quote: str, paragraph: int, sentences: pd.DataFrame) -> Any:
    """The first sentence of `paragraph` that holds the start of `quote`, else None."""
    probe = " ".join(str(quote).split()[:6])
    for row in sentences[sentences["paragraph"] == paragraph].itertuples(index=False):
        if probe and probe in " ".join(str(row.text).split()):
            return row
    return None


def quote_differences(analysis: Any) -> list[dict[str, Any]]:
    """Quotes whose tone label differs from their sentence's, with both compounds."""
    quotes, sentences = analysis.quotes, analysis.sentences
    if quotes.empty or sentences.empty or "compound" not in quotes:
        return []
    out = []
    for q in quotes.itertuples(index=False):
        row = _sentence_of(q.text, int(q.paragraph), sentences)
        if row is None:
            continue
        q_label, s_label = tone_label(float(q.compound)), tone_label(float(row.compound))
        if q_label != s_label:
            out.append({"quote": q.text, "speaker": q.speaker, "quote_compound": float(q.compound),
                        "quote_tone": q_label, "sentence_compound": float(row.compound), "sentence_tone": s_label})
    return out


def quote_note(analysis: Any) -> str | None:
    """Why quote and sentence tones differ in this report, or None when they agree everywhere."""
    diffs = quote_differences(analysis)
    if not diffs:
        return None
    n = len(diffs)
    return (f"{QUOTE_VS_SENTENCE} Here {n} quote{'s' if n != 1 else ''} read{'' if n != 1 else 's'} "
            f"differently from {'their sentences' if n != 1 else 'its sentence'}: "
            + "; ".join(f"{d['speaker'] or 'unknown'}: quote {d['quote_tone']} ({d['quote_compound']:+.3f}), "
                        f"sentence {d['sentence_tone']} ({d['sentence_compound']:+.3f})" for d in diffs) + ".")
