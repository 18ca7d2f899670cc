"""Tone: how positive or negative a piece of text reads.

In: strings (sentences, quotes, a sentence with a marked mention). Out: VADER-style scores
(neg/neu/pos/compound), calibrated, with the words that drove them. The scorer registry resolves a
name to a scorer object once; VADER with its fast path, the trained lexicon and MiniLM scorers,
calibration and explanations live here. Depends on `newstone.text` only.
"""
