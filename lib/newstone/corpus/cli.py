"""`newstone score` on the command line: its arguments, messages and exit codes.

Exit 0 when every document was scored, 1 when some input, row or part failed (each named in one
line on stderr), 2 for a bad call (unknown scorer, bad option, the output folder locked).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newstone.text.decode import MAX_DOCUMENT_ENV, printable
from newstone.text.inputs import unread_entries
from newstone.text.read_tables import Columns
from newstone.corpus.score import DEFAULT_ACTOR_CHUNK_SIZE, DEFAULT_CHUNK_SIZE, EXIT_FAILED, EXIT_OK, EXIT_USAGE, ScoreError, score_corpus


def add_score_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add `newstone score` to the CLI's subparsers (cheap: nothing heavy is imported)."""
    p = subparsers.add_parser(
        "score", help="score every sentence of a corpus into Parquet tables (resumable, parallel)",
        description="Clean, segment and score every document of the inputs into DIR/documents.parquet and "
                    "DIR/sentences.parquet (and DIR/actors.parquet with --actors). Run it again to resume an "
                    "interrupted run.",
    )
    configure_parser(p)
    return p


def configure_parser(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
    defaults = Columns()
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders or globs (CSV, JSONL, Parquet, text, HTML)")
    p.add_argument("--out", required=True, metavar="DIR", help="output folder (created; reused to resume)")
    p.add_argument("--scorer", default="vader", help="sentiment scorer (see `newstone scorers`)")
    p.add_argument("--text-column", default=defaults.text, metavar="NAME", help="table column with the text (default: text)")
    p.add_argument("--id-column", default=defaults.id, metavar="NAME", help="table column with the document id (default: id; row number when absent)")
    p.add_argument("--title-column", default=defaults.title, metavar="NAME", help="table column with the title (default: title)")
    p.add_argument("--date-column", default=defaults.date, metavar="NAME", help="table column with the date (default: date)")
    p.add_argument("--source-column", default=defaults.source, metavar="NAME", help="table column with the outlet (default: source)")
    p.add_argument("--chunk-size", type=int, default=None, metavar="N",
                   help=f"rows (or files) per part: the unit of parallel work and of resuming "
                        f"(default: {DEFAULT_CHUNK_SIZE}, {DEFAULT_ACTOR_CHUNK_SIZE} with --actors)")
    p.add_argument("-j", "--jobs", type=int, default=None, metavar="N", help="worker processes (default: number of cores)")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local processes, or a dask.distributed cluster (a local one unless --scheduler)")
    p.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help="run on an existing dask cluster, e.g. tcp://host:8786 (implies --engine dask)")
    p.add_argument("--max-document-mb", type=float, default=None, metavar="MB",
                   help=f"refuse a single article above this size (default: ${MAX_DOCUMENT_ENV} or 16; 0: no limit)")
    p.add_argument("--actors", action="store_true",
                   help="also write DIR/actors.parquet: each document's actors, their mentions, the tone about them "
                        "and their statements (parses every document with spaCy: far slower)")
    p.add_argument("--targets", default=None, metavar="SPEC",
                   help="with --actors (implied): the actors to follow instead of the ones found, e.g. "
                        "\"Taliban;Ahmad Masoud|Masoud\" (';' between actors, '|' between spellings)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_score)
    return p


def cmd_score(args: argparse.Namespace) -> int:
    """`newstone score`: exit 0 when every document was scored, 1 when some failed, 2 for a bad call."""
    from newstone.tone.sentiment import UnknownScorerError

    def error(message: str) -> None:
        print(f"newstone: error: {printable(message)}", file=sys.stderr)

    if args.max_document_mb is not None:
        if args.max_document_mb < 0:
            error("--max-document-mb must be 0 (no limit) or more")
            return EXIT_USAGE
        os.environ[MAX_DOCUMENT_ENV] = f"{args.max_document_mb:g}"  # workers inherit it
    for option, value in (("--jobs", args.jobs), ("--chunk-size", args.chunk_size)):
        if value is not None and value < 1:
            error(f"{option} must be 1 or more, not {value}")
            return EXIT_USAGE
    problem = output_folder_problem(args.out)
    if problem:
        error(f"{args.out}: {problem}")
        return EXIT_USAGE
    columns = Columns(text=args.text_column, id=args.id_column, title=args.title_column,
                      date=args.date_column, source=args.source_column)
    try:
        result = score_corpus(
            args.inputs, args.out, scorer=args.scorer, columns=columns, chunk_size=args.chunk_size,
            jobs=args.jobs, engine=args.engine, scheduler=args.scheduler, on_error=error,
            progress=False if args.no_progress else None, actors=args.actors, targets=args.targets,
        )
    except (ScoreError, UnknownScorerError) as exc:
        error(str(exc))
        return EXIT_USAGE
    except OSError as exc:  # the output folder failed under the run (full disk, removed, read-only)
        error(f"{exc.filename or args.out}: cannot write the tables ({exc.strerror or exc}); run again to resume")
        return EXIT_FAILED
    for w in result.warnings + unread_entries(args.inputs):
        print(f"newstone: warning: {printable(w)}", file=sys.stderr)
    if result.parts == 0:
        error(f"no input documents found in {', '.join(map(str, args.inputs))}")
        return EXIT_FAILED
    reused = f" ({result.reused} of {result.parts} parts reused)" if result.reused else ""
    actors = f", {result.actors} actor rows" if result.actors is not None else ""
    print(
        f"{result.documents} documents, {result.sentences} sentences{actors} scored in {result.seconds:.1f} s{reused}; "
        f"{len(result.errors)} errors; tables in {result.out}"
    )
    return EXIT_FAILED if result.errors else EXIT_OK


def output_folder_problem(out: str) -> str | None:
    """Why the output folder cannot hold the tables (a file, not creatable, not writable), or None,
    checked before any input is read so a bad --out costs nothing."""
    path = Path(out)
    if path.exists() and not path.is_dir():
        return "is a file, not a folder (--out names the folder the tables go to)"
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=path):
            pass
    except OSError as exc:
        return f"cannot write the output folder ({exc.strerror or exc})"
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m newstone.corpus.score ...`: the same as `newstone score ...`."""
    parser = configure_parser(argparse.ArgumentParser(prog="newstone score"))
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("newstone: error: interrupted (run the same command again to resume)", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
