"""A faster VADER with the same numbers as nltk's `SentimentIntensityAnalyzer.polarity_scores`.

nltk's analyzer spends most of its time in `SentiText._words_plus_punc`, which builds, for every
sentence, a dictionary of every word glued to each of 17 punctuation strings only to strip one
punctuation run off a token; the rest goes to repeated `.lower()` calls, a `regex`-engine call
and one Python function call per word even for the ~80 % of words not in the lexicon.

`FastVader` computes the same thing more directly:

* tokens: a token loses its leading (or trailing) punctuation exactly when nltk's dictionary
  would have mapped it: the run is one of VADER's `PUNC_LIST` strings and what is left has no
  ASCII punctuation and at least two characters;
* a plain sentence, with no token with which a rule can apply (booster, negation, "but",
  "least", idiom word, ...: `FastVader._score_text`), is summed from its lexicon values;
* in any other, only lexicon words get a valence computed (every other word scores 0 in nltk
  too), a repeated token reuses its first occurrence's (nltk looks tokens up by first index),
  and the rules (capitals, boosters up to three words back, negation, "never so", idioms,
  "least", "but", punctuation emphasis) are nltk's code, step for step, with the same
  floating-point operations in the same order: the results are equal, not just close;
* optionally, a bounded cache of recent sentences (`cache_size`, off by default).

The lexicon is the one `newstone.tone.sentiment.VaderScorer` gives nltk (vadersentiment's file) and
the constants are nltk's, copied in `newstone.tone.vader.StockConstants` so that worker processes
need not import nltk (1.5 s each); or both come from an nltk analyzer passed in. If the
punctuation handling is not the stock one, `FastVader` calls nltk for every text
(`exact_fast_path` is False) rather than risk a different number. tests/test_fastvader.py checks
the constants against nltk's and the scores on tricky, random and generated sentences (both
paths) and all VADER ground-truth snippets. `VaderScorer.score_many` goes through `FastVader`
whenever it can vouch for the analyzer; `polarity_scores` stays nltk's, the reference.
"""

from __future__ import annotations

import math
import re
import string
from itertools import compress, count
from typing import Any, Callable, Collection, Iterable

from newstone.tone.vader import StockConstants, stock_lexicon

__all__ = ["FastVader", "fast_vader"]

_ASCII_PUNCT = string.punctuation
_ASCII_PUNCT_SET = frozenset(_ASCII_PUNCT)
_COMMON_IDIOM_WORDS = frozenset("the of to bad right just hand cut death".split())
_CONTEXT_WORDS = frozenset(["never", "so", "this"])  # nltk's "never so/this" and "so/this" rules compare them as written
_HAS_ASCII_PUNCT = re.compile(f"[{re.escape(_ASCII_PUNCT)}]")
_STRIPPED_TOKENS = 100_000  # tokens with punctuation at an end remembered with their word (~15 MB at most)


