"""Attribution measured on PolNeAR-style JSONL: who said what, against annotated news.

The metrics are those issue 11 defines, so figures from any engine compare directly:

- a prediction is right when at least half of its characters lie inside one gold content span;
- a gold attribution is found when a prediction overlaps at least half of the shorter of the two;
- direct-quote precision / recall / F1 use predicted direct quotes against gold `direct` ones;
- recall of all attributions (and of `indirect` ones) counts gold found by any prediction, and the
  precision beside it is over all predictions;
- speaker accuracy: over found gold attributions with a named source (a pronoun source taken as
  the data's `speaker_resolved`), the share whose matched prediction shares a name word with it.

Engines take the article's paragraphs and return quote rows (paragraph, start, end, speaker,
kind); `newstone` is this project's, `textacy` runs textacy's `direct_quotations` as a reference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from sklearn.metrics import precision_recall_fscore_support

from newstone.evaluate.datasets import iter_jsonl

_STOP = frozenset(
    """
    the a an of and or to in on at for by with from mr mrs ms dr sen rep gov president
    s he she they it we i you his her their its who which that this these those there
    """.split()
)
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Gold:
    """One annotated attribution: content pieces, kind and the source name to compare with."""

    spans: tuple[tuple[int, int], ...]
    kind: str
    source: str | None
    # False when the annotator marked a pronoun ("he said"): `source` is then the dataset's own
    # guess (the nearest named source before it, whoever that is), not an annotation
    written_as_name: bool = True

    @property
    def length(self) -> int:
        return sum(b - a for a, b in self.spans)


@dataclass(frozen=True)
class Pred:
    """One predicted statement in article offsets."""

    start: int
    end: int
    kind: str
    speaker: str | None


def read_polnear(path: str | Path) -> Iterator[dict[str, Any]]:
    """Articles of a PolNeAR JSONL file; a bad line is a ValueError naming the file and line."""
    path = Path(path)
    for n, row in iter_jsonl(path):
        try:
            text, quotes = row["text"], row["quotes"]
        except (KeyError, TypeError) as exc:
            raise ValueError(f"{path}: line {n}: not a PolNeAR article (no {exc})") from None
        if not isinstance(text, str) or not isinstance(quotes, list) or not all(isinstance(q, dict) for q in quotes):
            raise ValueError(f"{path}: line {n}: 'text' must be a string and 'quotes' a list of objects")
        if not all(_is_spans(q.get("content_spans") or ()) for q in quotes):
            raise ValueError(f"{path}: line {n}: a quote's 'content_spans' must be [start, end] pairs of integers")
        yield {"line": n, "id": row.get("id", str(n)), "text": text, "quotes": quotes}


def _is_spans(spans: Any) -> bool:
    return isinstance(spans, (list, tuple)) and all(
        isinstance(sp, (list, tuple)) and len(sp) == 2 and all(isinstance(x, int) for x in sp) for sp in spans)


def gold_of(article: dict[str, Any]) -> list[Gold]:
    """The article's attributions with content spans (pronoun sources resolved as annotated)."""
    out = []
    for q in article["quotes"]:
        spans = tuple((int(a), int(b)) for a, b in q.get("content_spans") or () if b > a)
        if not spans:
            continue
        source = q.get("speaker_resolved") or None
        written = q.get("speaker") if isinstance(q.get("speaker"), str) else None
        out.append(Gold(spans, q.get("kind") or "indirect", source, bool(name_words(written)) or not written))
    return out


def paragraphs_of(text: str) -> tuple[list[str], list[int]]:
    """Line-separated paragraphs and the offset where each starts in `text`."""
    paras, offsets, pos = [], [], 0
    for line in text.split("\n"):
        paras.append(line)
        offsets.append(pos)
        pos += len(line) + 1
    return paras, offsets


def name_words(name: str | None) -> set[str]:
    """Content words of a speaker name, lower-case, without articles, titles or pronouns."""
    if not name:
        return set()
    words = {w.casefold() for w in _WORD.findall(name.replace("’s", "").replace("'s", ""))}
    return {w for w in words if w not in _STOP and len(w) > 1}


