"""Share of NewsMTSC's annotated targets that the actor finder returns as a mention of some actor.

Usage: python benchmarks/actor_coverage.py [../shared/data/newsmtsc/devtest_mt.jsonl] [--limit N]

Each sentence is analysed alone, every actor kept (`find_actors(top=None, min_mentions=1)`), and its
mentions found as reports find them (`newstone.people.targets.actor_mentions` on the sentence's
parse: names and the pronouns that clearly refer to an actor). A target is covered when one of
those mentions overlaps it. Printed: named targets (the mention starts with a capital letter, as
before: a sentence-initial "He" counts), pronoun targets (he, she, they, ...; only same-sentence
antecedents exist here), and how many of the covered ones were found through a pronoun only.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from newstone.people.actors import find_actors
from newstone.people.attribution import parse
from newstone.people.pronoun_mentions import PRONOUNS
from newstone.people.targets import actor_mentions
from newstone.text.nlp import PEOPLE_EXCLUDE, load_pipeline
from newstone.text.segment import segment_paragraphs

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "newsmtsc" / "devtest_mt.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", nargs="?", default=str(DEFAULT))
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    nlp = load_pipeline(PEOPLE_EXCLUDE)
    with open(args.path, encoding="utf-8") as fh:
        rows = [json.loads(line) for n, line in enumerate(fh) if not args.limit or n < args.limit]
    texts = [row["sentence_normalized"] for row in rows]
    parsed_all = parse(nlp, texts)
    counts = {"named": [0, 0, 0], "pronoun": [0, 0, 0]}  # targets, covered, covered via a pronoun
    for row, text, parsed in zip(rows, texts, parsed_all):
        actors = find_actors([text], top=None, min_mentions=1, parsed=[parsed])
        sentences = segment_paragraphs([text])
        found = actor_mentions(sentences, actors, parsed=[parsed], paragraphs=[text])
        spans = [(int(o) + int(s), int(o) + int(e), via) for o, s, e, via in
                 zip(sentences.set_index("sentence").loc[found["sentence"], "start"], found["start"], found["end"], found["via"])]
        for target in row["targets"]:
            mention = target["mention"]
            a, b = target["from"], target["to"]
            hits = [via for s, e, via in spans if s < b and a < e]
            for kind in [k for k, ok in (("named", mention[:1].isupper()), ("pronoun", mention.lower() in PRONOUNS)) if ok]:
                counts[kind][0] += 1
                counts[kind][1] += bool(hits)
                counts[kind][2] += bool(hits) and "name" not in hits
    for kind, (n, covered, via_pronoun) in counts.items():
        print(f"{args.path}: {covered}/{n} {kind} targets covered ({covered / max(1, n):.3f}); "
              f"{via_pronoun} through a pronoun mention")


if __name__ == "__main__":
    main()
