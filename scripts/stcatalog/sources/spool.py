"""The loaded guides kept on disk, read back one at a time: a catalog of 10,000 guides holds about
10 GB as Python objects, more than a CI runner has, while each guide is needed only while its
rows or pages are made.

Each guide is pickled into one private temporary file (created by this process, removed when it
exits, never shared), so reading it back is safe; reads use pread, so processes forked from this
one (the checks, the XLSX on the other core) read it without moving each other's file offset."""

from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Iterator, Sequence
from typing import overload

from ..model.catalog import Guide


class GuideSpool(Sequence[Guide]):
    """A sequence of guides, pickled on disk; only their offsets (and ids) stay in memory."""

    def __init__(self, folder: str | None = None):
        self._file = tempfile.TemporaryFile(dir=folder)  # noqa: SIM115  # lives as long as the spool
        self._end = 0
        self._slots: list[tuple[int, int]] = []  # (offset, length) of each record, in sequence order
        self.ids: list[str] = []

    def append(self, guide: Guide) -> None:
        data = pickle.dumps(guide, protocol=pickle.HIGHEST_PROTOCOL)
        os.pwrite(self._file.fileno(), data, self._end)
        self._slots.append((self._end, len(data)))
        self._end += len(data)
        self.ids.append(guide.id)

    def reorder(self, order: list[int]) -> None:
        """Put the guides in this order (indexes into the current order), e.g. back into file order
        when they were checked out of order."""
        self._slots = [self._slots[i] for i in order]
        self.ids = [self.ids[i] for i in order]

    def _read(self, slot: tuple[int, int]) -> Guide:
        offset, length = slot
        return pickle.loads(os.pread(self._file.fileno(), length, offset))

    def __len__(self) -> int:
        return len(self._slots)

    @overload
    def __getitem__(self, index: int) -> Guide: ...
    @overload
    def __getitem__(self, index: slice) -> list[Guide]: ...
    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._read(s) for s in self._slots[index]]
        return self._read(self._slots[index])

    def __iter__(self) -> Iterator[Guide]:
        for slot in list(self._slots):
            yield self._read(slot)
