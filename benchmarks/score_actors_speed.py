"""What `newstone score --actors` costs per sentence, against the same run without actors.

Real news is needed here (the parse, the quotes and the entities depend on it), so the corpus is
articles of ../shared/data/polnear/train.jsonl (whole political news stories; only read, never
written anywhere but a temporary folder), as a JSON Lines table with the publisher as source and the
date from the article's id. Plain and `--actors` runs alternate (each from an empty output folder,
in a subprocess, end to end: process start, spaCy load, reading, scoring, parsing, writing), so
load from other jobs on the machine falls on both alike; the fastest round of each counts, and the
CPU seconds of the whole process tree per sentence are printed too, which contention changes less.

    .venv/bin/python benchmarks/score_actors_speed.py                      # 200 articles, --jobs 1 and 2
    .venv/bin/python benchmarks/score_actors_speed.py --articles 400 --jobs 2 --repeat 3
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from score_speed import DATA, machine, newstone_command, run_with_memory  # noqa: E402

POLNEAR = DATA / "polnear" / "train.jsonl"


def build_corpus(path: Path, articles: int) -> int:
    """The first `articles` PolNeAR articles as a newstone table (id, source, date, text)."""
    n = 0
    with open(POLNEAR, encoding="utf-8") as src, open(path, "w", encoding="utf-8") as out:
        for line in src:
            if n >= articles:
                break
            record = json.loads(line)
            date = re.search(r"\d{4}-\d{2}-\d{2}", record.get("id", ""))
            out.write(json.dumps({"id": record["id"], "source": record.get("publisher"),
                                  "date": date.group(0) if date else None, "text": record["text"]},
                                 ensure_ascii=False) + "\n")
            n += 1
    return n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=200, help="PolNeAR articles in the corpus")
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="--jobs values to measure")
    ap.add_argument("--repeat", type=int, default=2, help="rounds of plain and --actors runs; the fastest counts")
    args = ap.parse_args()
    if not POLNEAR.is_file():
        sys.exit(f"{POLNEAR} is not here (only on the project's own machines)")

    import pyarrow.parquet as pq

    work = Path(tempfile.mkdtemp(prefix="newstone-actors-bench-"))
    try:
        corpus = work / "news.jsonl"
        n_docs = build_corpus(corpus, args.articles)
        print(f"machine: {machine()}")
        print(f"corpus: {n_docs} PolNeAR articles, {corpus.stat().st_size / 2**20:.1f} MB")
        for jobs in args.jobs:
            best: dict[str, tuple[float, float]] = {}
            counts: dict[str, int] = {}
            for round_ in range(1, args.repeat + 1):
                line = [f"--jobs {jobs}, round {round_}:"]
                for mode in ("plain", "actors"):
                    out = work / f"out-{mode}"
                    shutil.rmtree(out, ignore_errors=True)
                    cmd = newstone_command() + [str(corpus), "--out", str(out), "--no-progress", "--jobs", str(jobs)]
                    cmd += ["--actors"] if mode == "actors" else []
                    seconds, cpu, code, peak, tail = run_with_memory(cmd)
                    if code != 0:
                        print(tail, file=sys.stderr)
                        return 1
                    n = pq.ParquetFile(out / "sentences.parquet").metadata.num_rows
                    counts[mode] = n
                    if mode == "actors":
                        counts["actor rows"] = pq.ParquetFile(out / "actors.parquet").metadata.num_rows
                    best[mode] = min(best.get(mode, (float("inf"), 0.0)), (seconds, cpu))
                    line.append(f"{mode} {seconds:.1f} s ({cpu:.1f} CPU s, peak {peak:,.0f} MB)")
                print(" ".join(line) + f"   (load average {os.getloadavg()[0]:.1f})", flush=True)
            n = counts["plain"]
            (sp, cp), (sa, ca) = best["plain"], best["actors"]
            print(f"--jobs {jobs}: {n:,} sentences, {counts['actor rows']:,} actor rows; "
                  f"plain {n / sp:,.0f} sentences/s ({1000 * cp / n:.2f} CPU ms per sentence), "
                  f"--actors {n / sa:,.0f} sentences/s ({1000 * ca / n:.2f} CPU ms per sentence); "
                  f"--actors costs {sa / sp:.1f}x the wall time, {ca / cp:.1f}x the CPU, "
                  f"+{1000 * (ca - cp) / n:.2f} CPU ms per sentence")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
