"""Warm kernels: one Jupyter kernel per rendering process, reused from report to report.

A fresh kernel per report pays its start and every import (pandas, matplotlib, the scorer's
model) again. Here a kernel starts once; before each report its namespace is reset (`%reset -f`,
working folder, open figures, once-per-location warnings), so what a report shows depends only
on its own cells: the HTML is byte-identical to a fresh kernel's (tests/test_render.py checks it).
Kernels die with the process that started them (lifeline), and a kernel that failed a report is
replaced before the next one.
"""

from __future__ import annotations

import atexit
import itertools
import os
import sys
from pathlib import Path
from typing import Any

from newstone.corpus.lifeline import child_preexec

STATIC_ENV = "NEWSTONE_STATIC"  # set for kernels that run without a front end
CELL_TIMEOUT = int(os.environ.get("NEWSTONE_CELL_TIMEOUT", "1800"))  # seconds one cell may run
START_TIMEOUT = 120
KERNEL_ARGS = ["--IPKernelApp.log_level=ERROR"]  # its log only says that local TCP is unencrypted

# Run before every report on a warm kernel. Names are removed, not modules: imports stay loaded.
RESET_CODE = """\
get_ipython().run_line_magic("reset", "-f")
import os as _ns_os, sys as _ns_sys, warnings as _ns_warnings
_ns_os.chdir({cwd!r})
if "matplotlib.pyplot" in _ns_sys.modules:
    _ns_sys.modules["matplotlib.pyplot"].close("all")
_ns_warnings._filters_mutated()
del _ns_os, _ns_sys, _ns_warnings
"""


class KernelMissingError(RuntimeError):
    """The Jupyter kernel asked for is not registered in this environment."""


def registered_kernels() -> set[str]:
    from jupyter_client.kernelspec import KernelSpecManager

    return set(KernelSpecManager().find_kernel_specs())


def resolve_kernel(name: str, explicit: bool = False) -> tuple[str, str]:
    """(kernel name, note). An unregistered notebook kernel runs on this interpreter, with a note.

    After `pip install -e .` (no `make`) the `newstone` kernel is not registered; the notebooks
    still run, on the interpreter that runs newstone. A kernel named with `--kernel` must exist.
    """
    if name in registered_kernels():
        return name, ""
    if explicit:
        raise KernelMissingError(
            f"Jupyter kernel {name!r} is not registered for this environment; register it with "
            f"`make lab` or `{sys.executable} -m ipykernel install --sys-prefix --name {name}`"
        )
    return name, (f"Jupyter kernel {name!r} is not registered; running the notebooks on {sys.executable} "
                  f"(`{sys.executable} -m ipykernel install --sys-prefix --name {name}` registers it for JupyterLab)")


def _spec_manager() -> Any:
    """A kernel spec manager that falls back to this interpreter for an unregistered kernel."""
    from jupyter_client.kernelspec import KernelSpec, KernelSpecManager, NoSuchKernel

    class WithThisInterpreter(KernelSpecManager):
        def get_kernel_spec(self, kernel_name: str) -> KernelSpec:
            try:
                return super().get_kernel_spec(kernel_name)
            except NoSuchKernel:
                return KernelSpec(
                    argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                    display_name=f"Python ({kernel_name})", language="python", resource_dir="",
                )

    return WithThisInterpreter()


