"""FastVader gives nltk's VADER numbers: on the seed, on tricky sentences, on all VADER ground truth."""

from __future__ import annotations

import json
import random
import string

import pytest

from newstone.tone.fastvader import FastVader, fast_vader
from newstone.tone.vader import StockConstants, stock_lexicon
from newstone.text.segment import split_sentences
from newstone.tone.sentiment import VaderScorer

TRICKY = [
    # negation, "n't", "least", "never so"
    "The food is not good.",
    "The food isn't good at all.",
    "This is the least bad option.",
    "It was at least good.",
    "Least happy of all.",
    "It was very least good.",
    "I have never been so happy.",
    "I have never been this sad before.",
    "Never so good, never so bad.",
    "It's not that I don't like it, it's that I never will.",
    "Without a doubt the best day ever.",
    "nope, not great, no good, nothing nice",
    "He wasn't kind of happy.",
    # "but"
    "The movie was great, but the ending was terrible.",
    "But it was fine.",
    "It was bad but, but, but it got better.",
    "BUT the staff were lovely",
    # boosters, dampeners, caps
    "The food is very good.",
    "The food is VERY GOOD.",
    "The food is VERY good and the room is GREAT.",
    "ALL CAPS EVERYWHERE IS TERRIBLE",
    "It was extremely, incredibly, unbelievably awful.",
    "The service was slightly disappointing.",
    "It was kind of good.",
    "It was sort of okay, kinda nice, sorta meh.",
    "The kind people of the kind town were kind of kind.",
    "It was just enough good.",
    "It is barely acceptable, hardly good, somewhat fine.",
    "Really REALLY really good!",
    # idioms
    "That concert was the shit.",
    "This phone is the bomb.",
    "He is a bad ass.",
    "Yeah right, like that will work.",
    "This plan will not cut the mustard.",
    "That was the kiss of death for the company.",
    "They live hand to mouth.",
    "Oh yeah right the bomb is the shit",
    # punctuation emphasis
    "Great!",
    "Great!!",
    "Great!!!",
    "Great!!!!!!!!",
    "Terrible!!!",
    "Is it good??",
    "Is it good???",
    "Is it good?????",
    "Really?! Good?!? Bad!?!",
    "!!! ??? ...",
    "?!?! good !?!?",
    "good. , ; : - ' \"",
    "\"good\" 'bad' (nice) [ugly] {fine}",
    "-good- --bad-- ..nice.. ,great,",
    "good,bad;nice",
    # emoticons and emojis
    "I love it :) :-) ;) :D <3",
    "So sad :( :'( D:",
    "Meh :/ :| :-P",
    "I love it 😀😀 but 😡",
    "🙂",
    "Great 👍 service 💯!!",
    "x :) y",
    # contractions and apostrophes
    "I can't stand it and I don't love it.",
    "It's good, isn't it?",
    "The company's profits' rise wasn't bad.",
    "’ “quoted” good ’s",
    # repeated tokens (nltk uses the first occurrence's context)
    "good good good not good",
    "not good good not good",
    "Good, good. GOOD! good?",
    "happy sad happy sad happy sad but happy",
    # edge cases
    "",
    " ",
    "a",
    "I",
    ".",
    "!!",
    "The",
    "Officials met on Tuesday.",
    "\t\n good \n\t bad \r\n",
    "ÉNORME succès, très bien!",
    "İstanbul is lovely",
    "ﬁne work, ÆSTHETIC",
    "Numbers: 1, 2.5, -3, 4%",
    "#bad @good http://example.com/good",
    "good\u00a0bad\u2003nice",
]


@pytest.fixture(scope="module")
def reference() -> VaderScorer:
    return VaderScorer()


@pytest.fixture(scope="module")
def fast() -> FastVader:
    return FastVader()


def assert_same(reference: VaderScorer, fast: FastVader, texts: list[str]) -> None:
    mismatches = []
    for text in texts:
        want = reference.polarity_scores(text)
        got = fast.polarity_scores(text)
        if got != want or any(round(got[k], 4) != round(want[k], 4) for k in want):
            mismatches.append((text, want, got))
    assert not mismatches, f"{len(mismatches)} of {len(texts)} differ, e.g. {mismatches[:3]}"


