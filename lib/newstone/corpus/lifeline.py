"""Processes that die with their parent: a `kill -9` of the command leaves no worker or kernel behind.

Linux's parent-death signal (prctl PR_SET_PDEATHSIG) asks the kernel to send SIGKILL to a
process the moment its parent exits, however the parent went. Elsewhere this is a no-op.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys

PR_SET_PDEATHSIG = 1

try:  # resolved once, in the parent: a child between fork and exec should only make the call
    _prctl = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True).prctl if sys.platform.startswith("linux") else None
except (OSError, AttributeError):  # pragma: no cover - no libc with prctl
    _prctl = None


def die_with_parent(parent_pid: int | None = None, watchdog: bool = True) -> None:
    """End this process when its parent does: SIGKILL on the parent's death where prctl works,
    else (with `parent_pid`) a daemon thread polling the parent's pid; a parent already gone
    before this ran ends the process at once. `watchdog=False` between fork and exec (no threads there)."""
    armed = False
    if _prctl is not None:
        armed = _prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0
    if parent_pid is None:
        return
    if os.getppid() != parent_pid:
        os._exit(1)  # the parent died before the signal was armed
    if not armed and watchdog:
        import threading
        import time

        def watch() -> None:
            while os.getppid() == parent_pid:
                time.sleep(1.0)
            os._exit(1)

        threading.Thread(target=watch, name="newstone-parent-watchdog", daemon=True).start()


def child_preexec(parent_pid: int):
    """A `preexec_fn` for subprocesses (kernels) that must die with the process starting them."""

    def arm() -> None:
        die_with_parent(parent_pid, watchdog=False)

    return arm
