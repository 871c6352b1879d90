"""Work in a forked process (:func:`fork`), and one tall image drawn in two bands at once: the top here,
the bottom in a forked process (:func:`stitched`).

A poster's rows are independent: nothing drawn for one row reaches the next. :func:`stitched` draws the
artists of the rows above a split line in this process and those below it in a forked copy of it, at
the same time (two cores), and joins the pixels. Each process draws on a canvas the size of the whole
image, so every artist lands on exactly the pixels it would in one drawing; and before anything is
joined, each side checks that nothing it drew crossed the split (the other side of its canvas is still
plain background). The result is then the same pixels as one process drawing everything, or None when
that cannot be certain (no fork here, a part crossed the split, the worker failed), and the caller
draws it all itself.

Forking needs Linux and no other thread in this process (:func:`forkable`): a Jupyter kernel has threads,
so a notebook draws in one process, as before.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

__all__ = ["forkable", "fork", "Forked", "private_files", "stitched"]


def forkable() -> bool:
    """Can work be done by forked processes here? Linux, and no other thread in this process (forking
    a process whose other threads may hold locks can deadlock the child)."""
    import multiprocessing
    import threading

    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods() \
        and threading.active_count() == 1


def private_files() -> None:
    """In a forked process: every regular file open for reading gets an open file description of its own,
    on the same file at the same offset, under the same descriptor number.

    A forked process shares its parent's open file descriptions, and with them the file offsets.
    matplotlib's FreeType fonts read their files by seeking and reading through one (a Python file
    object), so two processes drawing text at once, with a font opened before the fork, would read at
    each other's offsets: a glyph that fails to load ("invalid outline"), or a wrong one. Call it before
    either process reads again (:func:`fork` makes the parent wait for it)."""
    import fcntl
    import os
    import stat

    try:
        names = os.listdir("/proc/self/fd")
    except OSError:  # pragma: no cover - not Linux (no fork there either)
        return
    for name in names:
        try:
            fd = int(name)
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE != os.O_RDONLY:
                continue
            fresh = os.open(os.readlink(f"/proc/self/fd/{fd}"), os.O_RDONLY | os.O_CLOEXEC)
        except (OSError, ValueError):  # closed meanwhile (the listing's own), or the file is gone
            continue
        try:
            same = os.fstat(fresh)
            if (same.st_dev, same.st_ino) == (info.st_dev, info.st_ino):
                os.lseek(fresh, os.lseek(fd, 0, os.SEEK_CUR), os.SEEK_SET)
                os.dup2(fresh, fd, inheritable=os.get_inheritable(fd))
        except OSError:
            pass
        finally:
            os.close(fresh)


class Forked:
    """A forked copy of this process doing one piece of work (made by :func:`fork`)."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.code: int | None = None

    def wait(self) -> int:
        """Wait for it to end; its exit code (0: the work returned None, 1: it raised)."""
        import os

        if self.code is None:
            _, status = os.waitpid(self.pid, 0)
            self.code = os.waitstatus_to_exitcode(status)
        return self.code

    def stop(self) -> None:
        """End it now if it has not ended (on an error or Ctrl-C here: no process is left behind)."""
        import os
        import signal

        if self.code is None:
            os.kill(self.pid, signal.SIGKILL)
            self.wait()


def fork(work: Callable[[], int | None]) -> Forked | None:
    """``work()`` in a forked copy of this process, meanwhile; None where this process may not fork
    (:func:`forkable`). The copy first takes its open files for its own (:func:`private_files`; this
    process waits for that, ~1 ms), ignores Ctrl-C (the calling process handles it), and exits with what
    ``work`` returns (None: 0) or 1 if it raises; it never returns into the caller's code."""
    import os
    import signal

    if not forkable():
        return None
    sys.stdout.flush()
    sys.stderr.flush()
    ready, told = os.pipe()
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            os.close(ready)
            private_files()
            os.close(told)  # the parent may read its files again
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            code = work() or 0
        except BaseException:  # noqa: B036 - whatever happens here, the calling process is told by the code
            code = 1
        finally:
            os._exit(code)
    os.close(told)
    try:
        os.read(ready, 1)  # nothing comes: the end of the pipe, once the copy has closed it (or died)
    finally:
        os.close(ready)
    return Forked(pid)


def _plain(rows: Any, background: Any) -> bool:
    """Are these rows of RGBA pixels all ``background`` (one pixel)?"""
    import numpy as np

    flat = np.ascontiguousarray(rows).view(np.uint32)
    return bool((flat == np.ascontiguousarray(background).view(np.uint32)[0]).all())


def stitched(draw_top: Callable[[], Any], draw_bottom: Callable[[], Any], shape: tuple[int, int],
             split: int) -> Any:
    """The ``shape`` = (rows, columns) RGBA image whose rows above ``split`` ``draw_top()`` draws here and
    whose rows from ``split`` down ``draw_bottom()`` draws in a forked process, meanwhile; each returns its
    whole canvas as an (rows, columns, 4) uint8 array whose first pixel is background. None where the result
    could differ from one drawing of both (see the module's docstring)."""
    import mmap

    import numpy as np

    height, width = shape
    if not forkable() or not 0 < split < height:
        return None
    shared = mmap.mmap(-1, height * width * 4)
    out = np.frombuffer(shared, dtype=np.uint8).reshape(height, width, 4)

    def bottom() -> int:  # the worker: draw the bottom, keep its rows, say whether it stayed below the split
        image = draw_bottom()
        if image.shape != out.shape:
            return 1
        out[split:] = image[split:]
        return 0 if _plain(image[:split], image[0, 0]) else 3

    worker = fork(bottom)
    if worker is None:
        return None
    try:
        image = draw_top()
        top_only = image.shape == out.shape and _plain(image[split:], image[0, 0])
        if worker.wait() != 0 or not top_only:
            return None
        out[:split] = image[:split]
        return out
    finally:
        worker.stop()  # after an exception here (Ctrl-C): the worker is not left behind
