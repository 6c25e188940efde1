"""The output file of a batch run, kept whole: checked before any work (its folder writable, free space), a
lock against a second run on it, lines written whole or not at all, a cut last line repaired before resuming.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# Less free space than this is refused before the models load: a run would stop on a full disk.
MIN_FREE_BYTES = 32 * 1024 * 1024
TAIL_BLOCK = 1 << 16


class OutputError(RuntimeError):
    """The output cannot be written, or is another run's; the message is meant for the user."""


class WriteFailed(OutputError):
    """A write failed mid-run; the output ends with the last whole line."""


def check_writable(out: Path, min_free: int = MIN_FREE_BYTES) -> None:
    """Raise OutputError unless `out` can be written: its folder exists and has room, the file (if it
    exists) opens for writing. Changes nothing."""
    folder = out.absolute().parent
    if not folder.is_dir():
        raise OutputError(f"the folder of {out} does not exist")
    if out.is_dir():
        raise OutputError(f"{out} is a folder: name a file")
    try:
        if out.exists():
            with out.open("ab"):
                pass
        elif not os.access(folder, os.W_OK):
            raise PermissionError(13, "Permission denied")
    except OSError as error:
        raise OutputError(f"{out} cannot be written ({error.strerror or error})") from None
    free = shutil.disk_usage(folder).free
    if free < min_free:
        raise OutputError(f"only {free / 1e6:.1f} MB free in {folder}: a run needs at least "
                          f"{min_free / 1e6:.0f} MB to write its output")


def lock_path(out: Path) -> Path:
    return out.with_name(f".{out.name}.lock")


@contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """Hold an exclusive lock on `out` (fcntl.flock on a lock file beside it) for the run: a second run on
    the same output is refused (OutputError) rather than interleaving its lines. The kernel releases the lock
    of a process that dies, so a lock file left behind is simply taken over."""
    try:
        import fcntl
    except ImportError:  # no flock (Windows): no lock
        yield
        return
    path = lock_path(out)
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as error:
            raise OutputError(f"{out} cannot be written ({error.strerror or error})") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode("ascii", errors="replace").strip() or "?"
            os.close(fd)
            raise OutputError(f"{out} is being written by another veille run (process {holder}): wait for "
                              "it to end, or choose another output") from None
        if _same_file(fd, path):
            break
        os.close(fd)  # the holder removed it as we opened it: lock the new one
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        try:
            path.unlink()
        except OSError:
            pass
        os.close(fd)


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.stat(path).st_ino == os.fstat(fd).st_ino
    except FileNotFoundError:
        return False


def repair_last_line(out: Path) -> int:
    """Cut a last line left unfinished (a crash, a full disk, a kill) back to the last whole line, so that
    what is appended next starts a line of its own; returns how many bytes went."""
    if not out.exists():
        return 0
    with out.open("r+b") as handle:
        size = handle.seek(0, os.SEEK_END)
        end = size
        while end > 0:
            start = max(0, end - TAIL_BLOCK)
            handle.seek(start)
            block = handle.read(end - start)
            if end == size and block.endswith(b"\n"):
                return 0
            newline = block.rfind(b"\n")
            if newline >= 0:
                end = start + newline + 1
                break
            end = start
        handle.truncate(end)
        return size - end


class LineFile:
    """Appends whole lines straight to the file (no buffer: each is on disk once written). A write that
    fails, a full disk say, is cut back to the last whole line and raises OutputError."""

    def __init__(self, out: Path, append: bool):
        self.out = out
        flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if append else os.O_TRUNC)
        try:
            self.fd = os.open(out, flags, 0o666)
        except OSError as error:
            raise OutputError(f"{out} cannot be written ({error.strerror or error})") from None
        self.size = os.lseek(self.fd, 0, os.SEEK_END)
        self.write_bytes = os.write  # what the fault tests replace

    def write(self, data: bytes) -> None:
        view = memoryview(data)
        try:
            while view:
                view = view[self.write_bytes(self.fd, view):]
        except OSError as error:
            try:
                os.ftruncate(self.fd, self.size)
            except OSError:
                pass
            raise WriteFailed(f"writing {self.out} failed ({error.strerror or error}); it ends with the last "
                              "whole line written") from None
        self.size += len(data)

    def close(self) -> None:
        os.close(self.fd)
