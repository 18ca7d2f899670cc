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

    from newstone.evaluate.cli import add_eval_parser

    add_eval_parser(sub)

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
