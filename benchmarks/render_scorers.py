"""Time the seed report rendered with each scorer: `newstone render --force` per scorer.

Usage: .venv/bin/python benchmarks/render_scorers.py [--repeat 3] [--scorers vader,minilm]
Prints the median wall time per scorer and each one's ratio to the first (issue 13 asks minilm,
explanations included, to cost at most 2x vader).  Rounds alternate between the scorers, so
a busy machine slows them alike.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_4054172739a3b017.txt"


def render_seconds(scorer: str, out: str) -> float:
    cmd = [sys.executable, "-m", "newstone.cli", "render", str(SEED), "--out", out, "--force", "--no-corpus",
           "--jobs", "1", "-p", f"scorer={scorer}"]
    start = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scorers", default="vader,minilm")
    args = parser.parse_args()
    names = [s for s in args.scorers.split(",") if s]
    times: dict[str, list[float]] = {n: [] for n in names}
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:  # a first, untimed round warms the disk cache for every scorer
            render_seconds(name, f"{tmp}/{name}")
        for _ in range(args.repeat):
            for name in names:
                times[name].append(render_seconds(name, f"{tmp}/{name}"))
    base = statistics.median(times[names[0]])
    for name in names:
        m = statistics.median(times[name])
        print(f"{name:<10} median {m:.2f} s  ({', '.join(f'{t:.2f}' for t in times[name])})  ratio {m / base:.2f}")


if __name__ == "__main__":
    main()
