"""Cost of the people layer (quotes, speakers, actors).

Usage:
  python benchmarks/people_speed.py seed [--repeat 3]   # `newstone analyze` on the seed, fresh process
  python benchmarks/people_speed.py dense [--sizes 100000,500000,1000000,2000000]

`seed` times whole `newstone analyze` runs (pipeline load included), median of --repeat; issue 11
allows at most 1.5x the cost before the spaCy people layer. `dense` builds one paragraph of dense
quotes of each size and times the quote-mark scan, the parse (in windows), attribution and actor
finding on it, with the process's peak resident memory so far (sizes run in increasing order), so
a reader can see the cost grow linearly.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_4054172739a3b017.txt"
UNIT = (
    '“We will not give up,” Ahmad Masoud said. The Taliban claimed that the valley had fallen. '
    "‘It is over,’ the group’s spokesman, Zabihullah Mujahid, told reporters in Kabul. "
    "Officials in Panjshir said the fighting continued. "
)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def seed(repeat: int) -> None:
    times, cpus = [], []
    for _ in range(repeat):
        cpu, start = _children_cpu(), time.perf_counter()
        subprocess.run([sys.executable, "-m", "newstone.cli", "analyze", str(SEED)], check=True, cwd=ROOT,
                       stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
        cpus.append(_children_cpu() - cpu)
    print(f"newstone analyze seed: median {statistics.median(times):.2f} s wall, {statistics.median(cpus):.2f} s CPU "
          f"over {repeat} ({', '.join(f'{t:.2f}' for t in times)}); benchmarks/analyze_speed.py --baseline compares code versions")


def dense(sizes: list[int]) -> None:
    from newstone.people.actors import find_actors
    from newstone.people.attribution import parse
    from newstone.text.nlp import PEOPLE_EXCLUDE, load_pipeline
    from newstone.people.quotemarks import find_quote_spans
    from newstone.people.quotes import extract_quotes

    nlp = load_pipeline(PEOPLE_EXCLUDE)
    print(f"{'chars':>9}  {'marks s':>8}  {'parse s':>8}  {'quotes s':>8}  {'actors s':>8}  {'peak RSS MB':>11}  {'rows':>6}")
    for size in sizes:
        text = (UNIT * (size // len(UNIT) + 1))[:size]
        t0 = time.perf_counter()
        find_quote_spans(text)
        t1 = time.perf_counter()
        parsed = parse(nlp, [text])
        t2 = time.perf_counter()
        rows = extract_quotes([text], nlp, parsed=parsed)
        t3 = time.perf_counter()
        find_actors([text], parsed=parsed)
        t4 = time.perf_counter()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
        print(f"{size:>9}  {t1 - t0:>8.2f}  {t2 - t1:>8.2f}  {t3 - t2:>8.2f}  {t4 - t3:>8.2f}  {peak:>11.0f}  {len(rows):>6}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=("seed", "dense"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sizes", default="100000,500000,1000000,2000000")
    args = parser.parse_args()
    if args.mode == "seed":
        seed(args.repeat)
    else:
        dense([int(s) for s in args.sizes.split(",")])


if __name__ == "__main__":
    main()
