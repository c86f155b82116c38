"""The limited child process that parses every file, so a hostile one costs that process, never the server.

The server side starts the child (one kept spare), sends the limits and the bytes, enforces the deadline and
unpickles the result with only the classes it may hold; the child side (_child_main) sets its memory and CPU limits,
reads the file and writes the result. Out of memory, out of time or dead, the child's end becomes a refusal.
"""

from __future__ import annotations

import atexit
import datetime as dt
import io
import logging
import os
import pickle
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any, ClassVar

from gcmdash import settings
from gcmdash.ingest.child_exit import EXIT_MEMORY
from gcmdash.ingest.issues import IssueCode, SpreadsheetError
from gcmdash.ingest.raw_sheet import RawSheet
from gcmdash.ingest.refusals import (
    MB,
    SAVE_AS_XLSX,
    corrupt,
    encrypted_error,
    expands_too_much,
    refusal,
    sheet_too_large,
    too_many_rows,
)
from gcmdash.ingest.text_files import read_delimited_text
from gcmdash.ingest.workbooks import read_workbook

log = logging.getLogger(__name__)

_PAYLOAD_MAGIC = b"GCMDASH-SHEETS-1\n"

# The child is a fresh interpreter started with exec (subprocess), not a multiprocessing fork/forkserver/spawn
# child: forking a threaded server is unsafe, and multiprocessing's spawn and forkserver re-run the parent's
# __main__ in every child — under Streamlit that is the app script itself. -I keeps PYTHON* variables and the
# user's site-packages out; the project root is put on sys.path explicitly so the same gcmdash is imported.
_CHILD_CODE = (
    "import sys; sys.path.insert(0, sys.argv[1]); from gcmdash.ingest.sandbox import _child_main; _child_main()"
)
_PROJECT_ROOT = str(Path(__file__).resolve().parents[2])

# One child is kept started and idle (imports done, no limits yet, waiting on stdin) so an upload does not pay
# interpreter start-up; whoever takes it starts the next. Limits arrive with the file, so settings changed
# between uploads still apply. An idle spare exits as soon as its stdin closes, i.e. when this process ends.
_spare: subprocess.Popen[bytes] | None = None
_spare_lock = threading.Lock()


def _start_child() -> subprocess.Popen[bytes]:
    # Calamine's abort message is all we need from stderr; a Rust backtrace would only bury it.
    env = {**os.environ, "RUST_BACKTRACE": "0"}
    return subprocess.Popen(
        [sys.executable, "-I", "-c", _CHILD_CODE, _PROJECT_ROOT],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        close_fds=True,
    )


def _take_child() -> subprocess.Popen[bytes]:
    global _spare
    with _spare_lock:
        child, _spare = _spare, _start_child()
    if child is None or child.poll() is not None:  # first upload, or the spare was killed meanwhile
        child = _start_child()
    return child


@atexit.register
def _stop_spare() -> None:
    global _spare
    with _spare_lock:
        child, _spare = _spare, None
    if child is not None:
        child.kill()
        child.communicate()


def parse_in_child(data: bytes, filename: str, kind: str) -> list[RawSheet]:
    """The file's sheets, parsed by a child process under the memory, time and size limits (kind: xlsx or csv)."""
    timeout = float(settings.get("parse_timeout_s"))
    memory_mb = int(settings.get("parse_memory_mb"))
    max_cells, max_rows = int(settings.get("max_cells")), int(settings.get("max_rows"))
    child = _take_child()
    max_result = int(settings.get("max_uncompressed_mb")) * MB
    # The file name travels hex-encoded: the CSV reader names its sheet and its messages after it.
    name = filename.encode("utf-8").hex() or "-"
    limits = f"{memory_mb} {max_cells} {max_rows} {timeout} {max_result} {kind} {name}\n"
    request = limits.encode("ascii") + data
    try:
        out, err = child.communicate(request, timeout=timeout)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        raise _timeout_error(filename, timeout) from None
    except BaseException:
        child.kill()
        child.wait()
        raise
    return _child_result(child.returncode, out, err, filename, timeout)


def _child_result(returncode: int, out: bytes, err: bytes, filename: str, timeout: float) -> list[RawSheet]:
    if returncode == 0 and out.startswith(_PAYLOAD_MAGIC):
        try:
            message = _load_payload(out[len(_PAYLOAD_MAGIC) :])
        except Exception as exc:
            log.error("unreadable result from the spreadsheet child for %r: %s", filename, exc)
            raise corrupt(filename) from None
        del out
        kind = message[0]
        if kind == "ok":
            return [RawSheet(name, filename, header_row, header, rows) for name, header_row, header, rows in message[1]]
        if kind == "csv":
            name, header_row, header, rows, decimal_comma = message[1]
            return [RawSheet(name, filename, header_row, header, rows, decimal_comma=decimal_comma)]
        if kind == "refused":  # the CSV reader's own located message
            code, text, sheet = message[1:]
            raise refusal(IssueCode(code), text, filename, sheet)
        if kind == "too_many_rows":
            raise too_many_rows(filename, *message[1:])
        if kind == "result_too_large":
            raise expands_too_much(filename, message[1])
        if kind == "too_large":
            raise sheet_too_large(filename, message[1], message[2], "holds")
        if kind == "encrypted":
            raise encrypted_error(filename)
        raise corrupt(filename, message[1] if len(message) > 1 else None)
    stderr = err.decode("utf-8", "replace")
    out_of_memory = (EXIT_MEMORY, -signal.SIGKILL)
    if returncode in out_of_memory or "memory allocation of" in stderr or "MemoryError" in stderr:
        # The child's own out-of-memory exit; Rust aborts when an allocation fails under the address-space limit;
        # SIGKILL is the kernel's OOM killer.
        raise _memory_error(filename)
    if returncode == -signal.SIGXCPU:  # the CPU-time backstop fired
        raise _timeout_error(filename, timeout)
    if returncode < 0:
        log.warning("spreadsheet child died with signal %d on %r: %s", -returncode, filename, stderr[-2000:])
        raise refusal(
            IssueCode.CORRUPT_FILE,
            f"The spreadsheet reader stopped unexpectedly while reading “{filename}”: the file is probably damaged "
            f"or was not written by Excel. Open it in Excel, save it again ({SAVE_AS_XLSX}), and upload the new "
            "file.",
            filename,
        )
    # Any other exit means the child could not even start (a broken installation), not that the file is bad.
    raise RuntimeError(f"spreadsheet reader process failed (exit {returncode}): {stderr[-2000:]}")


