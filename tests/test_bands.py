"""The poster's PNG drawn in two bands by two processes (issue 29): the same bytes as one drawing, and
one drawing wherever the two could differ."""

from __future__ import annotations

import numpy as np
import pytest

import actviz
from actviz.render import bands, cheatsheet
from actviz.render.save import save_figure

forks = pytest.mark.skipif(not bands.forkable(), reason="no fork here: the poster is drawn in one process")


def _serial(tmp_path, bounds, **kw) -> bytes:
    path = tmp_path / "serial.png"
    save_figure(cheatsheet.cheatsheet_figure(bounds, **kw), path)
    return path.read_bytes()


def _banded(tmp_path, bounds, **kw) -> bytes:
    path = tmp_path / "banded.png"
    assert cheatsheet.write_cheatsheet_png(bounds, path, **kw) == path
    return path.read_bytes()


def _spy(monkeypatch) -> list[bool]:
    """Record whether each stitching gave an image (True) or left it to one drawing (False)."""
    done: list[bool] = []
    real = bands.stitched

    def spy(*args, **kw):
        image = real(*args, **kw)
        done.append(image is not None)
        return image

    monkeypatch.setattr(bands, "stitched", spy)
    return done


@forks
@pytest.mark.parametrize("case", [
    {},
    {"theme": "dark", "cols": 1, "dpi": 50, "family": "sigmoid"},
    {"cols": 12, "dpi": 72},
    {"lang": "zh", "family": "relu", "cols": 2},
])
def test_two_bands_are_the_bytes_of_one_drawing(tmp_path, monkeypatch, case):
    from actviz.messages import language

    case = dict(case)
    family, lang = case.pop("family", None), case.pop("lang", None)
    with language(lang):
        bounds = actviz.activations(family=family) if family else actviz.activations()
        done = _spy(monkeypatch)
        banded = _banded(tmp_path, bounds, **case)
        assert done == [True], "the poster was not drawn in two bands"
        assert banded == _serial(tmp_path, bounds, **case)


def test_one_row_is_one_drawing(tmp_path, monkeypatch):
    bounds = actviz.activations("relu", "gelu")
    done = _spy(monkeypatch)
    assert _banded(tmp_path, bounds) == _serial(tmp_path, bounds)
    assert done == []


def test_without_fork_it_is_drawn_here(tmp_path, monkeypatch):
    monkeypatch.setattr(bands, "forkable", lambda: False)
    bounds = actviz.activations(family="sigmoid")
    done = _spy(monkeypatch)
    assert _banded(tmp_path, bounds) == _serial(tmp_path, bounds)
    assert done == [False]


@forks
def test_a_cut_through_a_row_is_noticed_and_drawn_here(tmp_path, monkeypatch):
    """A split line through the panels (as if a row reached the next): both sides see ink beyond it, and the
    poster is drawn in one piece, the same bytes."""
    monkeypatch.setattr(cheatsheet, "SPLIT_ABOVE", -1.2)  # the middle of the lower row's panels
    bounds = actviz.activations(family="sigmoid")
    done = _spy(monkeypatch)
    assert _banded(tmp_path, bounds) == _serial(tmp_path, bounds)
    assert done == [False]


def _image(rows: int = 40, cols: int = 10, ink: tuple[int, int] | None = None) -> np.ndarray:
    out = np.full((rows, cols, 4), 255, dtype=np.uint8)
    if ink is not None:
        out[ink[0]:ink[1], 2:5, :3] = 0
    return out


@forks
def test_stitched_joins_the_two_halves():
    image = bands.stitched(lambda: _image(ink=(3, 8)), lambda: _image(ink=(30, 33)), (40, 10), 20)
    assert image is not None
    expected = _image(ink=(3, 8))
    expected[30:33, 2:5, :3] = 0
    assert np.array_equal(image, expected)


@forks
@pytest.mark.parametrize("top, bottom", [
    ((3, 22), (30, 33)),  # the top's ink goes past the split
    ((3, 8), (18, 33)),  # the bottom's starts above it
])
def test_stitched_refuses_ink_across_the_split(top, bottom):
    assert bands.stitched(lambda: _image(ink=top), lambda: _image(ink=bottom), (40, 10), 20) is None


@forks
def test_stitched_survives_a_failing_worker():
    def fails():
        raise RuntimeError("out of memory, say")

    assert bands.stitched(lambda: _image(), fails, (40, 10), 20) is None
    assert bands.stitched(lambda: _image(), lambda: _image(rows=41), (40, 10), 20) is None  # another size


