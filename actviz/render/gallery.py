"""The gallery: the ``plot`` figure of every activation asked for, and a page to put them on.

:func:`check_gallery` validates every option and the output folder before any work;
:func:`build_gallery` renders the figures (PNG or SVG, one theme or both) into a fresh folder
beside the target, writes ``index.html`` and ``index.md`` there (:mod:`.gallery_page`) and swaps
the folder in (:mod:`.folder`): a failure leaves the previous gallery as it was, and a run with
nothing changed writes the same bytes.

Speed: the properties of every activation are derived once, in the calling process, before the
figures are drawn by forked worker processes, one per core (Linux); each worker inherits the
loaded modules and the derived facts, draws whole figures and writes them itself, and runs without
the cyclic garbage collector, sweeping only the young generation after each figure (a figure's
mathtext leaves cyclic garbage: the sweep costs ~3 % of the time, and a worker stays at ~75 MiB
instead of growing 3 MiB a figure). A PNG is drawn unhinted and written by the fast PNG writer
(:func:`_write_png`); each worker draws a figure on the Figure and Axes of its previous one of the same
kind. A figure costs ~23 ms of CPU at 150 dpi (~13 ms in the command line, with its tricks).
``explore.html`` is made meanwhile by a forked process of its own. The calling process is never changed:
no collector switched off, no rcParams, no patches (the command line applies its own start-up tricks
when ``progress(0, total)`` comes, before matplotlib loads). Where forking is not possible or not safe
(not Linux, or other threads running in the caller, as in a Jupyter kernel), the figures and the page
are made in the calling process, one after another.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import text
from ..errors import ActvizError, ParameterError
from ..errors import option as opt
from ..messages import current, language, msg
from ..options import GALLERY_THEMES, PAGE_FORMATS, check_figure_format, check_folder
from ..spec import Bound
from .bands import fork, forkable, private_files
from .folder import building
from .gallery_page import Entry, FigureFile, html_page, markdown_page
from .page import page_html
from .save import safe_name

__all__ = [
    "FORMATS", "THEMES", "DEFAULT_FOLDER", "DEFAULT_DPI", "PAGES", "check_gallery", "check_figure_format", "gallery_themes",
    "previous_gallery", "figure_stems", "build_gallery", "default_workers", "WorkerError",
]

#: the figure formats of a page, and its themes ("both": light figures, dark variants beside them, and
#: a page that follows prefers-color-scheme)
FORMATS, THEMES = PAGE_FORMATS, GALLERY_THEMES
DEFAULT_FOLDER = Path("outputs") / "gallery"
#: 150 dpi, as ``actviz plot``: a 7.2-inch figure is 1080 px wide, sharp on a phone's screen
DEFAULT_DPI = 150
PAGES = ("index.html", "index.md", "explore.html")
#: the longest figure stem; longer ones (many parameters) are cut and given a checksum
MAX_STEM = 80

Progress = Callable[[int, int], None]


class WorkerError(ActvizError):
    """A worker process died while drawing (exit code 1: not a mistake in the arguments)."""

    exit_code = 1


def gallery_themes(theme: str) -> tuple[str, ...]:
    """``"light"`` -> ("light",), ``"both"`` -> ("light", "dark"): the page's theme first (one of
    :data:`THEMES`, checked by the API)."""
    return ("light", "dark") if theme == "both" else (theme,)


_NOT_FOLDERS = (".html", ".htm", ".md", ".png", ".svg", ".pdf")


def check_gallery(out: str | os.PathLike[str], *, format: str = "png") -> Path:
    """The figure format and the output folder, before any work; returns the folder. Nothing is
    created (theme and dpi: :mod:`actviz.options`, through the API).

    The folder may be new, empty, or a gallery made before (which is replaced as a whole); a
    folder holding anything else is refused, so no file of yours is ever deleted.
    """
    check_figure_format(format)
    name = os.fspath(out)
    if Path(name).suffix.lower() in _NOT_FOLDERS:
        raise ParameterError(f"{opt('output')} {name!r} is a folder for the gallery (index.html and the figures "
                             f"go in it): give a folder such as site/, not a {Path(name).suffix} file")
    return check_folder(name, owned=previous_gallery, what="gallery folder")


_GENERATOR = b'<meta name="generator" content="actviz'


def previous_gallery(folder: Path) -> str | None:
    """None if ``folder`` holds a gallery made before and nothing else (it may be replaced), else
    what is in the way."""
    try:
        with open(folder / "index.html", "rb") as fh:
            head = fh.read(4096)
    except OSError:
        head = b""
    if _GENERATOR not in head:
        return "it is not empty and holds no actviz gallery (no index.html made by actviz)"
    for entry in sorted(folder.iterdir()):
        if not entry.is_file() or entry.suffix not in (".html", ".md", ".png", ".svg"):
            return f"it holds {entry.name!r}, which is not part of a gallery"
    return None


def figure_stems(bounds: Sequence[Bound]) -> list[str]:
    """A file stem per activation (``leaky_relu_alpha_0.1``), unique: a long one is cut and given a
    checksum, a repeated one a counter."""
    stems: list[str] = []
    for b in bounds:
        stem = safe_name(text.file_stem(b))
        if len(stem) > MAX_STEM:
            stem = f"{stem[:MAX_STEM - 10]}_{zlib.crc32(stem.encode()):08x}"
        unique, k = stem, 1
        while unique in stems:
            k += 1
            unique = f"{stem}_{k}"
        stems.append(unique)
    return stems


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


#: a phone's figure: the width of a phone's column (about 365 CSS px), no title or formula (the page
#: shows them as text), texts 1.4 times what the size gives (at least 9.8 pt, 13 CSS px, where the
#: house figure shown 358 px wide has 5 px text)
NARROW_SIZE = (3.8, 3.0)
NARROW_FONT = 1.4


@dataclass(frozen=True)
class _Job:
    bound: Bound
    theme: str
    name: str
    lang: str  #: the language in force when the gallery was asked for (the workers draw in it too)
    narrow: bool = False  #: the phone's figure


def build_gallery(bounds: Sequence[Bound], out: str | os.PathLike[str], *, format: str = "png",
                  theme: str = "light", dpi: float = DEFAULT_DPI, heading: str | None = None,
                  workers: int | None = None, progress: Progress | None = None, phone: bool = True) -> Path:
    """Render the gallery of ``bounds`` into the folder ``out`` and return its ``index.html``, in
    the language in force (:func:`actviz.messages.language`): figures, page and table.

    ``workers``: processes drawing figures (default one per core; 1 draws them here).
    ``progress(done, total)`` is called in this process with 0 before the first figure (and before
    matplotlib is loaded here), then after each figure. ``phone``: each figure also drawn for a phone's
    column (:data:`NARROW_SIZE`). ``explore.html`` (the same functions on sliders, issue 28) is made
    meanwhile, by a process of its own where the figures have workers.
    """
    target = check_gallery(out, format=format)
    if not bounds:
        raise ParameterError("the gallery needs at least one activation")
    if workers is not None and (isinstance(workers, bool) or not isinstance(workers, int) or workers < 1):
        raise ParameterError(f"{opt('workers')} {workers!r} must be a whole number, 1 or more")
    themes = gallery_themes(theme)
    lang = current()
    heading = msg("gallery.heading") if heading is None else heading
    unique = list(dict.fromkeys(bounds))  # the same activation twice is one entry
    rows = [b.properties() for b in unique]  # derived here, once: forked workers inherit them
    stems = figure_stems(unique)
    jobs = [_Job(b, t, f"{stem}{'.narrow' if narrow else ''}{'' if i == 0 else '.' + t}.{format}", lang, narrow)
            for b, stem in zip(unique, stems) for narrow in (False, True)[:1 + phone] for i, t in enumerate(themes)]
    with building(target) as tmp:
        files = _render_all(jobs, tmp, dpi, workers, progress, themes[0])
        per = len(themes)
        kinds = 1 + phone  # the house figures of an activation, then its phone figures
        entries = [Entry(stem, p, tuple(files[kinds * k * per:(kinds * k + 1) * per]),
                         tuple(files[(kinds * k + 1) * per:(kinds * k + 2) * per]) if phone else ())
                   for k, (stem, p) in enumerate(zip(stems, rows))]
        for name, page in (("index.html", html_page), ("index.md", markdown_page)):
            _write_text(tmp / name, page(entries, heading=heading, themes=themes))
    return target / "index.html"


# -- drawing the figures -----------------------------------------------------------------------------


def _render(job: _Job, folder: Path, dpi: float, prepared: dict[Any, Any] | None = None) -> FigureFile:
    """One figure, as ``actviz.plot`` draws it, written to ``folder``. A PNG is laid out and drawn
    with unhinted glyphs, as the cheatsheet (:data:`.png.POSTER_RC`: measured 5 ms of ~60 ms a
    figure; text a fraction of a pixel from the hinted one), and written by :func:`_write_png`.
    ``prepared``: the figures this process drew before, to draw on again (:func:`.figures.plot_figure`)."""
    import contextlib

    from .figures import plot_figure
    from .png import poster_rc
    from .save import save_figure

    png = job.name.endswith(".png")
    with language(job.lang), poster_rc() if png else contextlib.nullcontext():
        if job.narrow:
            fig = plot_figure(job.bound, theme=job.theme, dpi=dpi, size=NARROW_SIZE, title=False, formula=False,
                              font_scale=NARROW_FONT, prepared=prepared)
        else:
            fig = plot_figure(job.bound, theme=job.theme, dpi=dpi, prepared=prepared)
        if png:
            _write_png(fig, folder / job.name)
        else:
            save_figure(fig, folder / job.name)
    width, height = fig.get_size_inches()
    return FigureFile(job.name, float(width), float(height))


def _write_png(fig: Any, path: Path) -> None:
    """The figure's pixels, drawn by its own canvas as ``save_figure`` would draw them, written by
    :func:`.png.write_png`: every row unfiltered, deflated by zlib-ng (else zlib), instead of Pillow's
    search over five filters a row (measured on the plot figure at 150 dpi with zlib: 6.7 ms instead of
    19.6 ms, a file 5 % smaller; zlib-ng takes ~0.6 ms of those 6.7). The figure's own canvas keeps the
    renderer its text was measured with, so each formula is parsed once (a new canvas would parse every
    formula again: ~20 ms a figure). No temporary file: the whole folder is new and swapped in when
    complete."""
    import matplotlib
    import numpy as np

    from .png import write_png
    from .save import SAVE_RC

    with matplotlib.rc_context(SAVE_RC):
        fig.canvas.draw()
    with open(path, "wb") as fh:
        write_png(fh, np.asarray(fig.canvas.buffer_rgba()), dpi=fig.dpi)


def _explore_page(jobs: list[_Job], theme: str) -> str:
    """``explore.html`` for the gallery's functions (:mod:`.page`), in the gallery's language."""
    with language(jobs[0].lang):
        return page_html(list(dict.fromkeys(job.bound for job in jobs)), theme=theme, frameworks=False)


def _render_all(jobs: list[_Job], folder: Path, dpi: float, workers: int | None,
                progress: Progress | None, theme: str) -> list[FigureFile]:
    """The figures, and ``explore.html`` in ``folder``. ``progress(0, total)`` comes first, before the
    figures' modules (matplotlib) are loaded here.

    With workers, ``explore.html`` is made by a process of its own, forked before anything else: it needs
    no matplotlib, so it runs on another core while this process loads matplotlib (~0.1 s that core
    would idle; measured: the gallery 35 ms sooner on two cores, six alternating runs). Then the
    figures' workers are forked."""
    n = min(default_workers() if workers is None else workers, len(jobs))
    files: list[FigureFile | None] = [None] * len(jobs)

    def explore() -> None:
        _write_text(folder / "explore.html", _explore_page(jobs, theme))

    if n <= 1 or not forkable():
        if progress is not None:
            progress(0, len(jobs))
        prepared: dict[Any, Any] = {}
        for i, job in enumerate(jobs):
            files[i] = _render(job, folder, dpi, prepared)
            if progress is not None:
                progress(i + 1, len(jobs))
        explore()
        return [f for f in files if f is not None]
    pager = fork(explore)
    if pager is None:  # pragma: no cover - forkable a moment ago
        raise WorkerError("the process making explore.html could not be started; nothing was changed")
    try:
        if progress is not None:
            progress(0, len(jobs))
        _draw_in_workers(jobs, folder, dpi, n, files, progress)
        if pager.wait() != 0:
            raise WorkerError("the process making explore.html stopped unexpectedly; nothing was changed")
    finally:
        pager.stop()
    return [f for f in files if f is not None]


