"""Time one seed report: `newstone render --force` against `papermill` then `jupyter nbconvert`.

Usage: .venv/bin/python benchmarks/render_speed.py [--repeat 3]
Prints the median wall time of each path and their ratio (issue 4 asks for <= 0.8).
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
BIN = Path(sys.executable).parent
SEED = ROOT / "seeds" / "000_4054172739a3b017.txt"


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    ours, theirs = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.repeat):
            ours.append(timed([str(BIN / "newstone"), "render", str(SEED), "--out", f"{tmp}/ours", "--force", "--no-corpus", "--jobs", "1"]))
            executed = f"{tmp}/executed.ipynb"
            theirs.append(
                timed([str(BIN / "papermill"), "notebooks/article.ipynb", executed, "-p", "input_path", str(SEED)])
                + timed([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", executed, "--output-dir", f"{tmp}/theirs"])
            )
    a, b = statistics.median(ours), statistics.median(theirs)
    print(f"newstone render --force        median {a:.2f} s  ({', '.join(f'{t:.2f}' for t in ours)})")
    print(f"papermill + jupyter nbconvert  median {b:.2f} s  ({', '.join(f'{t:.2f}' for t in theirs)})")
    print(f"ratio {a / b:.2f} (target <= 0.80)")


if __name__ == "__main__":
    main()
