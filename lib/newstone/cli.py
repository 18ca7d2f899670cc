"""The `newstone` command line: the same library the notebooks use, for scripts and Makefiles."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Sequence

from newstone import __version__

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _error(message: str) -> None:
    print(f"newstone: error: {_line(message)}", file=sys.stderr)


def _warn(message: str) -> None:
    print(f"newstone: warning: {_line(message)}", file=sys.stderr)


def _line(text: str) -> str:
    """Text from articles and file names as one terminal-safe line (controls escaped)."""
    from newstone.text.decode import printable

    return printable(text)


def _summary_text(result: dict) -> str:
    from newstone.tone.sentiment import describe_tone

    doc = result["document"]
    reasons: dict[str, int] = {}
    for r in result["removed"]:
        reasons[r["reason"]] = reasons.get(r["reason"], 0) + 1
    lines = [
        f"{result['source']}",
        f"  title: {result['title']}",
        f"  {len(result['paragraphs'])} paragraphs, {doc['n_sentences']} sentences; scorer {result['scorer']}",
        f"  tone: {doc['compound']:+.3f} ({describe_tone(doc['compound'])}); "
        f"{doc['share_negative']:.0%} negative, {doc['share_neutral']:.0%} neutral, {doc['share_positive']:.0%} positive sentences",
    ]
    if reasons:
        lines.append("  removed: " + "; ".join(f"{n} × {reason}" for reason, n in reasons.items()))
    for actor in result.get("targets", [])[:8]:  # --targets, or the actors found
        mentions = f"{actor['mentions']} mention{'s' if actor['mentions'] != 1 else ''}"
        about = "no text about it" if actor.get("compound") is None else f"tone about it {actor['compound']:+.3f}"
        lines.append(f"  actor {actor['name']}: {about} ({mentions})")
    if result["sentences"]:
        ranked = sorted(result["sentences"], key=lambda s: s["compound"])
        lines.append(f"  most negative ({ranked[0]['compound']:+.3f}): {ranked[0]['text']}")
        lines.append(f"  most positive ({ranked[-1]['compound']:+.3f}): {ranked[-1]['text']}")
    for w in result["warnings"]:
        lines.append(f"  warning: {w}")
    return "\n".join(_line(line) for line in lines)


def cmd_analyze(args: argparse.Namespace) -> int:
    from newstone.analyze import analyze_document, as_targets
    from newstone.text.inputs import find_input
    from newstone.text.nlp import PEOPLE_EXCLUDE, PipelineUnavailable, load_pipeline
    from newstone.text.read import Columns, InputError, TABLE_SUFFIXES, iter_documents
    from newstone.tone.sentiment import get_scorer

    try:
        get_scorer(args.scorer)
        targets = as_targets(args.targets)
    except ValueError as exc:  # an unknown scorer or a malformed --targets: the call is wrong
        _error(str(exc))
        return EXIT_USAGE
    try:
        nlp = load_pipeline(PEOPLE_EXCLUDE)  # once, for every document
    except PipelineUnavailable as exc:
        _error(str(exc))
        return EXIT_FAILED
    columns = Columns(text=args.text_column)
    single = len(args.paths) == 1 and Path(args.paths[0]).suffix.lower() not in TABLE_SUFFIXES
    status = EXIT_OK
    for path in args.paths:
        try:
            documents = iter_documents(find_input(path), columns)
            for item in documents:
                if isinstance(item, InputError):
                    _error(str(item))
                    status = EXIT_FAILED
                    continue
                try:
                    result = analyze_document(item, scorer=args.scorer, title=args.title, targets=targets, nlp=nlp).to_dict()
                except InputError as exc:
                    _error(str(exc))
                    status = EXIT_FAILED
                    continue
                for w in result["warnings"]:
                    _warn(w)
                if args.json:
                    print(json.dumps(result, ensure_ascii=False, indent=2 if single else None))
                else:
                    print(_summary_text(result))
        except InputError as exc:
            _error(str(exc))
            status = EXIT_FAILED
    return status


def cmd_render(args: argparse.Namespace) -> int:
    from newstone.reports.render import (
        FolderBusyError, KernelMissingError, OutputError, OutputFolderError, ParameterError, parse_assignments, run_plan,
    )
    from newstone.reports.reportsets import ReportSetError

    if args.jobs is not None and args.jobs < 1:
        _error(f"--jobs must be 1 or more, not {args.jobs}")
        return EXIT_USAGE
    try:
        params = parse_assignments(args.param or [])
        planned = _plan(args, params)
    except (ParameterError, ReportSetError) as exc:
        _error(str(exc))
        return EXIT_USAGE
    if not planned:
        _error(f"no input documents found in {', '.join(map(str, args.paths or ['seeds']))}")
        return EXIT_FAILED
    for job in planned:
        if job.note:
            _warn(job.note)
    from newstone.text.inputs import unread_entries

    for line in unread_entries(args.paths or ([] if args.set else ["seeds"])):
        _warn(line)
    bar = _progress(len(planned))
    counts = {"rendered": 0, "skipped": 0, "failed": 0}
    failures: set[str] = set()
    input_errors: list[str] = []

    def report(result) -> None:
        counts[result.status] += 1
        if result.status == "failed":
            failures.add(str(result.error))
            bar.write(f"newstone: error: {_line(f'{result.source}: report failed: {result.error}')}", file=sys.stderr)
        else:  # rows or files a corpus report could not read, said again while they stay bad
            input_errors.extend((result.summary or {}).get("errors", []))
        if result.status == "rendered" and args.verbose:
            bar.write(f"rendered {Path(args.out) / result.html}  ({result.title})")
        bar.set_postfix_str(f"done {counts['rendered']}, skipped {counts['skipped']}, failed {counts['failed']}")
        bar.update(1)

    def warn(message: str) -> None:
        bar.write(f"newstone: warning: {_line(message)}", file=sys.stderr)

    try:
        results = run_plan(planned, args.out, kernel_name=args.kernel, on_result=report, jobs=args.jobs, force=args.force,
                           fresh_kernels=args.fresh_kernels, warn=warn, complete=_is_complete(args))
    except (KernelMissingError, OutputFolderError) as exc:
        _error(str(exc))
        return EXIT_USAGE
    except (FolderBusyError, OutputError) as exc:
        _error(f"{exc}; earlier reports are unchanged")
        return EXIT_FAILED
    finally:
        bar.close()
    input_errors = unread_inputs(input_errors, failures)
    for line in input_errors:
        _error(line)
    skipped = [r.name for r in results if r.status == "skipped"]
    if skipped:
        print(f"skipped {len(skipped)} up-to-date report{'s' if len(skipped) != 1 else ''}: {', '.join(skipped)} (--force renders anyway)")
    print(
        f"{counts['rendered']} rendered, {counts['skipped']} skipped, {counts['failed']} failed"
        + (f", {len(input_errors)} unreadable input{'s' if len(input_errors) != 1 else ''}" if input_errors else "")
        + f"; index: {Path(args.out) / 'index.html'}"
    )
    return EXIT_FAILED if counts["failed"] or input_errors else EXIT_OK


def unread_inputs(lines: list[str], failures: set[str]) -> list[str]:
    """Each unreadable file or row once: a table's rows appear in its own corpus report and in
    its folder's, and a file whose own report failed for that reason was said already."""
    return [line for line in dict.fromkeys(lines) if line not in failures]


