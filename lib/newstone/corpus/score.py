"""Score a whole corpus: every sentence of every document (and, asked, its actors) into Parquet tables.

`newstone score INPUT... --out DIR` (or `score_corpus`) reads folders of files, globs and tables
(CSV, JSON Lines, Parquet), cleans, segments and scores each document, and writes

* `DIR/documents.parquet`: one row per document (id, source, title, date, site, counts and
  tone aggregates: `newstone.corpus.tables.DOCUMENT_FIELDS`);
* `DIR/sentences.parquet`: one row per sentence (`newstone.corpus.tables.SENTENCE_FIELDS`);
* `DIR/actors.parquet` with `actors=True` (`--actors`): one row per actor of a document
  (`newstone.corpus.tables.ACTOR_FIELDS`), found by the spaCy people layer as `analyze` finds them;
* `DIR/errors.jsonl`: one JSON object per document, row or file that could not be scored;
* `DIR/manifest.json`: the inputs, parameters and plan of the run, and its totals.

How it scales: the input is cut into keyed parts once (`newstone.corpus.plan`); each part is
read, scored and written by a worker (`newstone.corpus.parts`, `newstone.corpus.engines`), so
memory depends on the chunk size, never on the corpus; the final tables are assembled from the
parts in plan order (`newstone.corpus.assemble`). A second run over the same DIR skips finished
parts whose key matches and redoes the rest, so an interrupted run resumes where it stopped and
a changed input (its bytes, not its size or time) or scorer never reuses stale parts.
"""

from __future__ import annotations

import dataclasses
import os
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from newstone import __version__
from newstone.text.inputs import collect_inputs
from newstone.text.read import Columns
from newstone.corpus.batch import check_scorer, score_document  # noqa: F401  (the scoring API)
from newstone.corpus.engines import DaskEngine, LocalEngine, default_jobs  # noqa: F401
from newstone.corpus.parts import finished_part
from newstone.corpus.plan import ScoreError, part_rows, part_where, plan_parts, run_parameters
from newstone.corpus.state import FolderLock, clean_parts_dir, is_within, read_manifest, write_json
from newstone.corpus.assemble import Assembly
from newstone.corpus.scored import load_scored  # noqa: F401  (reading the tables back)

DEFAULT_CHUNK_SIZE = 500
DEFAULT_ACTOR_CHUNK_SIZE = 50  # with --actors a document costs ~30x more: smaller parts keep cores busy and resumes short
SMALL_INPUT_BYTES = 4 << 20  # below this (and SMALL_INPUT_ROWS documents) one process does it all
SMALL_INPUT_ROWS = 2000
SMALL_ACTOR_ROWS = 100  # with --actors: a worker loading spaCy pays for itself sooner
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


@dataclasses.dataclass
class ScoreResult:
    """What a run wrote and what went wrong."""

    out: Path
    documents: int
    sentences: int
    errors: list[str]
    parts: int
    reused: int
    failed_parts: int
    seconds: float
    warnings: list[str] = dataclasses.field(default_factory=list)
    actors: int | None = None  # rows of actors.parquet; None when actors were not asked for

    @property
    def ok(self) -> bool:
        return not self.errors


