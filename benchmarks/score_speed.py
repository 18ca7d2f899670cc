"""How fast `newstone score` scores a corpus, against plain VADER loops on the same sentences.

Builds a JSON Lines corpus in a temporary folder from real text (the VADER ground-truth
snippets and the NewsMTSC sentences in ../shared/data, shuffled and grouped into documents of
paragraphs, repeated until there are enough sentences), then, in one run:

  (c) runs `newstone score` end to end in a subprocess (reading, cleaning, segmentation, scoring,
      writing Parquet; default jobs) and samples the memory of its whole process tree;
  (a) times a plain loop of nltk's SentimentIntensityAnalyzer.polarity_scores (built from the
      vadersentiment lexicon, as newstone.tone.sentiment.VaderScorer does) over the sentences (c) wrote;
  (b) times the vaderSentiment package's SentimentIntensityAnalyzer over the same sentences;
  (c1) runs `newstone score --jobs 1` end to end the same way;
  (f) times newstone.tone.fastvader alone on the same, already split sentences (the floor);

and prints sentences per second, the ratios c/a, c/b and c1/f (issue 16's goals), whether (c)'s compound scores equal
(a)'s on every sentence, and the peak memory of (c).

    .venv/bin/python benchmarks/score_speed.py                       # 200,000+ sentences, best of 3 rounds
    .venv/bin/python benchmarks/score_speed.py --sentences 50000 --repeat 1   # quicker
    .venv/bin/python benchmarks/score_speed.py --gigabytes 2 --memory-only --repeat 1   # the 2 GB memory check

Other jobs on the machine slow some rounds more than others, so each measurement is repeated
(--repeat, default 3: (c), (a), (b) in turn) and the fastest round of each counts; the CPU
seconds per sentence are printed too, which contention changes much less.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


def real_sentences() -> list[str]:
    """VADER ground-truth snippets and NewsMTSC sentences, in file order."""
    out: list[str] = []
    for path in sorted((DATA / "vader").glob("*.txt")):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            parts = line.split("\t")
            if len(parts) >= 3 and parts[2].strip():
                out.append(parts[2].strip())
    for path in sorted((DATA / "newsmtsc").glob("*.jsonl")):
        with open(path, encoding="utf-8") as f:
            for line in f:
                text = json.loads(line).get("sentence_normalized", "").strip()
                if text:
                    out.append(text)
    if not out:
        sys.exit(f"no sentences found under {DATA}")
    return out


def build_corpus(path: Path, pool: list[str], min_sentences: int = 0, min_bytes: int = 0) -> tuple[int, int]:
    """Write documents (10-30 snippets in paragraphs of 1-4) until both minimums are reached."""
    rnd = random.Random(20260101)
    sources = ["The Harbour Gazette", "Northfield Courier", "Daily Ledger", "Evening Post"]
    n_docs = n_snippets = size = 0
    order = list(range(len(pool)))
    with open(path, "w", encoding="utf-8") as f:
        while n_snippets < min_sentences or size < min_bytes:
            rnd.shuffle(order)
            i = 0
            while i < len(order) and (n_snippets < min_sentences or size < min_bytes):
                k = rnd.randint(10, 30)
                chunk = [pool[j] for j in order[i : i + k]]
                i += k
                paragraphs, j = [], 0
                while j < len(chunk):
                    m = rnd.randint(1, 4)
                    paragraphs.append(" ".join(chunk[j : j + m]))
                    j += m
                n_docs += 1
                n_snippets += len(chunk)
                record = {
                    "id": f"d{n_docs}", "title": f"Document {n_docs}", "date": f"2024-{1 + n_docs % 12:02d}-{1 + n_docs % 28:02d}",
                    "source": sources[n_docs % len(sources)], "text": "\n\n".join(paragraphs),
                }
                line = json.dumps(record, ensure_ascii=False) + "\n"
                size += len(line.encode("utf-8"))
                f.write(line)
    return n_docs, n_snippets


def newstone_command() -> list[str]:
    """`newstone score` when the CLI has it, else the module's own entry point (same code)."""
    exe = ROOT / ".venv" / "bin" / "newstone"
    if exe.exists():
        probe = subprocess.run([str(exe), "score", "--help"], capture_output=True, text=True)
        if probe.returncode == 0:
            return [str(exe), "score"]
    return [sys.executable, "-m", "newstone.corpus.cli"]