def test_constants_equal_nltks():
    """The copied constants must be nltk's: an nltk release that changes them fails here."""
    from nltk.sentiment.vader import VaderConstants

    nltk_c, ours = VaderConstants(), StockConstants()
    for name in ("B_INCR", "B_DECR", "C_INCR", "N_SCALAR", "BOOSTER_DICT", "SPECIAL_CASE_IDIOMS", "PUNC_LIST"):
        assert getattr(ours, name) == getattr(nltk_c, name), name
    assert ours.NEGATE == frozenset(nltk_c.NEGATE)
    assert ours.REGEX_REMOVE_PUNCTUATION.pattern == nltk_c.REGEX_REMOVE_PUNCTUATION.pattern
    for score in (-4.2, -1.0, 0.0, 0.05, 2.731, 17.0):
        assert ours.normalize(score) == nltk_c.normalize(score)
    assert stock_lexicon() == VaderScorer().analyzer.lexicon


def test_fast_path_is_exact_for_the_stock_analyzer(reference, fast):
    assert fast.exact_fast_path
    assert FastVader(reference.analyzer).exact_fast_path


def test_tricky_sentences(reference, fast):
    assert_same(reference, fast, TRICKY)
    assert_same(reference, FastVader(reference.analyzer), TRICKY)


def test_every_punctuation_glued_to_words(reference, fast):
    """Tokens with each of VADER's punctuation strings (and others) before, after and inside words."""
    glue = ["", ".", "!", "?", ",", ";", ":", "-", "'", '"', "!!", "!!!", "??", "???", "?!?", "!?!", "?!?!", "!?!?",
            "(", ")", "...", "'s", "!.", ".,", "“", "”", "’"]
    texts = []
    for word in ("good", "bad", "NOT", "very", "x", "no", "can't", "kind", "a-b", "ok"):
        for g in glue:
            texts += [f"{g}{word} {word}{g} great", f"this is {g}{word}{g} :)", f"{word}{g}{word}"]
    assert_same(reference, fast, texts)


def test_random_token_soup(reference, fast):
    """Random sentences from lexicon words, boosters, negations, idiom words, caps and punctuation."""
    rng = random.Random(7)
    lexicon = sorted(stock_lexicon())
    c = StockConstants()
    vocab = (
        rng.sample(lexicon, 400) + sorted(c.BOOSTER_DICT) + sorted(c.NEGATE)
        + " ".join(c.SPECIAL_CASE_IDIOMS).split()
        + ["but", "BUT", "least", "at", "very", "never", "so", "this", "kind", "of", "the", "and", "I", "a"]
    )
    texts = []
    for _ in range(3000):
        words = []
        for _ in range(rng.randint(0, 25)):
            w = rng.choice(vocab)
            r = rng.random()
            if r < 0.1:
                w = w.upper()
            elif r < 0.15:
                w = w.title()
            if rng.random() < 0.15:
                w = rng.choice(string.punctuation) + w
            if rng.random() < 0.2:
                w = w + rng.choice([".", ",", "!", "?", "!!!", "??", "...", ":", ";", "'", ")"])
            words.append(w)
        texts.append(" ".join(words))
    assert_same(reference, fast, texts)


CAPS_AND_IDIOMS = [
    # capitals: the word, or a booster 1-3 words before it, in capitals; all words in capitals
    "VERY good", "very GOOD", "VERY much good", "EXTREMELY, we think, good", "REALLY it was so good",
    "Good VERY", "The REALLY long wait was bad", "GOOD BAD", "WOW", "It is NOT good",
    "it was EXTREMELY the worst", "I  am SO happy", "GREAT day, sad night", "the A good",
    # idioms and "kind of" before, at and after the third word
    "the shit", "the bomb is great", "yeah right good", "it is the shit", "kind of good", "good kind of",
    "it was kind of bad", "cut the mustard good", "Yeah right it was good", "he is a bad ass really",
    # negations at distance 1, 2 and 3, "never so", "no" rules, "least"
    "not good", "not very good", "not at all good", "never so good", "never this bad", "no good",
    "no, good", "No problem", "at least good", "very least bad", "least good", "not the least bad",
]