class FastVader:
    """VADER scores equal to nltk's, several times faster; same interface as `VaderScorer`.

    `FastVader()` uses the vadersentiment lexicon and nltk's constants (copied, see
    `StockConstants`) without importing nltk; `FastVader(analyzer)` takes the lexicon and
    constants of an nltk `SentimentIntensityAnalyzer`, such as `VaderScorer().analyzer`.
    `self.analyzer` is that nltk analyzer (built on first use when not given); texts that are
    not `str` go to it unchanged.

    Two options serve analyzers that differ from nltk's only in their data and one rule (the
    `vader-news` scorer): `lexicon`, another parsed lexicon with nltk's constants (without
    `analyzer`), and `zero_positions(text)`, the token positions whose lexicon word scores 0 in
    that text, as an nltk subclass returns 0 from `sentiment_valence` there. Such a FastVader
    needs `fallback`, the nltk analyzer with the same lexicon and rule, for texts that are not `str`.
    """

    name = "vader"

    def __init__(self, analyzer: Any = None, cache_size: int = 0, lexicon: dict[str, float] | None = None,
                 zero_positions: Callable[[str], Collection[int]] | None = None,
                 fallback: Callable[[], Any] | None = None):
        self._analyzer = analyzer
        self._fallback = fallback
        self._zero_positions = zero_positions
        if analyzer is None:
            c: Any = StockConstants()
            self.lexicon: dict[str, float] = stock_lexicon() if lexicon is None else lexicon
        else:
            c = analyzer.constants
            self.lexicon = analyzer.lexicon
        self._booster: dict[str, float] = dict(c.BOOSTER_DICT)
        self._negate = frozenset(c.NEGATE)
        self._idioms: dict[str, float] = dict(c.SPECIAL_CASE_IDIOMS)
        # One word of every idiom and two-word booster ("kind of"), its longest: a sentence with
        # none of them holds no idiom, so nltk's _idioms_check cannot change a valence there.
        self._idiom_markers = frozenset(
            max(key.split(), key=len) for key in list(self._idioms) + [k for k in self._booster if " " in k]
        )
        self._punc = frozenset(c.PUNC_LIST)
        # Lowered words with which a rule can change a lexicon word's valence: a sentence without
        # them (and without "n't", "never"/"so"/"this" or a lexicon word in capitals) is summed
        # plainly. An idiom (or two-word booster) needs all its words: one of each, the least
        # common in news, stands for it.
        idiom_words = [min(key.split(), key=lambda w: (w in _COMMON_IDIOM_WORDS, -len(w)))
                       for key in list(self._idioms) + [k for k in self._booster if " " in k]]
        self._rule_words = frozenset([k.lower() for k in list(self._booster) + list(self._negate) + idiom_words]
                                     + ["but", "least", "kind"])
        self._plain = zero_positions is None
        self._c_incr = c.C_INCR
        self._n_scalar = c.N_SCALAR
        self._b_decr = c.B_DECR
        self._normalize = c.normalize
        self.exact_fast_path = self._punctuation_is_stock(c)
        self.cache_size = max(0, int(cache_size))
        self._cache: dict[str, tuple[float, float, float, float]] = {}
        self._stripped: dict[str, str] = {}

    @property
    def analyzer(self) -> Any:
        """nltk's SentimentIntensityAnalyzer with the same lexicon (the reference, and the fallback)."""
        if self._analyzer is None:
            if self._fallback is not None:
                self._analyzer = self._fallback()
            else:
                from newstone.tone.vader import nltk_analyzer

                self._analyzer = nltk_analyzer()
        return self._analyzer

    @staticmethod
    def _punctuation_is_stock(constants: Any) -> bool:
        """The fast tokenizer assumes nltk's punctuation regex removes exactly string.punctuation."""
        rx = constants.REGEX_REMOVE_PUNCTUATION
        pattern = getattr(rx, "pattern", None)
        if pattern != f"[{re.escape(string.punctuation)}]":
            return False
        probe = "".join(chr(c) for c in range(0x3000)) + "\U0001f600"
        return rx.sub("", probe) == "".join(ch for ch in probe if ch not in _ASCII_PUNCT_SET)

    # --- public interface -----------------------------------------------------------------

    def polarity_scores(self, text: str) -> dict[str, float]:
        neg, neu, pos, compound = self._scores(text)
        return {"neg": neg, "neu": neu, "pos": pos, "compound": compound}

    def score_many(self, texts: Iterable[str]) -> list[dict[str, float]]:
        scores = self._scores
        out = []
        for text in texts:
            neg, neu, pos, compound = scores(text)
            out.append({"neg": neg, "neu": neu, "pos": pos, "compound": compound})
        return out

    def score_tuples(self, texts: Iterable[str]) -> list[tuple[float, float, float, float]]:
        """(neg, neu, pos, compound) per text: the cheapest form for building columns."""
        if self.cache_size or not self.exact_fast_path:
            scores = self._scores
            return [scores(t) for t in texts]
        score_text, scores = self._score_text, self._scores
        return [score_text(t) if type(t) is str else scores(t) for t in texts]

    def token_valences(self, text: str) -> list[tuple[str, float]]:
        """Each token with its valence after VADER's rules, as `VaderScorer.token_valences` gives."""
        if not isinstance(text, str) or not self.exact_fast_path:
            from newstone.tone.vader import token_valences

            return token_valences(self.analyzer, text)
        words, sentiments = self._sentiments(text)
        return list(zip(words, (float(s) for s in sentiments)))

    def valences_and_scores(self, text: str) -> tuple[list[tuple[str, float]], dict[str, float]]:
        """`token_valences(text)` and `polarity_scores(text)` from one pass over the text."""
        if not isinstance(text, str) or not self.exact_fast_path:
            valences = self.token_valences(text)
            return valences, self.analyzer.score_valence([v for _, v in valences], text)
        words = self._tokens(text)
        lw, hits, values, bi = self._hit_valences(words, text)
        sentiments = self._spread(len(words), hits, values, bi)
        neg, neu, pos, compound = self._sift(text, len(words), len(hits), values) if words else (0.0, 0.0, 0.0, 0.0)
        return (list(zip(words, (float(s) for s in sentiments))),
                {"neg": neg, "neu": neu, "pos": pos, "compound": compound})

    # --- the computation -------------------------------------------------------------------

    def _scores(self, text: str) -> tuple[float, float, float, float]:
        cache = self._cache
        if self.cache_size:
            hit = cache.get(text)
            if hit is not None:
                return hit
        if not isinstance(text, str) or not self.exact_fast_path:
            d = self.analyzer.polarity_scores(text)
            result = (d["neg"], d["neu"], d["pos"], d["compound"])
        else:
            result = self._score_text(text)
        if self.cache_size:
            if len(cache) >= self.cache_size:
                cache.clear()  # cheap bound; a news corpus repeats within a document batch
            cache[text] = result
        return result

    def _tokens(self, text: str) -> list[str]:
        """nltk's SentiText.words_and_emoticons, without the product dictionary."""
        punct, known, strip = _ASCII_PUNCT_SET, self._stripped.get, self._strip_punctuation
        return [
            (known(t) or strip(t)) if (t[0] in punct or t[-1] in punct) else t
            for t in text.split()
            if len(t) > 1
        ]

    def _strip_punctuation(self, t: str) -> str:
        """A token with one PUNC_LIST string glued before (or after) a word loses it, as in nltk.

        Remembered per token (news repeats "said," and "year."): a bounded dict, emptied when full.
        """
        if len(self._stripped) >= _STRIPPED_TOKENS:
            self._stripped = {}
        self._stripped[t] = word = self._strip_once(t)
        return word

    def _strip_once(self, t: str) -> str:
        if t[0] in _ASCII_PUNCT_SET:
            rest = t.lstrip(_ASCII_PUNCT)
            if len(rest) > 1 and t[: len(t) - len(rest)] in self._punc and (rest.isalnum() or not _HAS_ASCII_PUNCT.search(rest)):
                return rest
        else:
            rest = t.rstrip(_ASCII_PUNCT)
            # isalnum(): letters and digits only, so no punctuation (the usual "word,"), without the regex
            if len(rest) > 1 and t[len(rest):] in self._punc and (rest.isalnum() or not _HAS_ASCII_PUNCT.search(rest)):
                return rest
        return t

    def _hit_valences(self, words: list[str], text: str, lw: list[str] | None = None,
                      mask: list[bool] | None = None) -> tuple[list[str], list[int], list[Any], int]:
        """(lowered words, lexicon positions, their valences after all rules, index of "but" or -1).

        Every other position has valence 0 in nltk (an unknown word, a booster, "kind of"), and
        "but" only scales valences, so only the positions of lexicon words need work.
        """
        lexicon = self.lexicon
        if lw is None:
            lw = list(map(str.lower, words))
        hits = list(compress(count(), mask if mask is not None else map(lexicon.__contains__, lw)))  # C-level loops
        if not hits:
            return lw, hits, [], -1
        n = len(words)
        booster = self._booster
        # Whether some but not all words are in capitals: worked out only when a word in capitals matters.
        is_cap_diff = None
        idioms_possible = hits[-1] >= 3 and not self._idiom_markers.isdisjoint(words)  # nltk tries idioms at i >= 3
        first: dict[str, int] | None = None
        zeros = self._zero_positions(text) if self._zero_positions is not None else ()
        done: dict[int, Any] = {}
        values: list[Any] = []
        for idx in hits:
            # nltk scores every token at its first occurrence's index
            if not idx:
                i = 0
            elif n <= 64:
                i = words.index(words[idx])
            else:
                if first is None:
                    first = {}
                    for k in range(n - 1, -1, -1):
                        first[words[k]] = k
                i = first[words[idx]]
            valence = done.get(i)
            if valence is None:
                item_lower = lw[i]
                if item_lower in booster or (item_lower == "kind" and i < n - 1 and lw[i + 1] == "of") or i in zeros:
                    valence = 0
                else:
                    if is_cap_diff is None and (words[i].isupper() or (i > 0 and words[i - 1].isupper())
                                                or (i > 1 and words[i - 2].isupper()) or (i > 2 and words[i - 3].isupper())):
                        is_cap_diff = 0 < n - sum(map(str.isupper, words)) < n
                    valence = self._valence(words, lw, i, bool(is_cap_diff), idioms_possible)
                done[i] = valence
            values.append(valence)
        bi = lw.index("but") if "but" in lw else -1
        if bi >= 0:
            # nltk's _but_check: halve what comes before the first "but", add half to what follows
            values = [v * 0.5 if idx < bi else v * 1.5 if idx > bi else v for idx, v in zip(hits, values)]
        return lw, hits, values, bi

    def _sentiments(self, text: str) -> tuple[list[str], list[Any]]:
        """The tokens and every token's valence after all of nltk's rules (for token_valences)."""
        words = self._tokens(text)
        lw, hits, values, bi = self._hit_valences(words, text)
        return words, self._spread(len(words), hits, values, bi)

    @staticmethod
    def _spread(n: int, hits: list[int], values: list[Any], bi: int) -> list[Any]:
        """Every token's valence: the lexicon positions' values, zeros elsewhere (floats after a "but")."""
        zero_before, zero_after = (0.0, 0.0) if bi >= 0 else (0, 0)
        sentiments: list[Any] = [zero_before if k < bi else 0 if k == bi else zero_after for k in range(n)]
        for idx, v in zip(hits, values):
            sentiments[idx] = v
        return sentiments

    def _valence(self, words: list[str], lw: list[str], i: int, is_cap_diff: bool, idioms_possible: bool) -> Any:
        """nltk's sentiment_valence for a lexicon word at index i (its first occurrence)."""
        lexicon, booster = self.lexicon, self._booster
        c_incr, n_scalar = self._c_incr, self._n_scalar
        item = words[i]
        valence = lexicon[lw[i]]
        if item.isupper() and is_cap_diff:
            if valence > 0:
                valence += c_incr
            else:
                valence -= c_incr
        negate = self._negate
        for start_i in (0, 1, 2):
            if i <= start_i:
                break
            prev_lower = lw[i - start_i - 1]
            if prev_lower in lexicon:
                continue
            # nltk's scalar_inc_dec
            b = booster.get(prev_lower)
            if b is None:
                s = 0.0
            else:
                s = b
                if valence < 0:
                    s *= -1
                if words[i - start_i - 1].isupper() and is_cap_diff:
                    if valence > 0:
                        s += c_incr
                    else:
                        s -= c_incr
                if start_i == 1 and s != 0:
                    s = s * 0.95
                if start_i == 2 and s != 0:
                    s = s * 0.9
            valence = valence + s
            # nltk's _never_check (VaderConstants.negated inlined: the word, or "n't" in it)
            if start_i == 0:
                if prev_lower in negate or "n't" in prev_lower:
                    valence = valence * n_scalar
            elif start_i == 1:
                if words[i - 2] == "never" and (words[i - 1] == "so" or words[i - 1] == "this"):
                    valence = valence * 1.5
                elif prev_lower in negate or "n't" in prev_lower:
                    valence = valence * n_scalar
            else:
                if (
                    words[i - 3] == "never"
                    and (words[i - 2] == "so" or words[i - 2] == "this")
                    or (words[i - 1] == "so" or words[i - 1] == "this")
                ):
                    valence = valence * 1.25
                elif prev_lower in negate or "n't" in prev_lower:
                    valence = valence * n_scalar
                if idioms_possible:
                    valence = self._idioms_check(valence, words, i)
        # nltk's _least_check
        if i > 1 and lw[i - 1] not in lexicon and lw[i - 1] == "least":
            if lw[i - 2] != "at" and lw[i - 2] != "very":
                valence = valence * n_scalar
        elif i > 0 and lw[i - 1] not in lexicon and lw[i - 1] == "least":
            valence = valence * n_scalar
        return valence

    def _idioms_check(self, valence: Any, words: list[str], i: int) -> Any:
        """nltk's _idioms_check, verbatim (case-sensitive, as there)."""
        idioms, booster = self._idioms, self._booster
        onezero = f"{words[i - 1]} {words[i]}"
        twoonezero = f"{words[i - 2]} {words[i - 1]} {words[i]}"
        twoone = f"{words[i - 2]} {words[i - 1]}"
        threetwoone = f"{words[i - 3]} {words[i - 2]} {words[i - 1]}"
        threetwo = f"{words[i - 3]} {words[i - 2]}"
        for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
            if seq in idioms:
                valence = idioms[seq]
                break
        if len(words) - 1 > i:
            zeroone = f"{words[i]} {words[i + 1]}"
            if zeroone in idioms:
                valence = idioms[zeroone]
        if len(words) - 1 > i + 1:
            zeroonetwo = f"{words[i]} {words[i + 1]} {words[i + 2]}"
            if zeroonetwo in idioms:
                valence = idioms[zeroonetwo]
        if threetwo in booster or twoone in booster:
            valence = valence + self._b_decr
        return valence

    def _score_text(self, text: str) -> tuple[float, float, float, float]:
        """nltk's score_valence on the fast valences; (neg, neu, pos, compound), rounded as nltk.

        In a plain sentence no rule can change a valence: every rule needs a token of its own (a
        booster or negation, a word with "n't", "but", "least", "kind of", an idiom's word,
        "never", "so" or "this", a lexicon word in capitals), so its valences are its lexicon
        words' values, summed straight; any other sentence goes through the rules word by word.
        """
        words = self._tokens(text)
        if not words:
            return 0.0, 0.0, 0.0, 0.0
        lexicon = self.lexicon
        lw = list(map(str.lower, words))
        mask = list(map(lexicon.__contains__, lw))
        if True not in mask:
            return 0.0, 1.0, 0.0, 0.0  # all valences 0: nltk gives neu 1.0 and the rest 0
        if (self._plain and self._rule_words.isdisjoint(lw) and _CONTEXT_WORDS.isdisjoint(words)
                and ("'" not in text or "n't" not in text.lower())
                and True not in map(str.isupper, compress(words, mask))):
            values = list(map(lexicon.__getitem__, compress(lw, mask)))
            return self._sift(text, len(words), len(values), values)
        _, hits, values, _ = self._hit_valences(words, text, lw, mask)
        return self._sift(text, len(words), len(hits), values)

    def _sift(self, text: str, n: int, n_hits: int, values: list[Any]) -> tuple[float, float, float, float]:
        """nltk's score_valence from the valences at the n_hits lexicon positions of n > 0 tokens."""
        if not n_hits:
            return 0.0, 1.0, 0.0, 0.0  # all valences 0: nltk gives neu 1.0 and the rest 0
        # Zeros change neither a sum nor the order in which the other terms are added, so the
        # sums over the lexicon positions equal nltk's sums over every token.
        sum_s = float(sum(values))
        # punctuation emphasis: "!" up to 4, "?" 2-3 or more
        ep_count = text.count("!")
        if ep_count > 4:
            ep_count = 4
        ep_amplifier = ep_count * 0.292
        qm_count = text.count("?")
        qm_amplifier: float = 0
        if qm_count > 1:
            if qm_count <= 3:
                qm_amplifier = qm_count * 0.18
            else:
                qm_amplifier = 0.96
        punct_emph_amplifier = ep_amplifier + qm_amplifier
        if sum_s > 0:
            sum_s += punct_emph_amplifier
        elif sum_s < 0:
            sum_s -= punct_emph_amplifier
        compound = self._normalize(sum_s)
        pos_sum = 0.0
        neg_sum = 0.0
        neu_count = n - n_hits
        for sentiment_score in values:
            if sentiment_score > 0:
                pos_sum += float(sentiment_score) + 1
            elif sentiment_score < 0:
                neg_sum += float(sentiment_score) - 1
            else:
                neu_count += 1
        if pos_sum > math.fabs(neg_sum):
            pos_sum += punct_emph_amplifier
        elif pos_sum < math.fabs(neg_sum):
            neg_sum -= punct_emph_amplifier
        total = pos_sum + math.fabs(neg_sum) + neu_count
        return (
            round(math.fabs(neg_sum / total), 3),
            round(math.fabs(neu_count / total), 3),
            round(math.fabs(pos_sum / total), 3),
            round(compound, 4),
        )


_DEFAULT: FastVader | None = None


def fast_vader() -> FastVader:
    """One FastVader per process, built from the same lexicon as the `vader` scorer."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = FastVader()
    return _DEFAULT
