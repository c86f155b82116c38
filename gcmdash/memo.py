"""Results of pure functions computed once and shared by every viewer: per data version, or per argument content.

A Dataset never changes once built, so anything computed from it and from hashable arguments (a frozen
``Filters``, tuples of clicked values) can be reused by the next viewer asking the same: in a Regional
Review most screens show the same region. Each Dataset carries its own bounded store (least recently used
out first, bounded by entries and by the bytes of the tables held), so a replaced version's results go with it.
Chart builders are remembered by the content of their arguments (``by_content``), and what is derived from a
shared object by that object (``by_identity``). Results are shared between sessions and threads: callers must
treat them as read-only. Two threads missing the same key at once may both compute it: harmless for pure functions.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, ParamSpec, TypeVar

import pandas as pd

from gcmdash import settings

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")


class Results:
    """A thread-safe LRU of results, bounded by count and by the bytes of the tables they hold."""

    def __init__(self) -> None:
        self._items: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable) -> tuple[bool, Any]:
        """(True, result) when the key is held (it becomes the most recent), else (False, None)."""
        with self._lock:
            if key not in self._items:
                self.misses += 1
                return False, None
            self._items.move_to_end(key)
            self.hits += 1
            return True, self._items[key][0]

    def put(self, key: Hashable, value: Any) -> None:
        """Keep a result, dropping the least recently used ones beyond the limits."""
        size = nbytes(value)
        limit_bytes = settings.get("view_cache_mb") * 1024 * 1024
        if size > limit_bytes:
            return
        with self._lock:
            if key in self._items:
                self._bytes -= self._items.pop(key)[1]
            self._items[key] = (value, size)
            self._bytes += size
            while self._items and (len(self._items) > settings.get("view_cache_entries") or self._bytes > limit_bytes):
                self._bytes -= self._items.popitem(last=False)[1][1]

    def clear(self) -> None:
        """Forget every result (benchmarks use it to time the computation itself)."""
        with self._lock:
            self._items.clear()
            self._bytes = 0

    def __len__(self) -> int:
        return len(self._items)

    @property
    def size_bytes(self) -> int:
        """The bytes of the tables held now."""
        return self._bytes


def nbytes(value: Any) -> int:
    """About how many bytes a result holds: its tables' buffers (shared buffers counted once per table)."""
    if isinstance(value, (pd.DataFrame, pd.Series, pd.Index)):
        usage = value.memory_usage(index=True, deep=False)
        return int(usage.sum() if isinstance(usage, pd.Series) else usage)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return sum(nbytes(getattr(value, f.name)) for f in dataclasses.fields(value))
    if isinstance(value, (list, tuple)):
        return 64 + sum(nbytes(v) for v in value)
    if isinstance(value, dict):
        return 64 + sum(nbytes(v) for v in value.values())
    return 64


def _frozen(value: Any) -> Hashable:
    # Clicked values arrive as lists; the key needs them hashable.
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, (set, frozenset)):
        return frozenset(value)
    return value


def per_version(function: Callable[P, R]) -> Callable[P, R]:
    """Remember a pure function of (Dataset, hashable arguments…) in the Dataset's own store."""

    @functools.wraps(function)
    def remembered(data, *args, **kwargs):
        key = (function.__module__, function.__qualname__, _frozen(args), _frozen(tuple(sorted(kwargs.items()))))
        found, value = data.memo.get(key)
        if found:
            return value
        value = function(data, *args, **kwargs)
        data.memo.put(key, value)
        return value

    remembered.uncached = function  # type: ignore[attr-defined]
    return remembered


class Bounded:
    """A least-recently-used dict of at most `size` entries, safe to share between threads."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.entries: OrderedDict[Hashable, Any] = OrderedDict()
        self.lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: Hashable) -> tuple[bool, Any]:
        """(True, value) when the key is held (it becomes the most recent), else (False, None)."""
        with self.lock:
            if key in self.entries:
                self.entries.move_to_end(key)
                self.hits += 1
                return True, self.entries[key]
            self.misses += 1
            return False, None

    def put(self, key: Hashable, value: Any) -> None:
        """Keep a value, dropping the least recently used beyond the size."""
        with self.lock:
            self.entries[key] = value
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self) -> None:
        """Forget every entry."""
        with self.lock:
            self.entries.clear()
            self.hits = self.misses = 0


def content_key(value: object) -> Hashable:
    """A hashable key equal for arguments of equal content: frames and series by their values, index and types."""
    if isinstance(value, (pd.DataFrame, pd.Series)):
        # Names, types and index are part of what a chart shows (axis order, labels), not only the values.
        values = pd.util.hash_pandas_object(value, index=True).to_numpy().tobytes()
        shape = (tuple(map(str, value.columns)), tuple(map(str, value.dtypes))) if isinstance(value, pd.DataFrame) \
            else (str(value.name), str(value.dtype))
        return (type(value).__name__, shape, str(value.index.name), hashlib.blake2b(values, digest_size=16).digest())
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, tuple(content_key(v) for v in value))
    if isinstance(value, dict):
        return ("dict", tuple((k, content_key(v)) for k, v in value.items()))
    try:
        hash(value)
    except TypeError:
        return ("pickled", hashlib.blake2b(pickle.dumps(value), digest_size=16).digest())
    return value


def by_content(size: int = 256) -> Callable[[Callable[P, T]], Callable[P, T]]:
    """Memoise a pure function by the content of its arguments (frames by value): for chart builders."""

    def decorate(fn: Callable[P, T]) -> Callable[P, T]:
        cache = Bounded(size)

        @functools.wraps(fn)
        def memoised(*args: P.args, **kwargs: P.kwargs) -> T:
            key = (content_key(args), content_key(sorted(kwargs.items())))
            found, value = cache.get(key)
            if not found:
                value = fn(*args, **kwargs)
                cache.put(key, value)
            return value

        memoised.cache = cache  # type: ignore[attr-defined]
        return memoised

    return decorate


def by_identity(size: int = 256) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Memoise fn(obj, *args) by (the object itself, args): for objects that are shared, such as memoised charts.

    The cache holds the object, so its id cannot be reused by another object while the entry lives.
    """

    def decorate(fn: Callable[..., T]) -> Callable[..., T]:
        cache = Bounded(size)

        @functools.wraps(fn)
        def memoised(obj: object, *args: Hashable) -> T:
            key = (id(obj), args)
            found, kept = cache.get(key)
            if found and kept[0] is obj:
                return kept[1]
            value = fn(obj, *args)
            cache.put(key, (obj, value))
            return value

        memoised.cache = cache  # type: ignore[attr-defined]
        return memoised

    return decorate