def _plan(args: argparse.Namespace, params: dict) -> list:
    """Explicit paths render ad hoc; otherwise reports.yml's sets (or every file in seeds/)."""
    from newstone.reports.plan import plan_jobs
    from newstone.reports.reportsets import ReportSetError, default_sets_file, load_report_sets, plan_sets

    if args.paths and args.set:
        raise ReportSetError("give either input paths or --set, not both")
    sets_file = Path(args.sets) if args.sets else default_sets_file()
    if args.set or (not args.paths and sets_file):
        if not sets_file:
            raise ReportSetError("reports.yml: file not found (needed by --set)")
        return plan_sets(load_report_sets(sets_file), args.set or None, extra=params)
    return plan_jobs(args.paths or ["seeds"], args.notebook, params, corpus=not args.no_corpus)


def _is_complete(args: argparse.Namespace) -> bool:
    """Every set of reports.yml (what `make reports` runs): the folder's complete contents."""
    from newstone.reports.reportsets import default_sets_file

    return not args.paths and not args.set and bool(args.sets or default_sets_file())


def _progress(total: int):
    """A progress bar on stderr when it is a terminal; silent in logs and CI."""
    from tqdm import tqdm

    return tqdm(total=total, unit="report", file=sys.stderr, disable=None, leave=False, dynamic_ncols=True)


def cmd_scorers(args: argparse.Namespace) -> int:
    from newstone.tone.scorers import ML_INSTALL_HINT
    from newstone.tone.sentiment import (DEFAULT_REPORT_SCORER, FALLBACK_REPORT_SCORER, recommended_scorers,
                                    scorer_descriptions, scorer_installed)

    descriptions = scorer_descriptions()
    for name in recommended_scorers():
        marks = ["reports' default"] if name == DEFAULT_REPORT_SCORER else []
        if not scorer_installed(name):
            marks.append(f"not installed: {ML_INSTALL_HINT}"
                         + (f"; reports use {FALLBACK_REPORT_SCORER} instead" if name == DEFAULT_REPORT_SCORER else ""))
        suffix = f" ({'; '.join(marks)})" if marks else ""
        print(f"{name}\t{descriptions[name]}{suffix}" if args.verbose else f"{name}{suffix}")
    return EXIT_OK


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


