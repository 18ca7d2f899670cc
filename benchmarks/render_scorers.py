"""Time the seed report rendered with each scorer: `newstone render --force` per scorer.

Usage: .venv/bin/python benchmarks/render_scorers.py [--repeat 3] [--scorers vader,minilm] [--libs A,B]
Prints the median wall and CPU time per scorer and each one's ratio to the first (issue 13 asks
minilm, explanations included, to cost at most 2x vader).  Rounds alternate between the scorers
(and the code versions of `--libs`, each a `lib/` folder put first on PYTHONPATH), so a busy
machine slows them alike; CPU seconds add up the command and its kernel, and say more than the
wall time when the machine is shared.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_4054172739a3b017.txt"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def render_seconds(scorer: str, out: str, lib: str | None = None) -> tuple[float, float]:
    """(wall, CPU) seconds of one `newstone render` of the seed."""
    cmd = [sys.executable, "-m", "newstone.cli", "render", str(SEED), "--out", out, "--force", "--no-corpus",
           "--jobs", "1", "-p", f"scorer={scorer}"]
    env = dict(os.environ)
    if lib:
        env["PYTHONPATH"] = str(Path(lib).resolve())
    cpu, start = _children_cpu(), time.perf_counter()
    subprocess.run(cmd, check=True, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start, _children_cpu() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scorers", default="vader,minilm")
    parser.add_argument("--libs", default="", help="comma-separated lib/ folders to compare (default: PYTHONPATH as set)")
    args = parser.parse_args()
    names = [s for s in args.scorers.split(",") if s]
    libs = [p for p in args.libs.split(",") if p] or [None]
    runs = [(lib, name) for lib in libs for name in names]
    walls: dict[tuple, list[float]] = {r: [] for r in runs}
    cpus: dict[tuple, list[float]] = {r: [] for r in runs}
    with tempfile.TemporaryDirectory() as tmp:
        for k, (lib, name) in enumerate(runs):  # a first, untimed round warms the disk cache for every run
            render_seconds(name, f"{tmp}/{k}", lib)
        for _ in range(args.repeat):
            for k, (lib, name) in enumerate(runs):
                wall, cpu = render_seconds(name, f"{tmp}/{k}", lib)
                walls[(lib, name)].append(wall)
                cpus[(lib, name)].append(cpu)
    load = os.getloadavg()
    print(f"seed report, {args.repeat} alternating rounds, {os.cpu_count()} cores, load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    for lib in libs:
        base_wall = statistics.median(walls[(lib, names[0])])
        base_cpu = statistics.median(cpus[(lib, names[0])])
        for name in names:
            w, c = statistics.median(walls[(lib, name)]), statistics.median(cpus[(lib, name)])
            print(f"{(lib or 'PYTHONPATH') + ' ' + name:<40} wall {w:6.2f} s (ratio {w / base_wall:.2f})  "
                  f"CPU {c:6.2f} s (ratio {c / base_cpu:.2f})  [{', '.join(f'{t:.1f}' for t in cpus[(lib, name)])}]")


if __name__ == "__main__":
    main()
