"""Cutting a run into the fewest consecutive parts that each read as something: languages
written without spaces ("中英文同印地文"), institutions joined by "and"."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

_Read = TypeVar("_Read")


def fewest_parts(size: int, part: Callable[[int, int], _Read | None]) -> list[_Read] | None:
    """What `part(start, end)` reads of each part of positions 0 to `size`, cut into the
    fewest parts it reads (None where it reads nothing); None when no cut covers them all."""
    fewest: dict[int, list[_Read]] = {0: []}
    for start in range(size):
        if start not in fewest:
            continue
        for end in range(start + 1, size + 1):
            read = part(start, end)
            if read is not None and (end not in fewest
                                     or len(fewest[end]) > len(fewest[start]) + 1):
                fewest[end] = [*fewest[start], read]
    return fewest.get(size)