def score_corpus(
    inputs: str | os.PathLike | Iterable[str | os.PathLike],
    out: str | os.PathLike,
    *,
    scorer: str = "vader",
    columns: Columns | None = None,
    chunk_size: int | None = None,
    jobs: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    on_error: Callable[[str], None] | None = None,
    progress: bool | None = None,
    actors: bool = False,
    targets: str | None = None,
) -> ScoreResult:
    """Score every document of the inputs into OUT (see the module docstring); resumable.

    `on_error` is called with each one-line error as it is known (default: collected only);
    `progress` shows a tqdm bar on stderr (None: only when stderr is a terminal); `actors` adds
    actors.parquet (far slower: every document is parsed by spaCy). `chunk_size` (rows or files
    per part) defaults to DEFAULT_CHUNK_SIZE, or DEFAULT_ACTOR_CHUNK_SIZE with actors. `targets`
    ("Taliban;Ahmad Masoud|Masoud") are the actors to follow instead of the ones found; they imply
    `actors`.
    """
    started = time.perf_counter()
    columns = columns or Columns()
    if targets is not None:
        from newstone.corpus.actors import target_list

        try:
            targets = ";".join("|".join(t.terms) for t in target_list(targets) or [])  # checked, in one spelling
        except (TypeError, ValueError) as exc:
            raise ScoreError(f"--targets: {exc}") from None
        actors = True
    if chunk_size is None:
        chunk_size = DEFAULT_ACTOR_CHUNK_SIZE if actors else DEFAULT_CHUNK_SIZE
    if chunk_size < 1:
        raise ScoreError("--chunk-size must be at least 1")
    if engine not in ("local", "dask"):
        raise ScoreError(f"unknown engine {engine!r}; expected local or dask")
    if scheduler:
        engine = "dask"
    check_scorer(scorer)
    jobs = jobs or default_jobs()
    out = Path(out).absolute()
    (out / "parts").mkdir(parents=True, exist_ok=True)
    report = on_error or (lambda message: None)

    def start_engine(rows: int | None = None) -> Any:
        if engine == "dask":
            return DaskEngine(jobs, scorer, scheduler)
        limit = SMALL_ACTOR_ROWS if actors else SMALL_INPUT_ROWS  # the parse makes each document far dearer
        small = rows is not None and rows < limit  # starting a worker costs more than it saves
        return LocalEngine(1 if small else jobs, scorer, actors)

    with FolderLock(out):
        previous = read_manifest(out)
        files, problems = collect_inputs(inputs)
        files = [f for f in files if not is_within(f.path, out)]  # never our own output
        # A fresh run over a large input starts its workers first, so that they import and load
        # the scorer while the input is planned; otherwise the plan decides how many are worth it.
        big = engine == "dask" or _input_bytes(files) >= SMALL_INPUT_BYTES
        runner = start_engine() if previous is None and big else None
        assembly: Assembly | None = None
        try:
            params = run_parameters(scorer, columns, actors, targets or None)
            parts, entries, warnings = plan_parts(files, columns, chunk_size, params, previous, problems)
            manifest = {
                "newstone": __version__, "params": params, "scorer": scorer, "columns": dataclasses.asdict(columns),
                "chunk_size": chunk_size, "files": entries,
                "parts": [{"index": p["index"], "key": p["key"], "where": part_where(p), "rows": part_rows(p)}
                          for p in parts],
            }
            write_json(out / "manifest.json", manifest)
            clean_parts_dir(out / "parts", len(parts))

            todo, reused = [], []
            for p in parts:
                if p["kind"] == "error":
                    continue
                finished = finished_part(out, p, actors)
                if finished is not None:
                    reused.append(finished)
                else:
                    todo.append({"part": p, "out": str(out), "scorer": scorer,
                                 "columns": dataclasses.asdict(columns), "params": params})
            bar = _progress_bar(sum(part_rows(p) for p in parts), progress, sum(r["rows"] for r in reused))
            totals = {"reused": 0, "new_docs": 0, "new_sents": 0}
            errors: list[str] = []

            def tell(messages: list[str]) -> None:
                errors.extend(messages)
                if not messages:
                    return
                if bar is None:
                    for message in messages:
                        report(message)
                    return
                from tqdm import tqdm

                with tqdm.external_write_mode(file=sys.stderr):  # keep the bar whole
                    for message in messages:
                        report(message)

            tell([p["error"] for p in parts if p["kind"] == "error"])
            run_started = time.perf_counter()
            # The final tables are written while the run goes on: each part as soon as it and every
            # part before it are done, so the merge overlaps the scoring of later parts.
            assembly = Assembly(out, parts, {"newstone": __version__, "scorer": scorer, "params": params}, actors)
            ready: set[int] = set()

            def done(result: dict[str, Any]) -> None:
                if result["reused"]:
                    totals["reused"] += 1
                else:
                    totals["new_docs"] += result["documents"]
                    totals["new_sents"] += result["sentences"]
                tell(result["errors"])
                if bar is not None and not result["reused"]:
                    elapsed = max(time.perf_counter() - run_started, 1e-9)
                    bar.set_postfix_str(
                        f"{totals['new_sents'] / elapsed:,.0f} sentences/s, {len(errors)} errors", refresh=False)
                    bar.update(result["rows"])
                ready.add(result["index"])
                assembly.advance(ready)

            for finished in reused:
                done(finished)
            failures: list[str] = []
            run_started = time.perf_counter()
            try:
                if todo:
                    runner = runner or start_engine(sum(part_rows(t["part"]) or chunk_size for t in todo))
                    failures = runner.run(todo, done)
            finally:
                if bar is not None:
                    bar.close()
        except BaseException:
            if assembly is not None:
                assembly.discard()  # the previous tables stay as they were
            raise
        finally:
            if runner is not None:
                runner.close()
        for message in failures:
            errors.append(message)
            report(message)
        with assembly:
            counts = assembly.finish()
        result = ScoreResult(
            out=out, documents=counts["documents"], sentences=counts["sentences"], actors=counts.get("actors"),
            errors=errors,
            parts=len(parts), reused=totals["reused"], failed_parts=len(failures),
            seconds=time.perf_counter() - started, warnings=warnings,
        )
        manifest["summary"] = {"documents": result.documents, "sentences": result.sentences,
                               "errors": len(errors), "failed_parts": len(failures)}
        if actors:
            manifest["summary"]["actors"] = result.actors
        write_json(out / "manifest.json", manifest)
    return result


def _input_bytes(files: list[Any]) -> int:
    total = 0
    for f in files:
        try:
            total += os.stat(f.path).st_size
        except OSError:
            pass
    return total


def _progress_bar(total: int, enabled: bool | None, initial: int = 0) -> Any:
    """Documents (table rows and files) done, with sentences per second; on stderr, only on a terminal by default."""
    if enabled is False:
        return None
    from tqdm import tqdm

    return tqdm(total=total, initial=initial, unit="doc", file=sys.stderr, disable=None if enabled is None else False,
                leave=False, dynamic_ncols=True, smoothing=0.1)



