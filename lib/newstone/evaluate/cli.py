"""`newstone eval` on the command line: tone scorers against human-rated data, attribution
against PolNeAR-style annotations; its arguments, messages and exit codes.

Exit 0 with the figures printed, 1 when the data cannot be read or holds nothing to evaluate
(one line naming the file), 2 for a bad call (an unknown scorer, a missing extra).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from newstone.text.decode import printable

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _error(message: str) -> None:
    print(f"newstone: error: {printable(message)}", file=sys.stderr)


def add_eval_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add `newstone eval` to the CLI's subparsers (cheap: nothing heavy is imported)."""
    p = subparsers.add_parser("eval", help="agreement of scorers with human-labelled data: one file, or the table over a data folder")
    p.add_argument("path", metavar="PATH", nargs="?", default=None,
                   help="a *_GroundTruth.txt file or folder (vader), or a .jsonl file (newsmtsc); "
                        "without it: every scorer on the held-out parts of --data")
    p.add_argument("--data", default="../shared/data", help="without PATH: folder with vader/ and newsmtsc/ (default: ../shared/data)")
    p.add_argument("--format", choices=("vader", "newsmtsc", "polnear"), default=None,
                   help="data format of PATH (default: by file type); polnear scores attribution (who said what), not tone")
    p.add_argument("--scorer", action="append", dest="scorers", metavar="NAME",
                   help="scorer (repeatable; default: vader for PATH, every installed scorer for the table)")
    p.add_argument("--scale", choices=("calibrated", "raw"), default="calibrated",
                   help="calibrated (the shared tone scale reports use, default) or the scorer's raw compound")
    p.add_argument("--all-snippets", action="store_true",
                   help="table: VADER-format data whole, not only the held-out split (trained scorers saw the rest)")
    p.add_argument("--rating-classes", choices=("sign", "band"), default="sign",
                   help="vader format: human classes from the sign of the mean rating (the paper's) or rating/4 at ±0.05")
    p.add_argument("--json", action="store_true", help='print {"n", "pearson_r", "f1_weighted", "f1_macro", "accuracy", ...} per scorer (and dataset)')
    p.add_argument("--part", choices=("all", "even", "odd"), default="all",
                   help="polnear: all articles, or those on even / odd lines (develop on one half, check on the other)")
    p.add_argument("--textacy", action="store_true", help="polnear: add textacy's direct_quotations as a reference row")
    p.set_defaults(func=cmd_eval)
    return p


def _eval_scorers(args: argparse.Namespace, table: bool) -> tuple[list, list[str]]:
    """The scorers to evaluate, resolved once (calibrated unless --scale raw), and skip notes.

    For the table every installed scorer is the default and a missing extra is skipped with a
    note; a scorer named with --scorer must be there."""
    from newstone.tone.calibrate import CalibratedScorer, load_calibrations
    from newstone.tone.scorers import ML_INSTALL_HINT
    from newstone.tone.sentiment import get_scorer, recommended_scorers, scorer_installed

    names = args.scorers or (recommended_scorers() if table else ["vader"])
    skipped = [n for n in names if not scorer_installed(n)] if table and not args.scorers else []
    resolved = []
    for name in names:
        if name in skipped:
            continue
        raw = get_scorer(name)
        resolved.append(raw if args.scale == "raw" else CalibratedScorer(raw, load_calibrations().get(name)))
    notes = [f"skipped {n}: not installed ({ML_INSTALL_HINT})" for n in skipped]
    return resolved, notes


DATA_NEEDED = ("{root}: no evaluation data; `newstone eval` without PATH needs the shared data set: "
               "{root}/vader/*_GroundTruth.txt and/or {root}/newsmtsc/devtest_mt.jsonl (pass --data DIR)")


EXPECTED_ITEMS = {
    "vader": "expected lines of id<TAB>mean rating<TAB>text",
    "newsmtsc": "expected JSON objects with a sentence and its targets",
    "polnear": "expected JSON objects with an article's text and its attributions",
}


def _reason(exc: BaseException) -> str:
    """An exception as one line without repeating what the caller already says (a decode error's
    codec jargon becomes the byte that is not UTF-8)."""
    if isinstance(exc, UnicodeDecodeError):
        return f"not UTF-8 text (byte {exc.start})"
    return " ".join(str(exc).split())


