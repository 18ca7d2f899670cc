"""The `newstone` nbconvert template, where `jupyter nbconvert --template newstone` finds it.

A wheel install (`pip install .`) puts the template into `share/jupyter/nbconvert/templates`
through the package's data files. Editable installs (`pip install -e .`, the conda route) do
not install data files, so `python -m newstone.reports.nbtemplate` copies it there; the Makefile's
bootstrap runs it. `newstone render` never needs it: it names the package's own copy.
"""

from __future__ import annotations

import filecmp
import shutil
import sys
from pathlib import Path

TEMPLATE = "newstone"
SOURCE = Path(__file__).resolve().parents[1] / "templates" / TEMPLATE


def installed_dir(prefix: str | Path = sys.prefix) -> Path:
    return Path(prefix) / "share" / "jupyter" / "nbconvert" / "templates" / TEMPLATE


def is_installed(prefix: str | Path = sys.prefix) -> bool:
    """Whether the environment holds the same template files as this package."""
    target = installed_dir(prefix)
    files = [p.name for p in SOURCE.iterdir() if p.is_file()]
    if not target.is_dir():
        return False
    _, mismatch, errors = filecmp.cmpfiles(SOURCE, target, files, shallow=False)
    return not mismatch and not errors


def install_template(prefix: str | Path = sys.prefix) -> Path:
    """Copy the template into the environment (replacing an older copy); returns where."""
    target = installed_dir(prefix)
    target.mkdir(parents=True, exist_ok=True)
    for path in SOURCE.iterdir():
        if path.is_file():
            shutil.copyfile(path, target / path.name)
    return target


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m newstone.reports.nbtemplate", description=__doc__.splitlines()[0])
    parser.add_argument("--prefix", default=sys.prefix, help="environment to install into (default: this one)")
    args = parser.parse_args(argv)
    try:
        where = install_template(args.prefix)
    except OSError as exc:
        print(f"newstone: error: cannot install the nbconvert template into {installed_dir(args.prefix)}: {exc.strerror or exc}",
              file=sys.stderr)
        return 1
    print(f"nbconvert template {TEMPLATE!r} installed in {where}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
