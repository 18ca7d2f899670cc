"""Where the parts of a `newstone score` run are scored: local processes or a dask cluster.

`local` runs parts in this process for one job, else in a pool of processes (forked, or spawned
when the client has other threads, see `start_method`) started
once and warmed up while the client plans; every worker dies with the client (a parent-death
signal on Linux, a watchdog on the parent's pid elsewhere), so a killed run leaves nothing
behind that keeps writing. `dask` runs them on a `distributed` cluster, a new local one or an
existing one given by its scheduler address; there, inputs and DIR must be on storage every
worker sees at the same path.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Callable, Iterable
from typing import Any

from newstone.corpus.actors import actor_pipeline
from newstone.corpus.batch import resolve_scorer
from newstone.corpus.parts import run_part
from newstone.corpus.plan import ScoreError, part_where



def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def start_method() -> str:
    """"fork" while this process has a single thread (Linux; the command line), else "spawn".

    A forked worker starts with the client's imports and needs no semaphore tracker process:
    about 0.3-0.4 CPU-s less per worker than spawning a fresh interpreter. Forking a process with
    other threads (a Jupyter kernel, pyarrow once imported) can inherit a lock held by one of them,
    so then workers are spawned as before.
    """
    try:
        single = len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return "spawn"
    return "fork" if single and sys.platform.startswith("linux") else "spawn"


def _warm(scorer: str, actors: bool = False) -> None:
    """Import everything and build the scorer (and the spaCy pipeline) once, while the client is still planning."""
    import newstone.text.clean  # noqa: F401
    import newstone.text.segment  # noqa: F401
    import pyarrow  # noqa: F401

    resolve_scorer(scorer)
    if actors:
        actor_pipeline()


def _start_worker(parent: int, scorer: str, actors: bool = False) -> None:
    """Initializer of every pool process: tie it to the client, then warm it up."""
    from newstone.corpus.lifeline import die_with_parent  # ctypes: only worker processes need it

    die_with_parent(parent)
    _warm(scorer, actors)


class LocalEngine:
    """Parts in this process (jobs=1), or in `jobs - 1` worker processes and this one.

    The pool is started once and warmed up (imports, scorer) while the client plans; the
    client then scores parts itself between handing them out, so `jobs` cores are busy, not
    `jobs` workers plus an idle client. Output does not depend on who scored which part: the
    tables are assembled in plan order.
    """

    def __init__(self, jobs: int, scorer: str, actors: bool = False):
        self.jobs = jobs
        self.scorer = scorer
        self.actors = actors
        self.pool: Any = None
        self.warm: list[Any] = []
        if jobs > 1:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            workers = jobs - 1
            self.pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(start_method()),
                                            initializer=_start_worker, initargs=(os.getpid(), scorer, actors))
            self.warm = [self.pool.submit(_warm, scorer, actors) for _ in range(workers)]

    def run(self, tasks: list[dict[str, Any]], on_done: Callable[[dict[str, Any]], None]) -> list[str]:
        failures: list[str] = []

        def here(task: dict[str, Any]) -> None:
            try:
                result = run_part(task)
            except Exception as exc:  # one part's failure is a message, as from a worker
                failures.append(_part_failure(task["part"], exc))
                return
            on_done(result)

        if self.pool is None:
            for task in tasks:
                here(task)
            return failures
        import threading
        from concurrent.futures import FIRST_COMPLETED, wait

        for future in self.warm:
            exc = future.exception()
            if exc is not None:
                raise ScoreError(f"cannot start the workers ({type(exc).__name__}: {exc})")
        # Everyone takes the next part in plan order, so parts finish roughly in order and the
        # client can write each into the final tables while the others still run. A worker holds
        # one part and gets the next the moment it hands one back (from the pool's result thread):
        # it never waits for the client to finish a part of its own, and at the end no part sits
        # queued behind a busy worker while the client has nothing left to do.
        queue = deque(tasks)
        lock = threading.Lock()
        futures: dict[Any, dict[str, Any]] = {}

        def take() -> dict[str, Any] | None:
            with lock:
                return queue.popleft() if queue else None

        def feed(_: Any = None) -> None:
            task = take()
            if task is None:
                return
            try:
                future = self.pool.submit(run_part, task)
            except RuntimeError:  # a broken pool (a worker died) or one shutting down: the client runs it
                with lock:
                    queue.appendleft(task)
                return
            with lock:
                futures[future] = task
            future.add_done_callback(feed)

        def collect(block: bool) -> None:
            with lock:
                pending = list(futures)
            if not pending:
                return
            done, _ = wait(pending, timeout=None if block else 0, return_when=FIRST_COMPLETED)
            with lock:
                finished = {f: futures.pop(f) for f in done}
            failures.extend(_collect(done, finished, on_done))

        try:
            for _ in range(self.jobs - 1):
                feed()
            _warm(self.scorer, self.actors)
            while (task := take()) is not None:
                here(task)
                collect(block=False)
            while True:
                with lock:
                    if not futures:
                        break
                collect(block=True)
        finally:  # an interrupt: workers finishing a part take no further one
            with lock:
                queue.clear()
        return failures

    def close(self, interrupted: bool = False) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def _collect(done: Iterable[Any], futures: dict[Any, dict[str, Any]], on_done: Callable[[dict[str, Any]], None]) -> list[str]:
    """Hand each finished part to `on_done` as it completes; a failed part becomes a message.

    Both engines use it: `done` is their own as_completed over `futures` (future -> task).
    """
    failures: list[str] = []
    for future in done:
        try:
            result = future.result()
        except Exception as exc:
            failures.append(_part_failure(futures[future]["part"], exc))
            continue
        on_done(result)
    return failures


def _part_failure(part: dict[str, Any], exc: BaseException) -> str:
    message = " ".join(str(exc).split())  # one line, whatever the worker said
    if len(message) > 500:
        message = message[:500] + "…"
    return f"{part_where(part)}: part {part['index']} failed ({type(exc).__name__}: {message})"


def _check_workers(client: Any, out: str, tasks: list[dict[str, Any]]) -> None:
    """Fail early and clearly when workers cannot see the output folder or the inputs."""
    probe = [out]
    for task in tasks[:1]:
        part = task["part"]
        probe.append(part["table"]["path"] if part["kind"] == "table" else part["files"][0]["path"])
    try:
        seen = client.run(_paths_exist, probe)
    except Exception as exc:
        raise ScoreError(
            f"dask workers cannot run newstone ({type(exc).__name__}: {exc}); install the same newstone "
            "version on every worker"
        ) from None
    missing = {worker: paths for worker, paths in seen.items() if paths}
    if missing:
        worker, paths = next(iter(missing.items()))
        raise ScoreError(
            f"dask worker {worker} cannot see {', '.join(paths)}: inputs and --out must be on storage "
            "shared by every worker, at the same path"
        )


def _paths_exist(paths: list[str]) -> list[str]:
    return [p for p in paths if not os.path.exists(p)]


class DaskEngine:
    """Parts as tasks on a dask.distributed cluster: a new LocalCluster, or the one at `scheduler`."""

    def __init__(self, jobs: int, scorer: str, scheduler: str | None):
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise ScoreError("the dask engine needs dask.distributed: pip install 'dask[distributed]'") from None
        import logging

        self.cluster: Any = None
        if scheduler:
            try:
                self.client = Client(scheduler, timeout="30s")
            except OSError as exc:
                raise ScoreError(f"cannot reach the dask scheduler at {scheduler} ({exc})") from None
        else:
            self.cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                                        dashboard_address=None, silence_logs=logging.ERROR)
            self.client = Client(self.cluster)
        self.scorer = scorer

    def run(self, tasks: list[dict[str, Any]], on_done: Callable[[dict[str, Any]], None]) -> list[str]:
        from distributed import as_completed

        if not tasks:
            return []
        _check_workers(self.client, tasks[0]["out"], tasks)
        futures = {}
        for task in tasks:
            future = self.client.submit(run_part, task, key=f"newstone-score-{task['part']['key']}", pure=False)
            futures[future] = task
        return _collect(as_completed(futures), futures, on_done)

    def close(self, interrupted: bool = False) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


