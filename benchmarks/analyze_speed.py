"""One-article commands: `newstone analyze` and `newstone scorers` against a plain nltk script.

The plain script is what a researcher would write without newstone: read the file, split it into
sentences, score each with nltk's VADER (lexicon from the vadersentiment wheel, as newstone uses).
Runs alternate, medians are compared; the machine's load is printed with them. `--baseline LIB`
(repeatable) adds `newstone analyze` run from another checkout's `lib/` folder (e.g. the code before
the spaCy people layer: `git archive 89b6946 | tar -x -C /tmp/pre-spacy`, then `--baseline
/tmp/pre-spacy/lib`), with the ratio of the two (issue 11: at most 1.5x).

Usage: python benchmarks/analyze_speed.py [--repeat 5] [--scorer vader] [--baseline LIB ...]
"""

from __future__ import annotations

import argparse
import functools
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_4054172739a3b017.txt"

PLAIN = """
import re, sys
from importlib import resources
from nltk.sentiment.vader import SentimentIntensityAnalyzer, VaderConstants
lexicon = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
sia = SentimentIntensityAnalyzer.__new__(SentimentIntensityAnalyzer)
sia.lexicon_file = "\\n".join(l for l in lexicon.strip("\\n").split("\\n") if l.strip())
sia.lexicon = sia.make_lex_dict()
sia.constants = VaderConstants()
text = open(sys.argv[1], encoding="utf-8").read()
sentences = [s for s in re.split(r"(?<=[.!?])\\s+", text) if s.strip()]
scores = [sia.polarity_scores(s)["compound"] for s in sentences]
print(len(scores), sum(scores) / len(scores))
"""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str], lib: str | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds): on a loaded machine the CPU time says more than the wall time."""
    env = dict(os.environ, PYTHONPATH=str(Path(lib).resolve())) if lib else None
    cpu, start = _children_cpu(), time.perf_counter()
    subprocess.run(cmd, check=True, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start, _children_cpu() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--scorer", default="vader")
    parser.add_argument("--baseline", action="append", default=[], metavar="LIB",
                        help="also run analyze from this lib/ folder (repeatable)")
    args = parser.parse_args()
    analyze = [sys.executable, "-m", "newstone.cli", "analyze", str(SEED), "--scorer", args.scorer]
    commands = {
        f"newstone analyze (--scorer {args.scorer})": functools.partial(timed, analyze),
        "newstone scorers": functools.partial(timed, [sys.executable, "-m", "newstone.cli", "scorers"]),
        "plain nltk script": functools.partial(timed, [sys.executable, "-c", PLAIN, str(SEED)]),
    }
    for lib in args.baseline:
        commands[f"analyze from {lib}"] = functools.partial(timed, analyze, lib)
    times: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.repeat):  # alternating, so load changes hit every command alike
        for name, run in commands.items():
            wall, cpu = run()
            times[name].append(wall)
            cpus[name].append(cpu)
    load = os.getloadavg()
    print(f"seed article, {args.repeat} alternating runs, {os.cpu_count()} cores, load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    medians = {name: statistics.median(t) for name, t in times.items()}
    for name, median in medians.items():
        print(f"{name:40s} median {median:5.2f} s wall, {statistics.median(cpus[name]):5.2f} s CPU  "
              f"({', '.join(f'{t:.2f}' for t in times[name])})")
    first = next(iter(medians))
    cpu = {name: statistics.median(c) for name, c in cpus.items()}
    print(f"ratio analyze / plain script: wall {medians[first] / medians['plain nltk script']:.2f}, "
          f"CPU {cpu[first] / cpu['plain nltk script']:.2f}  (goal: analyze <= 0.6 s)")
    for lib in args.baseline:
        name = f"analyze from {lib}"
        print(f"ratio analyze / {name}: wall {medians[first] / medians[name]:.2f}, "
              f"CPU {cpu[first] / cpu[name]:.2f}  (issue 11: <= 1.5 against the code before spaCy)")


if __name__ == "__main__":
    main()