def run_with_memory(cmd: list[str]) -> tuple[float, float, int, float, str]:
    """(seconds, CPU seconds of the whole process tree, exit code, peak total RSS in MB, output tail)."""
    import psutil

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak = [0]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stop = threading.Event()

    def sample() -> None:
        try:
            root = psutil.Process(proc.pid)
        except psutil.Error:
            return
        while not stop.is_set():
            total = 0
            try:
                procs = [root] + root.children(recursive=True)
            except psutil.Error:
                break
            for p in procs:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
            peak[0] = max(peak[0], total)
            stop.wait(0.25)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - started
    stop.set()
    thread.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the workers too: their parent waited for them
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu, proc.returncode, peak[0] / 2**20, (out + err)[-2000:]


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError):
        mem = float("nan")
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GB, Python {platform.python_version()}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sentences", type=int, default=200_000, help="at least this many snippets in the corpus")
    ap.add_argument("--gigabytes", type=float, default=0.0, help="grow the corpus file to at least this size")
    ap.add_argument("--memory-only", action="store_true", help="only run (c) and report its time and peak memory")
    ap.add_argument("--jobs", type=int, default=None, help="--jobs for newstone score (default: its own, every core)")
    ap.add_argument("--chunk-size", type=int, default=None, help="--chunk-size for newstone score")
    ap.add_argument("--repeat", type=int, default=3, help="rounds of (c), (a), (b); the fastest of each counts")
    ap.add_argument("--workdir", default=None, help="build the corpus here and keep it (default: a temp dir, removed)")
    args = ap.parse_args()

    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="newstone-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        corpus = work / "corpus.jsonl"
        out = work / "scored"
        shutil.rmtree(out, ignore_errors=True)
        t = time.perf_counter()
        n_docs, n_snippets = build_corpus(corpus, real_sentences(), args.sentences, int(args.gigabytes * 2**30))
        print(f"machine: {machine()}")
        print(f"corpus: {n_docs:,} documents, {n_snippets:,} snippets, {corpus.stat().st_size / 2**20:,.0f} MB "
              f"(built in {time.perf_counter() - t:.1f} s)")

        cmd = newstone_command() + [str(corpus), "--out", str(out), "--no-progress"]
        if args.jobs:
            cmd += ["--jobs", str(args.jobs)]
        if args.chunk_size:
            cmd += ["--chunk-size", str(args.chunk_size)]
        import pyarrow.parquet as pq

        runs: dict[str, list[tuple[float, float]]] = {"a": [], "b": [], "c": [], "c1": [], "f": []}  # (seconds, CPU s)
        cmd1 = [part for part in cmd if part not in ("--jobs", str(args.jobs))] + ["--jobs", "1"]
        peak_mb = 0.0
        texts: list[str] = []
        expected: list[float] = []
        nltk_compound: list[float] = []
        fast_compound: list[float] = []
        for round_ in range(1, args.repeat + 1):
            # (c) end to end, from an empty output folder
            shutil.rmtree(out, ignore_errors=True)
            seconds, cpu, code, peak, tail = run_with_memory(cmd)
            if code != 0:
                print(tail, file=sys.stderr)
                print(f"newstone score exited with {code}", file=sys.stderr)
                return 1
            runs["c"].append((seconds, cpu))
            peak_mb = max(peak_mb, peak)
            if args.memory_only:
                n = pq.ParquetFile(out / "sentences.parquet").metadata.num_rows
            elif not texts:
                table = pq.read_table(out / "sentences.parquet", columns=["text", "compound"])
                texts = table.column("text").to_pylist()
                expected = table.column("compound").to_pylist()
                del table
            if texts:
                n = len(texts)
            line = f"round {round_}: (c) {n / seconds:,.0f}"
            if not args.memory_only:
                # (c1) the same with one process, (f) fastvader alone on the sentences, one core
                shutil.rmtree(out, ignore_errors=True)
                seconds1, cpu1, code1, _, tail1 = run_with_memory(cmd1)
                if code1 != 0:
                    print(tail1, file=sys.stderr)
                    return 1
                runs["c1"].append((seconds1, cpu1))
                from newstone.tone.fastvader import FastVader

                fast = FastVader()
                t, c0 = time.perf_counter(), time.process_time()
                fast_compound = [r[3] for r in fast.score_tuples(texts)]
                runs["f"].append((time.perf_counter() - t, time.process_time() - c0))
                line += f", (c1) {n / seconds1:,.0f}, (f) {n / runs['f'][-1][0]:,.0f}"
                # (a) nltk's analyzer, as newstone.tone.sentiment.VaderScorer builds it, on the same sentences
                from newstone.tone.sentiment import VaderScorer

                score = VaderScorer().analyzer.polarity_scores
                t, c0 = time.perf_counter(), time.process_time()
                nltk_compound = [score(s)["compound"] for s in texts]
                runs["a"].append((time.perf_counter() - t, time.process_time() - c0))
                # (b) the vaderSentiment package
                from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

                vs = SentimentIntensityAnalyzer().polarity_scores
                t, c0 = time.perf_counter(), time.process_time()
                for s in texts:
                    vs(s)
                runs["b"].append((time.perf_counter() - t, time.process_time() - c0))
                line += f", (a) {n / runs['a'][-1][0]:,.0f}, (b) {n / runs['b'][-1][0]:,.0f} sentences/s"
            load = os.getloadavg()[0]
            print(f"{line}   (load average {load:.1f})", flush=True)

        best = {k: min(v) for k, v in runs.items() if v}  # the fastest round: the least disturbed
        seconds_c, cpu_c = best["c"]
        rate_c = n / seconds_c
        print(f"(c) newstone score end to end ({'--jobs ' + str(args.jobs) if args.jobs else 'default jobs'}): "
              f"{n:,} sentences in {seconds_c:.1f} s = {rate_c:,.0f} sentences/s; "
              f"{cpu_c:.1f} CPU s in all its processes = {n / cpu_c:,.0f} sentences per CPU s")
        print(f"    peak memory of the process tree (sum of RSS, sampled every 250 ms): {peak_mb:,.0f} MB")
        if args.memory_only:
            return 0
        seconds_a, cpu_a = best["a"]
        seconds_b, cpu_b = best["b"]
        rate_a, rate_b = n / seconds_a, n / seconds_b
        print(f"(a) nltk SentimentIntensityAnalyzer.polarity_scores loop: {rate_a:,.0f} sentences/s "
              f"({n / cpu_a:,.0f} per CPU s)")
        print(f"(b) vaderSentiment SentimentIntensityAnalyzer loop: {rate_b:,.0f} sentences/s ({n / cpu_b:,.0f} per CPU s)")
        seconds_c1, cpu_c1 = best["c1"]
        seconds_f, cpu_f = best["f"]
        print(f"(c1) newstone score end to end, --jobs 1: {n / seconds_c1:,.0f} sentences/s ({n / cpu_c1:,.0f} per CPU s)")
        print(f"(f) fastvader alone on the split sentences, one core: {n / seconds_f:,.0f} sentences/s "
              f"({n / cpu_f:,.0f} per CPU s)")
        print(f"c/a = {rate_c / rate_a:.2f}   c/b = {rate_c / rate_b:.2f}   c1/f = {seconds_f / seconds_c1:.2f}   "
              f"(wall clock, best of {args.repeat} rounds; goals: c/a >= 10, c/b >= 3, c1/f >= 0.60)")
        print(f"per CPU second: c/a = {cpu_a / cpu_c:.2f}   c/b = {cpu_b / cpu_c:.2f}   c1/f = {cpu_f / cpu_c1:.2f}   (cost per sentence, "
              "whatever else the machine runs)")
        us = 1e6 / n
        print(f"CPU per sentence: (c) {cpu_c * us:.1f} µs, (c1) {cpu_c1 * us:.1f} µs, (f) {cpu_f * us:.1f} µs; "
              f"(c1) besides VADER {(cpu_c1 - cpu_f) * us:.1f} µs (c1/f = 0.60 allows {cpu_f * us * 2 / 3:.1f})")
        # (c) stores compounds on the shared (calibrated) tone scale; its raw VADER scores are
        # fastvader's, which must equal nltk's, and the table must be their calibrated image.
        from newstone.tone.calibrate import load_calibrations

        same = sum(1 for x, y in zip(nltk_compound, fast_compound) if x == y)
        mapped = [round(float(v), 4) for v in load_calibrations()["vader"].apply(fast_compound)]
        placed = sum(1 for x, y in zip(mapped, expected) if x == y)
        print(f"raw compound scores equal to nltk's: {same:,} of {n:,} sentences; table compounds equal to "
              f"their calibration: {placed:,} of {n:,}" + ("" if same == placed == n else "  <-- MISMATCH"))
        return 0 if same == placed == n else 1
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
