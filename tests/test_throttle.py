"""Sign-in throttling per client: stuffing from one client stops, other clients are untouched, memory is bounded."""

from __future__ import annotations

import threading

import pytest

from gcmdash.store import throttle

ATTACKER, ANALYST = "address:203.0.113.9", "address:198.51.100.7"


def test_one_client_trying_many_accounts_is_stopped_for_the_lockout():
    limiter = throttle.Limiter(max_client_failures=3, base_delay_s=0)
    for i in range(3):
        assert limiter.attempt(ATTACKER, f"user{i}@un.org", now=float(i)) == 0
    assert limiter.attempt(ATTACKER, "someone.else@un.org", now=3.0) == pytest.approx(15 * 60 - 1)
    assert limiter.attempt(ANALYST, "someone.else@un.org", now=3.0) == 0, "another client is not held back"
    assert limiter.attempt(ATTACKER, "someone.else@un.org", now=2 + 15 * 60 + 0.5) == 0


def test_parallel_attempts_on_one_account_are_all_counted():
    limiter = throttle.Limiter()
    start = threading.Barrier(20)
    waits: list[float] = []

    def guess() -> None:
        start.wait()
        waits.append(limiter.attempt(ATTACKER, "a@un.org", now=50.0))

    threads = [threading.Thread(target=guess) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(w == 0 for w in waits) == 1


def test_a_flood_of_clients_keeps_memory_bounded():
    limiter = throttle.Limiter(max_tracked=50)
    for i in range(1000):
        limiter.attempt(f"session:{i}", f"user{i}@un.org" + "x" * 10_000, now=float(i))
    assert limiter.tracked() == 50
    assert all(len(part) <= throttle.MAX_KEY_CHARS for key in limiter._counters for part in key)


def test_counters_are_forgotten_once_their_window_has_passed():
    limiter = throttle.Limiter(window_s=10, lockout_s=10)
    limiter.attempt(ATTACKER, "a@un.org", now=0.0)
    assert limiter.tracked() == 2  # the client's, and the client's on this account
    assert limiter.retry_after(ATTACKER, "a@un.org", now=100.0) == 0
    assert limiter.tracked() == 0
