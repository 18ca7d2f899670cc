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


def die_with_parent(parent_pid: int | None = None) -> None:
    """Ask for SIGKILL when our parent exits; exit now if it already has (`parent_pid` given)."""
    if _prctl is not None:
        _prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    if parent_pid is not None and os.getppid() != parent_pid:
        os._exit(1)  # the parent died before the signal was armed


def child_preexec(parent_pid: int):
    """A `preexec_fn` for subprocesses (kernels) that must die with the process starting them."""

    def arm() -> None:
        die_with_parent(parent_pid)

    return arm