def _overlap(a: int, b: int, spans: Iterable[tuple[int, int]]) -> int:
    return sum(max(0, min(b, y) - max(a, x)) for x, y in spans)


def match_article(gold: list[Gold], preds: list[Pred]) -> dict[str, list]:
    """Per prediction whether it is right; per gold attribution the prediction that finds it."""
    right = []
    for p in preds:
        size = max(1, p.end - p.start)
        right.append(any(_overlap(p.start, p.end, g.spans) * 2 >= size for g in gold))
    found: list[int | None] = []
    found_direct: list[int | None] = []
    for g in gold:
        best, best_direct, best_ov, best_ov_d = None, None, 0, 0
        for i, p in enumerate(preds):
            ov = _overlap(p.start, p.end, g.spans)
            if ov <= 0 or ov * 2 < min(p.end - p.start, g.length):
                continue
            if ov > best_ov:
                best, best_ov = i, ov
            if p.kind == "direct" and ov > best_ov_d:
                best_direct, best_ov_d = i, ov
        found.append(best)
        found_direct.append(best_direct)
    return {"right": right, "found": found, "found_direct": found_direct}


def score_attribution(pairs: Iterable[tuple[list[Gold], list[Pred]]]) -> dict[str, Any]:
    """The issue's metrics over (gold, predictions) per article."""
    y_true: list[int] = []
    y_pred: list[int] = []
    n_pred = n_right = 0
    n_gold = n_found = n_ind = n_ind_found = 0
    spk_n = spk_ok = 0
    by_form = {True: [0, 0], False: [0, 0]}  # source written as a name / as a pronoun: [pairs, right]
    n_articles = n_direct_gold = 0
    for gold, preds in pairs:
        n_articles += 1
        m = match_article(gold, preds)
        n_pred += len(preds)
        n_right += sum(m["right"])
        # direct quotes as a detection task: one row per predicted direct quote and per gold direct
        # quote, so scikit-learn's precision/recall are the definitions
        for p, ok in zip(preds, m["right"]):
            if p.kind == "direct":
                y_pred.append(1)
                y_true.append(int(ok and _inside_direct(p, gold)))
        n_direct_gold += sum(g.kind == "direct" for g in gold)
        for g, hit in zip(gold, m["found_direct"]):
            if g.kind == "direct" and hit is None:
                y_true.append(1)
                y_pred.append(0)
        for g, hit in zip(gold, m["found"]):
            n_gold += 1
            n_found += hit is not None
            if g.kind == "indirect":
                n_ind += 1
                n_ind_found += hit is not None
            if hit is not None and name_words(g.source):
                right = bool(name_words(g.source) & name_words(preds[hit].speaker))
                spk_n += 1
                spk_ok += right
                by_form[g.written_as_name][0] += 1
                by_form[g.written_as_name][1] += right
    if y_true:
        p, r, f, _ = precision_recall_fscore_support(y_true, y_pred, average="binary", zero_division=0)
    else:
        p = r = f = 0.0
    return {
        "articles": n_articles,
        "attributions": n_gold,
        "predictions": n_pred,
        "direct_precision": float(p),
        "direct_recall": float(r),
        "direct_f1": float(f),
        "direct_gold": n_direct_gold,
        "precision": n_right / n_pred if n_pred else 0.0,
        "recall": n_found / n_gold if n_gold else 0.0,
        "indirect_recall": n_ind_found / n_ind if n_ind else 0.0,
        "speaker_accuracy": spk_ok / spk_n if spk_n else 0.0,
        "speaker_pairs": spk_n,
        "speaker_accuracy_named": by_form[True][1] / by_form[True][0] if by_form[True][0] else 0.0,
        "speaker_accuracy_pronoun": by_form[False][1] / by_form[False][0] if by_form[False][0] else 0.0,
        "speaker_pairs_pronoun": by_form[False][0],
    }