def test_capitals_idioms_and_negations(reference, fast):
    assert_same(reference, fast, CAPS_AND_IDIOMS + [t.upper() for t in CAPS_AND_IDIOMS] + [t.title() for t in CAPS_AND_IDIOMS])


def test_token_memory_gives_the_same_numbers(reference, monkeypatch):
    """Tokens with punctuation are remembered with their word; a full memory is emptied, never wrong."""
    import newstone.tone.fastvader as fv

    monkeypatch.setattr(fv, "_STRIPPED_TOKENS", 5)
    small = FastVader()
    texts = ["good, bad. nice!", "Good, BAD. nice!", '"good" (bad) -nice- ,great,'] * 3 + TRICKY
    assert small.score_tuples(texts) == FastVader().score_tuples(texts)
    assert_same(reference, small, texts)
    assert len(small._stripped) <= 5


def test_seed_article(reference, fast, seed_path):
    text = seed_path.read_text(encoding="utf-8")
    texts = [text] + text.split("\n") + split_sentences(text)
    assert_same(reference, fast, texts)


def test_very_long_text(reference, fast, seed_path):
    text = seed_path.read_text(encoding="utf-8")
    long = " ".join([text] * 40 + [" ".join(TRICKY)] * 5)
    assert_same(reference, fast, [long, long.upper(), "good " * 5000 + "but bad"])


def test_score_many_and_token_valences(reference, fast):
    texts = TRICKY + ["", "good"]
    assert fast.score_many(texts) == reference.score_many(texts)
    assert fast.score_tuples(texts) == [tuple(d[k] for k in ("neg", "neu", "pos", "compound")) for d in reference.score_many(texts)]
    for text in texts:
        assert fast.token_valences(text) == reference.nltk_token_valences(text) == reference.token_valences(text), text


def test_cache_gives_the_same_numbers(reference):
    cached = FastVader(cache_size=8)
    texts = TRICKY * 3
    assert cached.score_many(texts) == reference.score_many(texts)
    assert len(cached._cache) <= 8
    first = cached.polarity_scores("good")
    first["compound"] = 99  # the caller's dict is its own
    assert cached.polarity_scores("good") == reference.polarity_scores("good")


def test_str_subclasses_and_non_text(reference, fast):
    import numpy as np

    assert fast.polarity_scores(np.str_("very good")) == reference.polarity_scores("very good")
    with pytest.raises(AttributeError):  # nltk refuses bytes too; FastVader hands them to nltk
        fast.polarity_scores(b"good")


def test_shared_instance():
    assert fast_vader() is fast_vader()


def _vader_snippets(shared_data):
    texts = []
    for path in sorted((shared_data / "vader").glob("*.txt")):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            parts = line.split("\t")
            if len(parts) >= 3:
                texts.append(parts[2])
    return texts


def test_all_vader_ground_truth(reference, fast, shared_data):
    texts = _vader_snippets(shared_data)
    assert len(texts) > 18000
    assert_same(reference, fast, texts)
    # and sentence by sentence, as newstone scores them
    assert_same(reference, fast, [s for t in texts[:4000] for s in split_sentences(t)])


def test_newsmtsc_sentences(reference, fast, shared_data):
    texts = []
    for path in sorted((shared_data / "newsmtsc").glob("*.jsonl")):
        with open(path, encoding="utf-8") as f:
            texts += [json.loads(line).get("sentence_normalized", "") for line in f]
    if not texts:
        pytest.skip("no NewsMTSC sentences")
    assert_same(reference, fast, texts)


# --- the plain path (no rule can apply) and the full path --------------------------------------

