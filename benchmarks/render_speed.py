"""Rendering speed: a batch of seed-sized reports with `newstone render` against CLI pairs.

The baseline is what a user does by hand: for each article, `papermill` then `jupyter nbconvert`,
one after the other. newstone renders the same articles in one command (warm kernels, `--jobs`).
Also reported: CPU seconds per report in the batch (all processes: the command, its workers and
their kernels), so the cost on a shared machine is visible, not only the wall time.

Usage: python benchmarks/render_speed.py [--reports 20] [--jobs 2] [--scorer vader] [--pairs 20]
`--pairs N` times N of the baseline pairs and scales to --reports (they take ~6 s each).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SEED = ROOT / "seeds" / "000_4054172739a3b017.txt"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the command and everything it started)."""
    cpu, start = _children_cpu(), time.perf_counter()
    subprocess.run(cmd, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start, _children_cpu() - cpu


def make_articles(folder: Path, n: int) -> list[Path]:
    """n distinct seed-sized articles: the seed with its sentences rotated (same length, new hash)."""
    text = SEED.read_text(encoding="utf-8")
    paragraphs = text.split("\n\n")
    paths = []
    for i in range(n):
        k = i % max(1, len(paragraphs) - 1)
        body = "\n\n".join(paragraphs[:1] + paragraphs[1 + k:] + paragraphs[1:1 + k]) + f"\n\nNote {i}.\n"
        path = folder / f"article{i:02d}.txt"
        path.write_text(body, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=20)
    parser.add_argument("--pairs", type=int, default=None, help="baseline pairs actually timed (default: --reports)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--scorer", default="vader")
    args = parser.parse_args()
    pairs = min(args.pairs or args.reports, args.reports)
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        (tmp_path / "in").mkdir()
        articles = make_articles(tmp_path / "in", args.reports)
        ours_wall, ours_cpu = timed([sys.executable, "-m", "newstone.cli", "render", str(tmp_path / "in"), "--out", f"{tmp}/ours", "--force",
                                     "--no-corpus", "--jobs", str(args.jobs), "-p", f"scorer={args.scorer}"])
        theirs_wall = theirs_cpu = 0.0
        for article in articles[:pairs]:
            executed = f"{tmp}/executed.ipynb"
            w1, c1 = timed([str(BIN / "papermill"), "notebooks/article.ipynb", executed, "-p", "input_path", str(article),
                            "-p", "scorer", args.scorer])
            w2, c2 = timed([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", executed, "--output-dir", f"{tmp}/theirs"])
            theirs_wall, theirs_cpu = theirs_wall + w1 + w2, theirs_cpu + c1 + c2
        scale = args.reports / pairs
        theirs_wall, theirs_cpu = theirs_wall * scale, theirs_cpu * scale
        shutil.rmtree(tmp_path / "ours", ignore_errors=True)
    load = os.getloadavg()
    print(f"{args.reports} seed-sized reports, scorer {args.scorer}, {os.cpu_count()} cores, load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print(f"newstone render --jobs {args.jobs}        {ours_wall:7.1f} s wall  {ours_cpu / args.reports:5.2f} CPU-s per report")
    print(f"papermill + nbconvert pairs{' (scaled from %d)' % pairs if pairs != args.reports else ''}  "
          f"{theirs_wall:7.1f} s wall  {theirs_cpu / args.reports:5.2f} CPU-s per report")
    print(f"ratio (render / pairs) {ours_wall / theirs_wall:.2f}  (goal <= 0.20)")


if __name__ == "__main__":
    main()
