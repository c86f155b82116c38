"""Sign-in throttling: password guessing slows down per client, and no client can lock another out.

A *client* is whoever sends the attempts: the browser's address, or its session when the address is unknown (see
``ui.sign_in_client``). Failures are counted per client and account, and per client over all accounts; nothing is
counted per account alone, so failures sent from elsewhere never slow or lock the analyst's own browser
(OWASP ASVS 5.0 V6.3: no lock-out an attacker can impose). Guessing one account from one client slows down
exponentially, then stops for the lock-out time; trying many accounts from one client (credential stuffing) stops at
the client's own limit. Pure logic, thread-safe, in process memory (each app process limits its own clients).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from dataclasses import dataclass, field

#: The longest account key kept: no e-mail address is longer (RFC 5321 allows 254 characters for a path).
MAX_KEY_CHARS = 320


@dataclass
class _Failures:
    times: deque[float] = field(default_factory=deque)
    locked_at: float | None = None


def _key(text: str) -> str:
    return text.strip().lower()[:MAX_KEY_CHARS]


class Limiter:
    """Thread-safe limit on password attempts per client and account, and per client over all accounts.

    After n failures of one client on one account within ``window_s`` that client waits ``base_delay_s * 2**(n-1)``
    seconds (at most ``max_delay_s``) before trying that account again; at ``max_failures`` it is locked out of the
    account for ``lockout_s``. At ``max_client_failures`` failures over all accounts the client is locked out of
    every account for ``lockout_s``. An attempt counts as a failure from its start until it succeeds, so parallel
    guesses count too. Unknown e-mails are limited exactly like known ones. At most ``max_tracked`` counters are
    kept (the least recently used are forgotten), so no flood of clients grows the memory without bound.
    """

    def __init__(
        self,
        *,
        max_failures: int = 5,
        window_s: float = 15 * 60,
        lockout_s: float = 15 * 60,
        base_delay_s: float = 1.0,
        max_delay_s: float = 60.0,
        max_client_failures: int = 20,
        max_tracked: int = 10_000,
    ) -> None:
        self.max_failures, self.window_s, self.lockout_s = max_failures, window_s, lockout_s
        self.base_delay_s, self.max_delay_s = base_delay_s, max_delay_s
        self.max_client_failures, self.max_tracked = max_client_failures, max_tracked
        self._lock = threading.Lock()
        self._counters: OrderedDict[tuple[str, ...], _Failures] = OrderedDict()

    def _prune(self, counter: _Failures, now: float) -> None:
        while counter.times and counter.times[0] <= now - self.window_s:
            counter.times.popleft()
        if counter.locked_at is not None and now - counter.locked_at >= self.lockout_s:
            counter.locked_at = None

    def _get(self, key: tuple[str, ...], now: float) -> _Failures | None:
        counter = self._counters.get(key)
        if counter is not None:
            self._prune(counter, now)
            if not counter.times and counter.locked_at is None:
                del self._counters[key]
                return None
        return counter

    def _wait(self, client: str, account: str, now: float) -> float:
        # Waits are computed from differences of times, so they are exact whatever the clock reads.
        waits = [0.0]
        for key in ((client,), (client, account)):
            counter = self._get(key, now)
            if counter is None:
                continue
            if counter.locked_at is not None:
                waits.append(self.lockout_s - (now - counter.locked_at))
            elif len(key) == 2 and counter.times:
                delay = min(self.base_delay_s * 2 ** (len(counter.times) - 1), self.max_delay_s)
                waits.append(delay - (now - counter.times[-1]))
        return max(waits)

    def _count(self, key: tuple[str, ...], limit: int, now: float) -> None:
        counter = self._counters.setdefault(key, _Failures())
        self._counters.move_to_end(key)
        counter.times.append(now)
        if len(counter.times) >= limit:
            counter.locked_at = now
        while len(self._counters) > self.max_tracked:
            self._counters.popitem(last=False)

    def retry_after(self, client: str, email: str, now: float | None = None) -> float:
        """Seconds before this client may try this account again (0.0: now)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            return self._wait(_key(client), _key(email), now)

    def attempt(self, client: str, email: str, now: float | None = None) -> float:
        """Start an attempt: 0.0 and counted as a failure until succeeded(), or the seconds to wait (not counted)."""
        now = time.monotonic() if now is None else now
        client, account = _key(client), _key(email)
        with self._lock:
            wait = self._wait(client, account, now)
            if wait > 0:
                return wait
            self._count((client, account), self.max_failures, now)
            self._count((client,), self.max_client_failures, now)
            return 0.0

    def succeeded(self, client: str, email: str, now: float) -> None:
        """Forget the client's failures on this account and take back the attempt started at ``now``."""
        client, account = _key(client), _key(email)
        with self._lock:
            self._counters.pop((client, account), None)
            counter = self._counters.get((client,))
            if counter is not None and now in counter.times:
                counter.times.remove(now)

    def tracked(self) -> int:
        """How many counters are kept (for tests and the operations page)."""
        with self._lock:
            return len(self._counters)

    def reset(self) -> None:
        """Forget every failure (for tests and administrators)."""
        with self._lock:
            self._counters.clear()


#: The limiter shared by every session of the app process.
LIMITER = Limiter()
