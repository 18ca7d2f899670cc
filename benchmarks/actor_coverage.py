"""Share of NewsMTSC's annotated named targets that the actor finder returns as a mention.

Usage: python benchmarks/actor_coverage.py [../shared/data/newsmtsc/devtest_mt.jsonl] [--limit N]
A target counts as named when its mention starts with a capital letter; it is covered when some
actor found in its sentence (`newstone.people.actors.find_actors`, every actor, one mention enough) has
a mention overlapping it.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from newstone.people.actors import find_actors
from newstone.text.nlp import PEOPLE_EXCLUDE, load_pipeline
from newstone.people.targets import mention_spans

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "newsmtsc" / "devtest_mt.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", nargs="?", default=str(DEFAULT))
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    nlp = load_pipeline(PEOPLE_EXCLUDE)
    named = covered = 0
    with open(args.path, encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if args.limit and n >= args.limit:
                break
            row = json.loads(line)
            sentence = row["sentence_normalized"]
            actors = find_actors([sentence], nlp=nlp, top=None, min_mentions=1)
            spans = [span for t in actors for span in mention_spans(sentence, t)]
            for target in row["targets"]:
                if not target["mention"][:1].isupper():
                    continue
                named += 1
                a, b = target["from"], target["to"]
                covered += any(s < b and a < e for s, e in spans)
    print(f"{args.path}: {covered}/{named} named targets covered ({covered / max(1, named):.3f})")


if __name__ == "__main__":
    main()