def _memory_error(filename: str) -> SpreadsheetError:
    limit = int(settings.get("parse_memory_mb"))
    return refusal(
        IssueCode.PARSE_MEMORY,
        f"Reading “{filename}” needed more than the {limit:,} MB of memory allowed, so it was stopped. The file "
        "holds (or claims to hold) far more cells than a normal workbook — often because of a stray value or "
        "formatting far below or to the right of the data. In Excel press Ctrl+End on each sheet to find the last "
        "used cell, delete empty rows and columns beyond your data, remove sheets the dashboard does not need, "
        "save, and upload again.",
        filename,
    )


def _timeout_error(filename: str, timeout: float) -> SpreadsheetError:
    return refusal(
        IssueCode.PARSE_TIMEOUT,
        f"Reading “{filename}” took longer than {timeout:g} seconds, so it was stopped. The file is very large or "
        "unusually complex. Delete sheets, rows and columns the dashboard does not need (or split the data into "
        "several files), save, and upload again.",
        filename,
    )


def _time_text(*args: Any) -> str:
    return dt.time(*args).isoformat()


def _duration_text(*args: Any) -> str:
    # Shown the way Excel's [h]:mm:ss format shows a duration, e.g. 30:00:00 rather than "1 day, 6:00:00".
    seconds = round(dt.timedelta(*args).total_seconds())
    sign, seconds = ("-", -seconds) if seconds < 0 else ("", seconds)
    return f"{sign}{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


class _ResultUnpickler(pickle.Unpickler):
    """Unpickles the child's result, allowing only the few classes it can contain.

    Times of day and durations become text here, at no per-cell cost: RawSheet cells are never time/timedelta.
    """

    _ALLOWED: ClassVar[dict[tuple[str, str], Any]] = {
        ("datetime", "date"): dt.date,
        ("datetime", "datetime"): dt.datetime,
        ("datetime", "timezone"): dt.timezone,
        ("datetime", "time"): _time_text,
        ("datetime", "timedelta"): _duration_text,
    }

    def find_class(self, module: str, name: str) -> Any:
        try:
            return self._ALLOWED[(module, name)]
        except KeyError:
            raise pickle.UnpicklingError(f"unexpected {module}.{name} in spreadsheet result") from None


def _load_payload(payload: bytes) -> Any:
    import gc

    # Unpickling creates one tuple per row; the cyclic GC would otherwise rescan them over and over.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _ResultUnpickler(io.BytesIO(payload)).load()
    finally:
        if enabled:
            gc.enable()


def _child_main() -> None:
    """Entry point of the parsing child: a line of limits then the workbook bytes on stdin, the result on stdout."""
    import gc
    import resource

    gc.disable()  # a short-lived process: collecting cycles among millions of fresh cells is wasted time
    import python_calamine  # noqa: F401  imported before the memory limit so the limit only covers the file

    request = sys.stdin.buffer
    line = request.readline()
    if not line:
        os._exit(0)  # an unused spare whose parent has gone
    memory_text, cells_text, rows_text, timeout_text, result_text, kind, name_hex = line.decode("ascii").split()
    max_cells, max_rows = int(cells_text), int(rows_text)
    limit = int(memory_text) * MB
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    # Backstop for an orphaned child: the parent's deadline normally kills it first.
    cpu = int(float(timeout_text)) + 5
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # an abort must not dump gigabytes of core
    # On MemoryError the child exits at once with a status the parent understands (see child_exit for why).
    try:
        if kind == "csv":
            name = bytes.fromhex(name_hex if name_hex != "-" else "").decode("utf-8")
            parsed = _child_csv(request.read(), name, max_cells, max_rows)
        else:
            parsed = read_workbook(request.read(), max_cells, max_rows)
        payload = pickle.dumps(parsed, protocol=5)
        if len(payload) > int(result_text):
            # The server would have to hold all of it: cells, when read, may be far bigger than the zip said
            # (one long shared string repeated in every cell).
            payload = pickle.dumps(("result_too_large", len(payload)), protocol=5)
        out = sys.stdout.buffer
        out.write(_PAYLOAD_MAGIC)
        out.write(payload)
        out.flush()
    except MemoryError:
        os._exit(EXIT_MEMORY)
    # Skip interpreter teardown: freeing millions of objects one by one is pure waste in a dying process.
    os._exit(0)


def _child_csv(data: bytes, filename: str, max_cells: int, max_rows: int) -> tuple[Any, ...]:
    """A CSV read in the child: its one sheet as plain tuples, or the reader's refusal as code, message, sheet."""
    try:
        sheet = read_delimited_text(data, filename, max_cells, max_rows)
    except MemoryError:
        os._exit(EXIT_MEMORY)  # see child_exit
    except SpreadsheetError as error:
        return ("refused", str(error.issue.code), error.issue.message, error.issue.sheet)
    return ("csv", (sheet.name, sheet.header_row, sheet.header, sheet.rows, sheet.decimal_comma))