class _Parser(argparse.ArgumentParser):
    """argparse, with a hint on its one error line when a file name starting with '-' was
    taken for an option (argparse leaves `--` as the only way to pass one)."""

    hint = ""

    def error(self, message: str):  # type: ignore[override]
        super().error(message + self.hint)


def dash_hint(argv: Sequence[str]) -> str:
    """The hint for arguments that look like file names starting with '-' ('' when none do)."""
    from newstone.text.inputs import INPUT_SUFFIXES

    command = next((a for a in argv if not a.startswith("-")), "analyze")
    names = []
    for arg in argv:
        if arg == "--":
            break
        if arg.startswith("-") and arg != "-" and "=" not in arg and (
                Path(arg).suffix.lower() in INPUT_SUFFIXES or os.path.lexists(arg)):
            names.append(arg)
    if not names:
        return ""
    return f" (a file name starting with '-' goes after --, which ends the options: newstone {command} [options] -- {names[0]})"


def _with_hint(parser: argparse.ArgumentParser, hint: str) -> argparse.ArgumentParser:
    parser.hint = hint  # type: ignore[attr-defined]
    for action in parser._actions:  # the subcommands' parsers print their own errors
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                _with_hint(sub, hint)
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="newstone", description="Measure the tone of news articles and render reports.")
    parser.add_argument("--version", action="version", version=f"newstone {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("analyze", help="clean, segment and score articles (files or table rows); print a summary or JSON")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--scorer", default="vader", help="sentiment scorer (see `newstone scorers`)")
    p.add_argument("--title", default=None, help="use this title instead of the detected one")
    p.add_argument("--targets", default=None, metavar="SPEC",
                   help='actors to follow, e.g. "Taliban;Ahmad Masoud|Masoud" (; separates actors, | aliases); default: found automatically')
    p.add_argument("--text-column", default="text", help="tables (.csv/.jsonl/.parquet): the column with the text")
    p.add_argument("--json", action="store_true", help="print one JSON object per document (one per line for several)")
    p.set_defaults(func=cmd_analyze)

    p = sub.add_parser("render", help="render HTML reports with papermill (default: the sets in reports.yml)")
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (default: reports.yml's sets, else seeds/)")
    p.add_argument("-p", "--param", action="append", metavar="NAME=VALUE", help="notebook parameter (repeatable)")
    p.add_argument("--out", default="reports", help="output folder (default: reports)")
    p.add_argument("--notebook", default=None, help="notebook to execute (default: notebooks/article.ipynb)")
    p.add_argument("--kernel", default=None, help="Jupyter kernel name (default: the notebook's)")
    p.add_argument("-j", "--jobs", type=int, default=None, help="reports rendered at once (default: number of cores)")
    p.add_argument("--force", action="store_true", help="render even reports that are up to date")
    p.add_argument("--fresh-kernels", action="store_true", help="start a new kernel for every report (default: reuse warm kernels)")
    p.add_argument("--no-corpus", action="store_true", help="only article reports, no corpus report for folders and tables")
    p.add_argument("--set", action="append", metavar="NAME", help="render this report set from reports.yml (repeatable)")
    p.add_argument("--sets", default=None, metavar="FILE", help="report sets file (default: reports.yml at the project root)")
    p.add_argument("-v", "--verbose", action="store_true", help="print a line for every report rendered")
    p.set_defaults(func=cmd_render)

    from newstone.corpus.cli import add_score_parser

    add_score_parser(sub)

    p = sub.add_parser("eval", help="agreement of scorers with human-labelled data: one file, or the table over a data folder")
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

    p = sub.add_parser("scorers", help="list the available sentiment scorers, recommended first")
    p.add_argument("-v", "--verbose", action="store_true", help="with a description")
    p.set_defaults(func=cmd_scorers)
    return parser


def _printable_streams() -> None:
    """Article text and file names reach the terminal: a character the console cannot show (an
    emoji on a cp1252 console, a file name that is not UTF-8) is printed as an escape, not a crash."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def main(argv: Sequence[str] | None = None) -> int:
    _printable_streams()
    argv = list(sys.argv[1:] if argv is None else argv)
    args = _with_hint(build_parser(), dash_hint(argv)).parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