def cmd_eval(args: argparse.Namespace) -> int:
    """One file (the contract: one JSON object per scorer) or, without PATH, the table of every
    scorer over the data folder's held-out parts (`make evaluate`)."""
    from newstone.evaluate.tone import evaluate_newsmtsc, evaluate_vader_format, markdown_table, run_evaluation

    table = args.path is None
    if not table and args.format == "polnear":  # attribution, not tone: no scorer involved
        path = Path(args.path)
        if not path.exists():
            _error(f"{path}: file not found")
            return EXIT_FAILED
        return _eval_polnear(path, args)
    try:
        scorers, notes = _eval_scorers(args, table)
    except (ValueError, ImportError) as exc:
        _error(str(exc))
        return EXIT_USAGE
    for note in notes:
        print(f"newstone: {note}", file=sys.stderr)
    if table:
        root = Path(args.data)
        if not ((root / "vader").is_dir() or (root / "newsmtsc" / "devtest_mt.jsonl").is_file()):
            _error(DATA_NEEDED.format(root=root))
            return EXIT_FAILED
        try:
            evaluation = run_evaluation(root, scorers, held_out_only=not args.all_snippets, rating_classes=args.rating_classes)
        except (ValueError, OSError) as exc:
            _error(str(exc))
            return EXIT_FAILED
        frame = evaluation.metrics
        if args.json:
            for rec in frame.to_dict(orient="records"):
                print(json.dumps({**rec, "scale": args.scale}, default=float))
        else:
            print(markdown_table(frame))
        return EXIT_OK
    path = Path(args.path)
    if not path.exists():
        _error(f"{path}: file not found")
        return EXIT_FAILED
    fmt = args.format or ("newsmtsc" if path.suffix.lower() == ".jsonl" else "vader")
    for scorer in scorers:
        try:
            if fmt == "vader":
                result = evaluate_vader_format(path, scorer, rating_classes=args.rating_classes)
            else:
                result = evaluate_newsmtsc(path, scorer)
        except (ValueError, KeyError, OSError) as exc:
            _error(f"{path}: cannot evaluate as {fmt} data ({_reason(exc)})")
            return EXIT_FAILED
        if not result["n"]:  # metrics of nothing are no measurement
            _error(f"{path}: no {fmt} items to evaluate ({EXPECTED_ITEMS[fmt]})")
            return EXIT_FAILED
        result = {"scorer": scorer.name, "format": fmt, "scale": args.scale, **result}
        if args.json:
            print(json.dumps(result, default=float))
        else:
            r = result.get("pearson_r")
            print(
                f"{path} ({fmt}, {result['n']} items), scorer {scorer.name} ({args.scale}): "
                f"pearson r {'n/a' if r is None else f'{r:.3f}'}, F1 weighted {result['f1_weighted']:.3f}, "
                f"F1 macro {result['f1_macro']:.3f}, accuracy {result['accuracy']:.3f}"
            )
    return EXIT_OK


def _eval_polnear(path: Path, args: argparse.Namespace) -> int:
    """Attribution (who said what) against PolNeAR-style annotations, textacy as a reference."""
    from newstone.text.nlp import PEOPLE_EXCLUDE, PipelineUnavailable, load_pipeline
    from newstone.evaluate.polnear import evaluate_polnear, metrics_table, newstone_engine, textacy_engine

    try:
        rows = {"newstone": evaluate_polnear(path, newstone_engine(load_pipeline(PEOPLE_EXCLUDE)), args.part)}
        if args.textacy:  # textacy reads lemmas: the whole pipeline
            rows["textacy"] = evaluate_polnear(path, textacy_engine(load_pipeline()), args.part)
    except PipelineUnavailable as exc:
        _error(str(exc))
        return EXIT_FAILED
    except ImportError as exc:
        _error(f"the textacy reference row needs textacy ({exc.name}); install it with: pip install 'textacy>=0.13,<0.14'")
        return EXIT_USAGE
    except (ValueError, KeyError, OSError, UnicodeDecodeError) as exc:
        _error(_reason(exc) if str(path) in str(exc) else f"{path}: cannot evaluate as polnear data ({_reason(exc)})")
        return EXIT_FAILED
    if not rows["newstone"]["articles"]:
        _error(f"{path}: no polnear articles to evaluate ({EXPECTED_ITEMS['polnear']})")
        return EXIT_FAILED
    if args.json:
        print(json.dumps({"format": "polnear", "part": args.part, **rows}, default=float))
    else:
        print(f"{path} (polnear, {args.part} articles)")
        print(metrics_table(rows))
    return EXIT_OK