PLAIN = [
    "The company said profits rose and shares gained in early trading.",
    "Officials praised the agreement, calling it a great success.",
    "Protesters clashed with police; several were hurt.",
    "Good, good. good! good?",
    "What a wonderful, terrible, happy, sad day!!",
    "Is it good?? Is it bad???",
    "\"good\" 'bad' (nice) -great- ,fine,",
    "a good b bad c",
    "The Good, the Bad and the Ugly",
    "Shares rose sharply-ish, a good day, all right.",
    "I love it :) :-) <3",
]
RULES = [
    "The company said profits did not rise.",       # negation
    "Profits rose, but shares fell.",                # but
    "Shares gained very strongly.",                  # booster
    "It was kind of good.",                          # kind of
    "It was at least good.",                         # least
    "I have never been so happy.",                   # never so
    "The man was this happy today.",                 # this (3 words back)
    "They said it was so good.",                     # so
    "That concert was the shit.",                    # idiom
    "The results were GOOD for once.",               # a lexicon word in capitals
    "It wouldn't've been good.",                     # n't
    "It WOULDN'T be good.",                          # N'T
    "This is good, not bad.",
    "It was a bad ass car.",                         # idiom ("bad ass")
]


def _count_full_path(fast: FastVader, monkeypatch) -> list[str]:
    calls: list[str] = []
    full = fast._hit_valences

    def counting(words, text, *rest):
        calls.append(text)
        return full(words, text, *rest)

    monkeypatch.setattr(fast, "_hit_valences", counting)
    return calls


def test_plain_sentences_skip_the_rules(reference, monkeypatch):
    fast = FastVader()
    calls = _count_full_path(fast, monkeypatch)
    assert_same(reference, fast, PLAIN)
    assert calls == []


def test_each_rule_takes_the_full_path(reference, monkeypatch):
    fast = FastVader()
    calls = _count_full_path(fast, monkeypatch)
    assert_same(reference, fast, RULES)
    assert calls == RULES


def test_vader_news_style_analyzers_never_take_the_plain_path(monkeypatch):
    fast = FastVader(zero_positions=lambda text: (), fallback=lambda: None)
    calls = _count_full_path(fast, monkeypatch)
    fast.score_tuples(PLAIN)
    with_lexicon_words = [t for t in PLAIN if any(w.lower() in fast.lexicon for w in fast._tokens(t))]
    assert calls == with_lexicon_words and len(calls) >= len(PLAIN) - 2


def test_generated_corpus_both_paths(reference, monkeypatch):
    """Thousands of news-like sentences from a mixed vocabulary: every one equals nltk, both paths used."""
    rng = random.Random(16)
    lexicon = sorted(stock_lexicon())
    c = StockConstants()
    plain_words = ("the a of to in and said on for with police government minister year people market "
                   "shares rose fell percent Tuesday report city officials court York U.S. 2024 I x").split()
    rule_words = sorted(c.BOOSTER_DICT)[:40] + sorted(c.NEGATE)[:30] + ["but", "least", "so", "this", "never", "kind"]
    texts = []
    for _ in range(6000):
        words = []
        for _ in range(rng.randint(1, 35)):
            r = rng.random()
            w = rng.choice(lexicon) if r < 0.15 else rng.choice(rule_words) if r < 0.17 else rng.choice(plain_words)
            r = rng.random()
            if r < 0.03:
                w = w.upper()
            elif r < 0.1:
                w = w.title()
            r = rng.random()
            if r < 0.1:
                w += rng.choice([",", ".", ";", ":", "!", "?", "'s", ")", "!!", "...", "-"])
            elif r < 0.13:
                w = rng.choice(["(", '"', "'", "-", "“"]) + w
            words.append(w)
        texts.append(" ".join(words) + rng.choice(["", ".", "!", "?", "??", "!!!!!", " :)"]))
    fast = FastVader()
    calls = _count_full_path(fast, monkeypatch)
    assert_same(reference, fast, texts)
    assert 0.2 * len(texts) < len(calls) < 0.8 * len(texts)  # both paths well exercised