def _inside_direct(p: Pred, gold: list[Gold]) -> bool:
    """A predicted direct quote counts when half of it lies in one gold content span (any kind)."""
    size = max(1, p.end - p.start)
    return any(_overlap(p.start, p.end, g.spans) * 2 >= size for g in gold)


# ---------------------------------------------------------------------------- engines

Engine = Callable[[list[str]], Any]


def newstone_engine(nlp: Any = None) -> Engine:
    """This project's attribution (`newstone.people.quotes.extract_quotes`) on one article's paragraphs."""
    from newstone.people.quotes import extract_quotes

    if nlp is None:
        return extract_quotes
    return lambda paragraphs: extract_quotes(paragraphs, nlp=nlp)


def textacy_engine(nlp: Any) -> Engine:
    """textacy's `direct_quotations` per paragraph: the reference row (direct quotes only)."""
    from textacy.extract.triples import direct_quotations

    def run(paragraphs: list[str]) -> list[dict[str, Any]]:
        rows = []
        for pi, doc in enumerate(nlp.pipe(paragraphs)):
            try:
                triples = list(direct_quotations(doc))
            except ValueError:  # textacy refuses paragraphs with an unclosed quotation mark
                continue
            for triple in triples:
                content = triple.content
                rows.append(
                    {
                        "paragraph": pi,
                        "start": content[0].idx,
                        "end": content[-1].idx + len(content[-1].text),
                        "speaker": " ".join(t.text for t in triple.speaker),
                        "kind": "direct",
                    }
                )
        return rows

    return run


def _rows(result: Any) -> list[dict[str, Any]]:
    if hasattr(result, "to_dict"):
        return result.to_dict("records")
    return list(result)


def predictions(engine: Engine, text: str) -> list[Pred]:
    """Run an engine on an article's paragraphs; rows are mapped back to article offsets."""
    paras, offsets = paragraphs_of(text)
    out = []
    for row in _rows(engine(paras)):
        base = offsets[int(row["paragraph"])]
        speaker = row.get("speaker")
        out.append(Pred(base + int(row["start"]), base + int(row["end"]), str(row["kind"]),
                        speaker if isinstance(speaker, str) else None))
    return out


def evaluate_polnear(path: str | Path, engine: Engine, part: str = "all") -> dict[str, Any]:
    """The attribution metrics of `engine` on a PolNeAR JSONL file.

    `part` picks articles by line number: `even` / `odd` halves for developing on one and checking
    on the other, or `all`.
    """
    keep = {"all": lambda n: True, "even": lambda n: n % 2 == 0, "odd": lambda n: n % 2 == 1}[part]
    pairs = ((gold_of(a), predictions(engine, a["text"])) for a in read_polnear(path) if keep(a["line"]))
    return score_attribution(pairs)


METRIC_LABELS = [
    ("direct_precision", "direct-quote precision"),
    ("direct_recall", "direct-quote recall"),
    ("direct_f1", "direct-quote F1"),
    ("precision", "precision, all predictions"),
    ("recall", "recall, all attributions"),
    ("indirect_recall", "recall, indirect attributions"),
    ("speaker_accuracy", "speaker accuracy"),
    ("speaker_accuracy_named", "  where the source is a name"),
    ("speaker_accuracy_pronoun", "  where it is a pronoun (gold guessed)"),
]


def metrics_table(rows: dict[str, dict[str, Any]]) -> str:
    """Engines side by side as a plain-text table (one metric per line)."""
    names = list(rows)
    width = max(len(label) for _, label in METRIC_LABELS)
    lines = [f"{'':<{width}}  " + "  ".join(f"{n:>9}" for n in names)]
    for key, label in METRIC_LABELS:
        lines.append(f"{label:<{width}}  " + "  ".join(f"{rows[n][key]:>9.3f}" for n in names))
    counts = "  ".join(f"{rows[n]['articles']:>4}/{rows[n]['attributions']:<5}" for n in names)
    lines.append(f"{'articles / attributions':<{width}}  {counts}")
    return "\n".join(lines)