def _write_text(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")


def _draw_in_workers(jobs: list[_Job], folder: Path, dpi: float, n: int, files: list[FigureFile | None],
                     progress: Progress | None) -> None:
    """Each figure drawn and written by one of ``n`` forked workers; ``files`` filled in job order."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    from . import figures, save  # noqa: F401  (loaded once here, shared by the forked workers)

    # an executor rather than multiprocessing.Pool: a worker that dies (killed, out of memory) ends
    # the build with BrokenProcessPool instead of a wait that never ends. The workers are forked
    # when the first figure is submitted, before the executor starts its own thread.
    executor = ProcessPoolExecutor(n, mp_context=multiprocessing.get_context("fork"), initializer=_start_worker,
                                   initargs=(jobs, folder, dpi))
    try:
        futures = [executor.submit(_work, i) for i in range(len(jobs))]
        for done, future in enumerate(as_completed(futures), 1):
            i, figure = future.result()
            files[i] = figure
            if progress is not None:
                progress(done, len(jobs))
    except BrokenProcessPool:
        raise WorkerError("a process drawing the figures stopped unexpectedly (killed, or out of memory); "
                          "nothing was changed") from None
    finally:
        # on any failure the figures not started are cancelled and the ones being drawn finish
        # (a fraction of a second) before the folder they write into is removed
        executor.shutdown(wait=True, cancel_futures=True)


#: a worker's jobs (set in each forked worker by _start_worker, never in the calling process)
_WORKER: dict[str, Any] = {}


def _start_worker(jobs: list[_Job], folder: Path, dpi: float) -> None:
    import gc
    import signal

    # fonts the calling process opened before (a script that drew a figure first) are read through
    # descriptions of this worker's own: the workers draw text at once. Nothing reads them meanwhile:
    # each worker does this before drawing, and the calling process draws nothing while they work
    private_files()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the calling process's to handle
    gc.freeze()  # what the calling process made is not swept: no page of it copied for the sweep
    gc.disable()  # swept by generation after each figure instead (see _work)
    _WORKER.update(jobs=jobs, folder=folder, dpi=dpi, prepared={})


def _work(i: int) -> tuple[int, FigureFile]:
    import gc

    figure = _render(_WORKER["jobs"][i], _WORKER["folder"], _WORKER["dpi"], _WORKER["prepared"])
    gc.collect(0)  # the figure's cyclic garbage, without walking everything the imports made
    return i, figure
