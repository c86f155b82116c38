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

from gcmdash import i18n, settings

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")


class Bounded:
    """A thread-safe least-recently-used dict, bounded by entries and optionally by the summed weight of its values."""

    def __init__(
        self,
        size: int | Callable[[], int],
        max_weight: Callable[[], int] | None = None,
        weigh: Callable[[Any], int] | None = None,
    ) -> None:
        # Limits may be callables: settings are read when a value is kept, so a changed setting applies at once.
        self._size = size if callable(size) else (lambda: size)
        self._max_weight, self._weigh = max_weight, weigh
        self.entries: OrderedDict[Hashable, Any] = OrderedDict()
        self._weights: dict[Hashable, int] = {}
        self.weight = 0
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
        """Keep a value, dropping the least recently used beyond the limits (one heavier than all is not kept)."""
        weight = self._weigh(value) if self._weigh else 0
        limit = self._max_weight() if self._max_weight else None
        if limit is not None and weight > limit:
            return
        with self.lock:
            if key in self.entries:
                del self.entries[key]
                self.weight -= self._weights.pop(key)
            self.entries[key], self._weights[key] = value, weight
            self.weight += weight
            while self.entries and (len(self.entries) > self._size() or (limit is not None and self.weight > limit)):
                oldest, _ = self.entries.popitem(last=False)
                self.weight -= self._weights.pop(oldest)

    def clear(self) -> None:
        """Forget every entry."""
        with self.lock:
            self.entries.clear()
            self._weights.clear()
            self.weight = 0
            self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self.entries)


class Results(Bounded):
    """One data version's results: bounded by view_cache_entries and by the bytes of their tables (view_cache_mb)."""

    def __init__(self) -> None:
        super().__init__(
            lambda: settings.get("view_cache_entries"), lambda: settings.get("view_cache_mb") * 1024 * 1024, nbytes
        )


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


def kept(data: Any, key: Hashable, compute: Callable[[], R]) -> R:
    """The result held under key in the Dataset's own store, computed (and kept) when it is not there."""
    # Results may hold words for people (labels, notes, chart titles): each language keeps its own.
    key = (i18n.current(), key)
    found, value = data.memo.get(key)
    if found:
        return value
    value = compute()
    data.memo.put(key, value)
    return value


def per_version(function: Callable[P, R]) -> Callable[P, R]:
    """Remember a pure function of (Dataset, hashable arguments…) in the Dataset's own store."""

    @functools.wraps(function)
    def remembered(data, *args, **kwargs):
        key = (function.__module__, function.__qualname__, _frozen(args), _frozen(tuple(sorted(kwargs.items()))))
        return kept(data, key, lambda: function(data, *args, **kwargs))

    remembered.uncached = function  # type: ignore[attr-defined]
    return remembered


def content_key(value: object) -> Hashable:
    """A hashable key equal for arguments of equal content: frames and series by their values, index and types."""
    if isinstance(value, (pd.DataFrame, pd.Series)):
        # Names, types and index are part of what a chart shows (axis order, labels), not only the values.
        values = pd.util.hash_pandas_object(value, index=True).to_numpy().tobytes()
        shape = (
            (tuple(map(str, value.columns)), tuple(map(str, value.dtypes)))
            if isinstance(value, pd.DataFrame)
            else (str(value.name), str(value.dtype))
        )
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
            key = (i18n.current(), content_key(args), content_key(sorted(kwargs.items())))
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
            key = (id(obj), args, i18n.current())
            found, kept = cache.get(key)
            if found and kept[0] is obj:
                return kept[1]
            value = fn(obj, *args)
            cache.put(key, (obj, value))
            return value

        memoised.cache = cache  # type: ignore[attr-defined]
        return memoised

    return decorate
