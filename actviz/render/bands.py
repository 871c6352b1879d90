"""Drawing one tall image in two bands at once: the top here, the bottom in a forked process.

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

__all__ = ["forkable", "stitched"]


def forkable() -> bool:
    """Can work be done by forked processes here? Linux, and no other thread in this process (forking
    a process whose other threads may hold locks can deadlock the child)."""
    import multiprocessing
    import threading

    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods() \
        and threading.active_count() == 1


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
    import os
    import signal

    import numpy as np

    height, width = shape
    if not forkable() or not 0 < split < height:
        return None
    shared = mmap.mmap(-1, height * width * 4)
    out = np.frombuffer(shared, dtype=np.uint8).reshape(height, width, 4)
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the worker: draw the bottom, keep its rows, say whether it stayed below the split
        code = 1
        try:
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the calling process's to handle
            image = draw_bottom()
            if image.shape == out.shape:
                out[split:] = image[split:]
                code = 0 if _plain(image[:split], image[0, 0]) else 3
        except BaseException:  # noqa: B036 - whatever happens here, the calling process draws it itself
            code = 1
        finally:
            os._exit(code)
    reaped = False
    try:
        image = draw_top()
        top_only = image.shape == out.shape and _plain(image[split:], image[0, 0])
        _, status = os.waitpid(pid, 0)
        reaped = True
        if not top_only or os.waitstatus_to_exitcode(status) != 0:
            return None
        out[:split] = image[:split]
        return out
    finally:
        if not reaped:  # an exception here (Ctrl-C): the worker is not left behind
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
