"""Memoisation shared by every session of one server process: per data version, or per argument content.

A script run redraws the whole page for every widget change, so whatever depends only on the data version (the
year range, the count of illustrative records) or only on a chart's numbers (its Altair spec) would otherwise be
rebuilt on every run of every viewer. Results are shared between sessions and threads: callers must treat them as
read-only. Caches are bounded (least recently used out first) and guarded by a lock; two threads missing the same
key at once may both compute it, which is harmless for pure functions.
"""

from __future__ import annotations

import functools
import hashlib
import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, ParamSpec, Protocol, TypeVar

import pandas as pd

P = ParamSpec("P")
T = TypeVar("T")


class Versioned(Protocol):
    """Anything with a version string identifying its content (a Dataset)."""

    version: str


class _Bounded:
    """A least-recently-used dict of at most `size` entries, safe to share between threads."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.entries: OrderedDict[Hashable, Any] = OrderedDict()
        self.lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: Hashable) -> tuple[bool, Any]:
        with self.lock:
            if key in self.entries:
                self.entries.move_to_end(key)
                self.hits += 1
                return True, self.entries[key]
            self.misses += 1
            return False, None

    def put(self, key: Hashable, value: Any) -> None:
        with self.lock:
            self.entries[key] = value
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self.hits = self.misses = 0


def per_version(size: int = 32) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Memoise fn(data, *args) by (data.version, args): for values that only a new data version changes."""

    def decorate(fn: Callable[..., T]) -> Callable[..., T]:
        cache = _Bounded(size)

        @functools.wraps(fn)
        def memoised(data: Versioned, *args: Hashable) -> T:
            key = (data.version, args)
            found, value = cache.get(key)
            if not found:
                value = fn(data, *args)
                cache.put(key, value)
            return value

        memoised.cache = cache  # type: ignore[attr-defined]
        return memoised

    return decorate


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
        cache = _Bounded(size)

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
        cache = _Bounded(size)

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