def test_the_api_writes_the_poster(tmp_path):
    png = actviz.cheatsheet(family="sigmoid", output=tmp_path / "s.png")
    assert png == tmp_path / "s.png" and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = actviz.cheatsheet(family="sigmoid", output=tmp_path / "s.svg")
    assert svg.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    fig = actviz.cheatsheet(family="sigmoid")
    assert hasattr(fig, "savefig")


@pytest.mark.parametrize("output, says", [("s.gif", ".gif"), ("s.png", "svg_text")])
def test_the_api_refuses_a_bad_output_before_any_work(tmp_path, output, says):
    kw = {"svg_text": "outlines"} if says == "svg_text" else {}
    with pytest.raises(actviz.ActvizError, match=says):
        actviz.cheatsheet(family="sigmoid", output=tmp_path / output, **kw)
    assert list(tmp_path.iterdir()) == []


# -- figures drawn again on the Figure and Axes of the one before (the gallery's workers) -------------------


@pytest.mark.parametrize("format, lang", [("png", "en"), ("svg", "en"), ("png", "zh")])
def test_a_gallery_drawn_on_prepared_figures_is_the_bytes_of_new_ones(tmp_path, monkeypatch, format, lang):
    """Jumps, a twin axis (hardshrink's f′), two panels (softmax, then sparsemax on softmax's), an oscillation
    (sinc), both themes, the house and the phone figures: every file the same bytes whether each figure is
    new or drawn again."""
    from actviz.render import figures

    names = ("relu", "gelu", "softmax", "elu", "hardshrink", "sinc", "binary_step", "sparsemax", "mish")
    real = figures._emptied
    reused: list[int] = []  # the number of panels of each figure drawn again
    monkeypatch.setattr(figures, "_emptied", lambda panels: reused.append(len(panels or ())) or real(panels))
    actviz.gallery(*names, out=tmp_path / "again", format=format, theme="both", lang=lang, workers=1)
    assert sum(1 for n in reused if n) >= 8, "figures were not drawn on prepared ones"
    assert 2 in reused, "sparsemax's two panels were not drawn on softmax's"
    plot_figure = figures.plot_figure  # each figure new, and its legend's columns found afresh
    monkeypatch.setattr(figures, "plot_figure", lambda *a, prepared=None, **k: plot_figure(*a, **k))
    actviz.gallery(*names, out=tmp_path / "new", format=format, theme="both", lang=lang, workers=1)
    files = sorted(p.name for p in (tmp_path / "new").iterdir())
    assert files == sorted(p.name for p in (tmp_path / "again").iterdir())
    for name in files:
        assert (tmp_path / "again" / name).read_bytes() == (tmp_path / "new" / name).read_bytes(), name


@forks
def test_a_forked_process_reads_its_files_at_offsets_of_its_own(tmp_path):
    """A file opened before the fork (as matplotlib's fonts are) keeps one offset per process: the copy
    starts where this process was, and its seeks do not move this process's (shared, they did: two
    processes drawing text at once read each other's places in a font file)."""
    import os

    path = tmp_path / "font.bin"
    path.write_bytes(bytes(range(256)) * 64)
    fd = os.open(path, os.O_RDONLY)
    try:
        os.lseek(fd, 100, os.SEEK_SET)

        def elsewhere() -> int:
            if os.lseek(fd, 0, os.SEEK_CUR) != 100:
                return 3
            os.lseek(fd, 5000, os.SEEK_SET)
            return 0 if os.read(fd, 1) == bytes([5000 % 256]) else 4

        worker = bands.fork(elsewhere)
        assert worker is not None and worker.wait() == 0
        assert os.lseek(fd, 0, os.SEEK_CUR) == 100
        assert os.read(fd, 1) == bytes([100])
    finally:
        os.close(fd)


@forks
def test_fork_reports_the_work_and_stops_a_copy_left_running():
    import time

    assert bands.fork(lambda: None).wait() == 0
    assert bands.fork(lambda: 7).wait() == 7
    assert bands.fork(lambda: 1 / 0).wait() == 1
    sleeper = bands.fork(lambda: time.sleep(60))
    sleeper.stop()  # killed at once, and reaped
    assert sleeper.code is not None and sleeper.code != 0
