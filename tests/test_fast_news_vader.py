"""The fast paths of the lexicon features: `vader-news` without nltk equals nltk's `NewsAnalyzer`,
and TextBlob's pattern sentiment imported without `textblob/__init__` equals the real package's."""

from __future__ import annotations

import json
import random
import string
import subprocess
import sys

import pytest

from newstone.text.segment import split_sentences
from newstone.tone.vader import StockConstants, stock_lexicon
from newstone.tone.vader_news import NewsVaderScorer

from test_fastvader import TRICKY

NAMES = [
    "The Justice Department said the Supreme Court had ruled.",
    "United Nations officials praised the Peace Corps and Good Morning America.",
    "Great Britain and the United States agreed; Happy Valley fell.",
    "Love Island is a show. Love it or hate it, Fair Trade matters.",
    "the Free Syrian Army attacked. Free people cheered. FREE PEOPLE cheered.",
    "He met Mr. Good and Ms. Bright at the Best Western, but Hope said no.",
    "“Hope,” he said. Justice is not done; Justice Department officials disagree.",
    "Good Good good Good: Trust Trust trust",
]


def _soup(n: int, seed: int) -> list[str]:
    """Random sentences with Title-case words (names), lexicon words, rules and punctuation."""
    rng = random.Random(seed)
    c = StockConstants()
    vocab = (rng.sample(sorted(stock_lexicon()), 300) + sorted(c.BOOSTER_DICT)[:20] + sorted(c.NEGATE)[:20]
             + ["but", "least", "never", "so", "kind", "of", "the", "said", "Department", "officials"])
    texts = []
    for _ in range(n):
        words = []
        for _ in range(rng.randint(0, 20)):
            w = rng.choice(vocab)
            r = rng.random()
            w = w.title() if r < 0.35 else w.upper() if r < 0.4 else w
            if rng.random() < 0.15:
                w += rng.choice([".", ",", "!", "?", ":", ";", "”", "’", ")"])
            if rng.random() < 0.05:
                w = rng.choice("\"“‘(") + w
            words.append(w)
        texts.append(" ".join(words))
    return texts


def assert_fast_equals_nltk(scorer: NewsVaderScorer, texts: list[str]) -> None:
    assert scorer._fast_path(), "the fast path should serve the stock news rules"
    reference = scorer.analyzer  # nltk's NewsAnalyzer, built on purpose
    bad = []
    for text in texts:
        want_scores = reference.polarity_scores(text)
        want_valences = scorer.nltk_token_valences(text)
        if (scorer.score_many([text])[0] != want_scores or scorer.token_valences(text) != want_valences
                or scorer.valences_and_scores(text) != (want_valences, want_scores)):
            bad.append(text)
    assert not bad, f"{len(bad)} of {len(texts)} differ, e.g. {bad[:3]}"


@pytest.mark.parametrize("name_rule", [True, False])
def test_news_vader_fast_path_equals_nltk(name_rule, seed_path):
    scorer = NewsVaderScorer(neutral=["stressed", "like", "killed"], name_rule=name_rule, parse_rule=False)
    seed = seed_path.read_text(encoding="utf-8")
    assert_fast_equals_nltk(scorer, TRICKY + NAMES + split_sentences(seed) + [seed] + _soup(1500, 3))


def test_news_vader_with_the_parse_rule_equals_nltk(seed_path):
    scorer = NewsVaderScorer(parse_rule=True)  # the shipped configuration, spaCy news senses
    seed = seed_path.read_text(encoding="utf-8")
    texts = NAMES + split_sentences(seed) + ["He stressed that the talks looked like a success.",
                                             "“It is over,” he warned, like a friend would."]
    scorer.score_many(texts)  # primes the parse in one batch, as in use
    assert_fast_equals_nltk(scorer, texts)


def test_news_vader_fast_path_never_imports_nltk(seed_path):
    code = (
        "import sys\n"
        "from newstone.tone.vader_news import news_vader\n"
        "from newstone.tone.scorers import sentence_features, target_features\n"
        f"text = open({str(seed_path)!r}, encoding='utf-8').read()\n"
        "sentence_features(text.split('\\n')); target_features([(text[:300], 0, 5)])\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'nltk', 'scipy', 'sklearn', 'textblob'}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_pattern_sentiment_equals_the_real_textblob(seed_path):
    """`scorers._pattern` runs textblob.en under a stand-in parent; the numbers are the package's."""
    code = (
        "import json, sys\n"
        "from newstone.tone.scorers import _pattern\n"
        f"texts = open({str(seed_path)!r}, encoding='utf-8').read().split('. ') + {json.dumps(TRICKY + NAMES)}\n"
        "fast = [list(_pattern()(t)) for t in texts]\n"
        "assert 'textblob' not in sys.modules and 'nltk' not in sys.modules\n"
        "import textblob\n"  # the real package still imports, whole, afterwards
        "from textblob import TextBlob\n"
        "from textblob.en import sentiment\n"
        "assert sentiment is not _pattern()\n"
        "real = [list(sentiment(t)) for t in texts]\n"
        "blob = [list(TextBlob(t).sentiment) for t in texts]\n"
        "print(json.dumps([fast == real, real == blob, len(texts)]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    same, same_blob, n = json.loads(out)
    assert same and same_blob and n > 50


def test_news_vader_on_newsmtsc(shared_data):
    texts = []
    for path in sorted((shared_data / "newsmtsc").glob("*.jsonl")):
        with open(path, encoding="utf-8") as f:
            texts += [json.loads(line).get("sentence_normalized", "") for line in f]
    if not texts:
        pytest.skip("no NewsMTSC sentences")
    assert_fast_equals_nltk(NewsVaderScorer(parse_rule=False), texts[:6000])


def test_custom_lexicon_vader_fast_path_equals_nltk():
    from newstone.tone.sentiment import VaderScorer
    from newstone.tone.vader import vader_lexicon_text

    text = "\n".join(line for line in vader_lexicon_text().split("\n") if not line.startswith(("good\t", "bad\t")))
    scorer = VaderScorer(lexicon_text=text + "\nnewstone\t2.5\t0.5\t[2, 3]\n")
    assert scorer._fast_path()
    texts = TRICKY + ["newstone is good, not bad", string.punctuation + " newstone!"]
    assert scorer.score_many(texts) == [scorer.analyzer.polarity_scores(t) for t in texts]
