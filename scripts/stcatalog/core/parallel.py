"""Both cores, through forked processes: a child inherits the loaded catalog in memory instead of
receiving it pickled. Results come back in order, so output equals a serial run's. Where fork is
not available (or there is one core), the same functions run serially."""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator
from typing import Any

from .children import die_with_parent

_TASKS: dict[int, Callable] = {}  # what forked children inherit


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _can_fork() -> bool:
    return sys.platform == "linux" and cores() > 1


def fork_imap(fn: Callable, items: list, jobs: int | None = None, min_items: int = 8) -> Iterator:
    """fn(x) for x in items, in order, as each result arrives: the caller can store and drop each one,
    so the results are never all in memory at once (a list of 10,000
    checked guides would be)."""
    jobs = jobs or cores()
    if jobs < 2 or len(items) < min_items or not _can_fork():
        yield from (fn(x) for x in items)
        return
    key = id(fn)
    _TASKS[key] = fn
    try:
        with multiprocessing.get_context("fork").Pool(jobs, initializer=die_with_parent) as pool:
            chunk = max(1, min(16, len(items) // (jobs * 8)))
            yield from pool.imap(_Call(key), items, chunksize=chunk)
    finally:
        _TASKS.pop(key, None)


class _Call:
    """The task registered under key, as a picklable one-argument callable (the child has the task: forked)."""

    def __init__(self, key: int):
        self.key = key

    def __call__(self, item) -> Any:
        return _TASKS[self.key](item)


def fork_call(fn: Callable[[], Any]) -> Callable[[], Any]:
    """Start fn() in a child now; the function returned waits for and returns its result."""
    if not _can_fork():
        result = fn()
        return lambda: result
    key = id(fn)
    _TASKS[key] = lambda _: fn()
    pool = multiprocessing.get_context("fork").Pool(1, initializer=die_with_parent)
    pending = pool.apply_async(_Call(key), (None,))
    _TASKS.pop(key, None)  # the child has its copy

    def wait():
        try:
            return pending.get()
        finally:
            pool.close()
            pool.join()

    return wait
