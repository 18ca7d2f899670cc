"""Cleaning accuracy on labelled scraped pages: which lines are article, which are page furniture.

    PYTHONPATH=lib .venv/bin/python benchmarks/cleaning.py [--pages DIR] [--lib DIR] [--misses]
    PYTHONPATH=lib .venv/bin/python benchmarks/cleaning.py --articles ../shared/data/polnear/train.jsonl [--dump F]
    PYTHONPATH=lib .venv/bin/python benchmarks/cleaning.py --articles ../shared/data/polnear/train.jsonl --speed 15 \
        --against /tmp/main/lib     # (git archive main lib | tar -x -C /tmp/main)

Each page of tests/data/cleaning/ is one pasted text, every line labelled `T|` (headline), `A|`
(article) or `F|` (furniture). The page is cleaned with `clean_text` and every line is judged
kept or removed by aligning the kept paragraphs with the page's lines in order (a kept paragraph
is its lines joined; a dateline cut off a kept line leaves the line kept). Reported per page and
in total: lines right, article lines lost (the worse error), furniture lines kept, and whether
the headline is what the report takes as its title. `--lib` measures another checkout's lib/
(a `git archive` of main's, say); `--misses` prints every line judged wrong.

`--articles` cleans the `text` of every row of a JSONL file of published articles (no page
furniture in them: what is removed there is prose lost, or a credit line) and counts the pieces
removed; `--dump` writes them as JSON, to compare two checkouts. `--speed R` instead times
`clean_text` on those articles in process (best of R passes) and prints microseconds per line:
the common path, prose. `--against DIR` loads the newstone package under DIR too (a copy
renamed `newstone_base`) and alternates the two in one process, pass by pass, best of R each.
Nothing from those files is kept.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "tests" / "data" / "cleaning"


@dataclass
class PageResult:
    name: str
    lines: int = 0
    lost: list[str] = field(default_factory=list)  # article lines removed
    kept: list[str] = field(default_factory=list)  # furniture lines kept
    headline: str | None = None  # the labelled headline
    title: str | None = None  # what the report would take as its title

    @property
    def right(self) -> int:
        return self.lines - len(self.lost) - len(self.kept)


def read_page(path: Path) -> list[tuple[str, str]]:
    """[(label, line)] of a labelled page; a blank line has the label ''."""
    rows = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if not raw:
            rows.append(("", ""))
        elif raw[:2] in ("T|", "A|", "F|"):
            rows.append((raw[0], raw[2:]))
        else:
            raise SystemExit(f"{path.name}: line {number}: no label (T|, A| or F|): {raw[:40]!r}")
    while rows and rows[-1] == ("", ""):
        rows.pop()
    return rows


def kept_flags(lines: list[str], paragraphs: list[str], strip_dateline) -> list[bool]:
    """Which lines survive in `paragraphs`, found by aligning them in order.

    The kept text is the kept lines, in order, joined by spaces within a paragraph. A search over
    (line, position) states finds the alignment that keeps the most lines and consumes all of the
    kept text, so a removed "Share" is not mistaken for the start of a kept "Share prices ...".
    """
    text = "\n".join(paragraphs)
    n = len(lines)

    def skip(p: int) -> int:
        while p < len(text) and text[p] in " \n":
            p += 1
        return p

    @lru_cache(maxsize=None)
    def best(i: int, p: int) -> tuple[int, tuple[bool, ...]] | None:
        if i == n:
            return (0, ()) if p == len(text) else None
        options = []
        line = lines[i]
        for variant in dict.fromkeys((line, strip_dateline(line)[0].strip())):
            end = p + len(variant)
            if variant and text.startswith(variant, p) and (end == len(text) or text[end] in " \n"):
                rest = best(i + 1, skip(end))
                if rest is not None:
                    options.append((rest[0] + 1, (True,) + rest[1]))
        rest = best(i + 1, p)
        if rest is not None:
            options.append((rest[0], (False,) + rest[1]))
        return max(options, key=lambda o: o[0]) if options else None

    sys.setrecursionlimit(max(10000, 4 * n + 100))
    found = best(0, skip(0))
    if found is None:  # kept text that is no line of the page (cleaning rewrote a line): judge by substring
        return [bool(line) and line in text for line in lines]
    return list(found[1])


def judge(path: Path) -> PageResult:
    from newstone.text.clean import clean_text, headline_line, normalize_unicode, normalize_whitespace, strip_dateline

    rows = read_page(path)
    text = "\n".join(line for _, line in rows)
    cleaned = clean_text(text)
    labelled = [(label, normalize_whitespace(normalize_unicode(line))) for label, line in rows if label]
    flags = kept_flags([line for _, line in labelled], cleaned.paragraphs, strip_dateline)
    result = PageResult(path.stem, lines=len(labelled))
    for (label, line), kept in zip(labelled, flags):
        if label in "TA" and not kept:
            result.lost.append(line)
        elif label == "F" and kept:
            result.kept.append(line)
    result.headline = next((line for label, line in labelled if label == "T"), None)
    result.title = cleaned.title or headline_line(cleaned.paragraphs)
    return result


def _load_renamed(lib: Path):
    """newstone.text.clean of the package under `lib`, imported as `newstone_base` (a renamed copy
    in a temporary folder), so two versions run side by side in one process."""
    import importlib
    import re
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="newstone-base-"))
    shutil.copytree(lib / "newstone", folder / "newstone_base")
    for path in (folder / "newstone_base").rglob("*.py"):
        path.write_text(re.sub(r"\bnewstone(?=[. ])", "newstone_base", path.read_text(encoding="utf-8")), encoding="utf-8")
    sys.path.insert(0, str(folder))
    return importlib.import_module("newstone_base.text.clean")


def removed_from_articles(path: Path) -> dict[str, list[list[str]]]:
    """{row id: [[removed text, reason], ...]} of every article of a JSONL file that lost something."""
    import json

    from newstone.text.clean import clean_text

    out = {}
    with path.open(encoding="utf-8") as rows:
        for number, row in enumerate(rows, 1):
            record = json.loads(row)
            removed = clean_text(record["text"]).removed
            if removed:
                out[str(record.get("id", number))] = [[r.text, r.reason] for r in removed]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=Path, default=PAGES, help="folder of labelled pages (*.txt)")
    parser.add_argument("--lib", type=Path, help="measure the newstone package under this lib/ folder")
    parser.add_argument("--misses", action="store_true", help="print every line judged wrong")
    parser.add_argument("--articles", type=Path, help="JSONL of published articles: count what cleaning removes")
    parser.add_argument("--dump", type=Path, help="with --articles: write the removed pieces here (JSON)")
    parser.add_argument("--speed", type=int, metavar="R", help="with --articles: time clean_text, best of R passes")
    parser.add_argument("--against", type=Path, metavar="DIR", help="with --speed: also time the newstone under DIR")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(args.lib or ROOT / "lib"))
    import newstone

    print(f"newstone from {Path(newstone.__file__).parent}")
    if args.articles and args.speed:
        import json
        import time

        from newstone.text.clean import clean_text

        texts = [json.loads(row)["text"] for row in args.articles.open(encoding="utf-8")]
        lines = sum(1 for text in texts for line in text.split("\n") if line.strip())
        cleaners = {"this checkout": clean_text}
        if args.against:
            cleaners[f"{args.against}"] = _load_renamed(args.against).clean_text
        best = dict.fromkeys(cleaners, float("inf"))
        for n in range(args.speed):
            for name, clean in list(cleaners.items())[::1 if n % 2 else -1]:  # each goes first in turn
                start = time.perf_counter()
                for text in texts:
                    clean(text)
                best[name] = min(best[name], time.perf_counter() - start)
        for name, seconds in best.items():
            print(f"{seconds / lines * 1e6:.2f} µs per line: {name} ({lines} lines of {len(texts)} articles, best of {args.speed})")
        return 0
    if args.articles:
        import json
        from collections import Counter

        removed = removed_from_articles(args.articles)
        reasons = Counter(reason for pieces in removed.values() for _, reason in pieces)
        print(f"{sum(map(len, removed.values()))} pieces removed from {len(removed)} articles")
        for reason, n in reasons.most_common():
            print(f"{n:6}  {reason}")
        if args.dump:
            args.dump.write_text(json.dumps(removed, ensure_ascii=False, indent=0), encoding="utf-8")
        return 0
    results = [judge(path) for path in sorted(args.pages.glob("*.txt"))]
    width = max(len(r.name) for r in results)
    print(f"{'page':<{width}}  right  lines  lost  kept  headline")
    for r in results:
        mark = "-" if r.headline is None else ("yes" if r.title == r.headline else "no")
        print(f"{r.name:<{width}}  {r.right:5}  {r.lines:5}  {len(r.lost):4}  {len(r.kept):4}  {mark}")
        if args.misses:
            for line in r.lost:
                print(f"    LOST  {line[:100]}")
            for line in r.kept:
                print(f"    KEPT  {line[:100]}")
            if r.headline and r.title != r.headline:
                print(f"    TITLE {str(r.title)[:100]!r} (wanted {r.headline[:60]!r})")
    right = sum(r.right for r in results)
    lines = sum(r.lines for r in results)
    heads = [r for r in results if r.headline]
    print(f"total: {right}/{lines} lines right ({right / lines:.1%}), "
          f"article lines lost {sum(len(r.lost) for r in results)}, "
          f"furniture lines kept {sum(len(r.kept) for r in results)}, "
          f"headline taken as title {sum(r.title == r.headline for r in heads)}/{len(heads)}; "
          f"{len(results)} pages")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