class WarmKernel:
    """One kernel, started on first use and reset before every notebook it runs."""

    def __init__(self, kernel_name: str):
        self.kernel_name = kernel_name
        self.km: Any = None
        self.kc: Any = None

    def start(self, cwd: str) -> None:
        from jupyter_client import KernelManager

        # Views that would create live widgets render statically: no widget front end listens,
        # and nbclient can block on widget messages (jupyter/nbclient#312).
        env = {**os.environ, STATIC_ENV: "1"}
        # Unix sockets in a private folder, not TCP ports: two processes starting kernels at the
        # same moment cannot pick the same free port and lose the race to bind it.
        self.km = KernelManager(kernel_name=self.kernel_name, kernel_spec_manager=_spec_manager(),
                                transport="ipc", ip=os.path.join(_socket_dir(), f"k{next(_NUMBERS)}"))
        self.km.start_kernel(extra_arguments=KERNEL_ARGS, env=env, cwd=cwd, preexec_fn=child_preexec(os.getpid()))
        self.kc = None  # the first NotebookClient starts it (and waits until the kernel is ready)

    def run(self, nb: Any, cwd: str) -> Any:
        """Execute every cell of `nb` (in place) in a clean namespace; raises on a failing cell."""
        from nbformat.v4 import new_code_cell

        if self.km is None or not self.km.is_alive():
            self.shutdown()
            self.start(cwd)
        # The reset runs as a first cell through the same client (a second client on the same
        # channels loses replies), and is taken out again before anyone sees the notebook.
        cells = nb.cells
        nb.cells = [new_code_cell(RESET_CODE.format(cwd=cwd))] + cells
        client = _client_class()(nb, km=self.km, timeout=CELL_TIMEOUT, kernel_name=self.kernel_name,
                                 resources={"metadata": {"path": cwd}}, startup_timeout=START_TIMEOUT)
        client.kc = self.kc
        try:
            client.execute()
        except KeyboardInterrupt:
            # The render is being abandoned: the reply it was awaiting fails when the channels
            # close at exit, and asyncio would print that task's traceback under "interrupted".
            import logging

            logging.getLogger("asyncio").setLevel(logging.CRITICAL)
            raise
        finally:
            self.kc = client.kc
            reset_cell, nb.cells = nb.cells[0], cells
        if reset_cell.get("outputs"):
            raise RuntimeError(f"could not reset the kernel: {reset_cell.outputs[0]}")
        return nb

    def shutdown(self) -> None:
        if self.kc is not None:
            self.kc.stop_channels()
        if self.km is not None:
            try:
                if self.km.has_kernel:
                    self.km.shutdown_kernel(now=True)
            except RuntimeError:
                pass
            self.km.cleanup_resources()
        self.km = self.kc = None


def _client_class() -> type:
    """nbclient's NotebookClient, keeping the process's own Ctrl-C and SIGTERM behaviour.

    nbclient replaces both signals' handlers with one that only shuts the kernel down; the render
    then waited for ever on the dead kernel, and neither Ctrl-C nor `kill` ended it. Without them
    Ctrl-C is a KeyboardInterrupt (the command says "interrupted" and exits 130) and SIGTERM ends
    the process, its kernels with it (lifeline).
    """
    import asyncio
    import signal
    from contextlib import asynccontextmanager

    from nbclient import NotebookClient

    class Client(NotebookClient):
        @asynccontextmanager
        async def async_setup_kernel(self, **kwargs: Any) -> Any:
            async with super().async_setup_kernel(**kwargs):
                loop = asyncio.get_running_loop()
                for sig in (signal.SIGINT, signal.SIGTERM):
                    try:
                        loop.remove_signal_handler(sig)
                    except (NotImplementedError, RuntimeError, ValueError):  # no signals here (Windows, a thread)
                        pass
                yield

    return Client


_KERNELS: dict[str, WarmKernel] = {}
_SOCKETS: list[str] = []
_NUMBERS = itertools.count(1)


def _socket_dir() -> str:
    """This process's folder for kernel sockets (removed when its kernels are shut down)."""
    if not _SOCKETS:
        import tempfile

        _SOCKETS.append(tempfile.mkdtemp(prefix="newstone-kernels-"))
    return _SOCKETS[0]


def warm_kernel(kernel_name: str) -> WarmKernel:
    """This process's kernel for `kernel_name` (one each; shut down when the process ends)."""
    if kernel_name not in _KERNELS:
        _KERNELS[kernel_name] = WarmKernel(kernel_name)
    return _KERNELS[kernel_name]


def discard_kernel(kernel_name: str) -> None:
    """Shut a kernel down (after a failed report: its state is unknown); the next use starts anew."""
    kernel = _KERNELS.pop(kernel_name, None)
    if kernel:
        kernel.shutdown()


def shutdown_all() -> None:
    import shutil

    for name in list(_KERNELS):
        discard_kernel(name)
    while _SOCKETS:
        shutil.rmtree(_SOCKETS.pop(), ignore_errors=True)


atexit.register(shutdown_all)


def notebook_cwd(notebook: str | os.PathLike) -> str:
    return str(Path(notebook).resolve().parent)
