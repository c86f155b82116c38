"""Keep Python's cycle collector off the long-lived objects of the server (data, modules, chart schemas).

Streamlit calls ``gc.collect(2)`` after every script run (its hidden ``runner.postScriptGC`` option, now off in
.streamlit/config.toml), and a full collection walks every object in the process: the loaded tables, pandas,
Altair's Vega-Lite schema, every module. On the bundled data that was about 100 ms of CPU per rerun, under the GIL,
i.e. half of an Overview rerun. Freezing does not cover what sessions create later (their state, widgets, cached
results), which grows with the number of viewers: ~30 ms per full collection at 100 viewers, hence the option off;
Python's own occasional full collections still skip what is frozen here.
Python's own collections are also made rarer (``gc.set_threshold``): with the long-lived objects frozen, its rule
"a full collection when the objects surviving since the last one exceed a quarter of the long-lived ones" fires
often, and each full collection stops every session's script and the event loop sending their pages. At 200 viewers
this halved the median wait (bench/viewers.py, 30 s runs: p50 3.7 s -> 1.5 s, 16 -> 20 reruns per second).
``gc.freeze`` moves every object alive at that moment into a permanent generation that collections skip; objects
are still freed by reference counting when no longer used, only cyclic garbage among them would stay (a few old
data versions' worth at most, since this runs once per data version).
"""

from __future__ import annotations

import gc
import threading

#: Allocations before a young collection, and young/middle collections before an older one (Python: 700, 10, 10).
THRESHOLDS = (50_000, 20, 100)
_frozen: set[str] = set()
_lock = threading.Lock()


def freeze_once(version: str) -> bool:
    """After a data version's first run on a page: collect, freeze what is alive, collect rarely. True if done."""
    with _lock:
        if version in _frozen:
            return False
        _frozen.add(version)
    gc.collect()
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)
    return True
