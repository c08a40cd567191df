"""Child processes (MkDocs, Pagefind, forked workers) that end with the process that started them.

A build killed with SIGKILL runs no cleanup, so the kernel must do it: Linux's PR_SET_PDEATHSIG sends
the child SIGKILL the moment its parent dies. Elsewhere this is a no-op."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys

PR_SET_PDEATHSIG = 1


def _bind_prctl():
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True).prctl
    except (OSError, AttributeError):  # pragma: no cover - every Linux libc has prctl
        return None


_PRCTL = _bind_prctl()  # bound once: the child, between fork and exec, must not load libraries


def die_with_parent() -> None:
    """Ask the kernel to kill this process when its parent dies (call it in the child). If the parent
    is already gone (it died between fork and here), exit now."""
    parent = os.getppid()
    if _PRCTL is not None:
        _PRCTL(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # pragma: no cover - a race the kernel call cannot cover
        os._exit(1)


def terminate_as_interrupt() -> None:
    """Turn SIGTERM into KeyboardInterrupt, so a terminated build removes its temporary folders and
    stops its children the way Ctrl-C does, instead of vanishing mid-write."""

    def handler(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, handler)
