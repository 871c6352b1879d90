"""actviz animate (issue 28): a parameter swept over frames, checked against independent references.

The sweep's values against numpy's own spacing; the fixed axes against ELU's extremes over the sweep worked
out by hand; the readout against facts known about the functions (ELU is C¹ only at α = 1, GELU's minimum
−0.16997 at x = −0.75179); the files as Pillow reads them back (frame count, timing, one shared palette);
the same call writing the same bytes; nothing written when anything is wrong or fails.
"""

from __future__ import annotations

import io
import math

import numpy as np
import pytest
from cli_helpers import bad
from PIL import Image
from typer.testing import CliRunner

import actviz
from actviz.cli import app
from actviz.messages import language
from actviz.options import Sweep, Window, parse_sweep
from actviz.render import animate as anim

runner = CliRunner()
SMALL = dict(size=(3.2, 2.0), dpi=50)


def test_sweep_values_are_even_or_even_in_log_scale():
    linear = parse_sweep("alpha=0.1:2:40").values
    assert linear[0] == 0.1 and linear[-1] == 2.0 and len(linear) == 40
    assert np.allclose(np.diff(linear), 1.9 / 39, rtol=0, atol=1e-11)
    logs = parse_sweep("beta=0.1:10:5", log=True).values
    assert logs == pytest.approx([0.1, 10 ** -0.5, 1.0, 10 ** 0.5, 10.0], rel=1e-11)
    assert parse_sweep("alpha=2:0.1:3").values == (2.0, 1.05, 0.1)  # a sweep may run downwards


@pytest.mark.parametrize("text", ["alpha", "alpha=1:2", "alpha=1:2:3:4", "=1:2:3", "alpha=x:2:3", "alpha=1:2:2.5"])
def test_malformed_sweeps_are_refused(text):
    with pytest.raises(actviz.ParameterError):
        parse_sweep(text)


def test_fixed_axes_hold_every_frame():
    """ELU for α from 0.1 to 2 on [−5, 5]: f reaches 2·expm1(−5) at the last frame and 5 at every frame;
    f′ reaches α = 2 as x → 0⁻: the one y-range must hold them all."""
    p = anim.plan([actviz.get("elu").bind()], Sweep("alpha", 0.1, 2.0, 6), Window(-5, 5, 200))
    lo, hi = anim._ylim(p)
    assert lo <= 2 * math.expm1(-5) and hi >= 5.0
    assert hi >= 2.0 and lo > -2.5 and hi < 5.8  # fitted, not just wide


def test_readout_states_the_facts_that_move():
    elu = actviz.get("elu")
    with language("en"):
        at_one, off_one = anim.readout(elu.bind(alpha=1.0)), anim.readout(elu.bind(alpha=0.5))
        gelu = anim.readout(actviz.get("gelu").bind())
        relu = anim.readout(actviz.get("leaky_relu").bind(alpha=0.1))
    assert "C¹" in at_one and "C⁰" in off_one  # ELU is C¹ only at α = 1
    assert "(−1, ∞)" in at_one and "(−0.5, ∞)" in off_one and "not attained" in off_one
    assert "−0.1700" in gelu and "x = −0.7518" in gelu  # GELU's minimum −0.169971 at x = −0.751791
    assert "unbounded below" in relu
    with language("zh"):
        assert "值域" in anim.readout(elu.bind(alpha=0.5)) and "C⁰" in anim.readout(elu.bind(alpha=0.5))


def test_title_carries_the_value():
    with language("en"):
        a = actviz.animate("elu", "celu", param="alpha=0.5:1.5:3", **SMALL)
    assert a.title == "ELU, CELU: α = 1.5"
    assert a.values == (0.5, 1.0, 1.5)


def _gif(data: bytes) -> Image.Image:
    im = Image.open(io.BytesIO(data))
    assert im.format == "GIF"
    return im


def _gif_frames(data: bytes) -> tuple[int, list[tuple[int, bool]]]:
    """Read a GIF's structure by the GIF89a specification (not by Pillow): the size of the global colour
    table, and per image its delay (ms) and whether it carries a local colour table."""
    assert data[:6] == b"GIF89a"
    flags = data[10]
    table = 2 ** ((flags & 7) + 1) if flags & 0x80 else 0
    i, delay, frames = 13 + 3 * table, 0, []
    while data[i] != 0x3B:  # the trailer
        if data[i] == 0x21:  # an extension: its label, then sub-blocks
            if data[i + 1] == 0xF9:
                delay = int.from_bytes(data[i + 4:i + 6], "little") * 10
            i += 2
            while data[i]:
                i += data[i] + 1
            i += 1
        else:  # an image descriptor, then its LZW data in sub-blocks
            assert data[i] == 0x2C
            packed = data[i + 9]
            frames.append((delay, bool(packed & 0x80)))
            i += 10 + (3 * 2 ** ((packed & 7) + 1) if packed & 0x80 else 0) + 1
            while data[i]:
                i += data[i] + 1
            i += 1
    return table, frames


def test_gif_frames_timing_and_one_palette():
    a = actviz.animate("elu", param="alpha=0.1:2:6", fps=10, hold=0.5, **SMALL)
    data = a.to_bytes("gif")
    table, frames = _gif_frames(data)
    assert 0 < table <= 256 and _gif(data).n_frames == 6
    assert [local for _, local in frames] == [False] * 6  # one palette, shared by every frame
    assert [delay for delay, _ in frames] == [600, 100, 100, 100, 100, 600]  # 10 fps, the ends held 0.5 s longer


def test_gif_frames_decode_to_the_quantized_frames():
    """Each frame after the first stores only the changed pixels (transparent elsewhere): decoded, every
    frame is exactly its picture in the shared palette."""
    a = actviz.animate("elu", "celu", param="alpha=0.1:2:5", hold=0, **SMALL)
    im = _gif(a.to_bytes("gif"))
    for i, idx in enumerate(anim.indexed(a.frames, a.palette)):
        im.seek(i)
        assert np.array_equal(np.asarray(im.convert("RGB")), a.palette[idx]), i


def test_pingpong_plays_back_without_repeating_the_ends():
    a = actviz.animate("elu", param="alpha=0.1:2:4", pingpong=True, hold=0, **SMALL)
    assert len(a) == 6 and a.values == pytest.approx((0.1, 0.7 + 1 / 30, 1.3 + 2 / 30, 2.0, 1.3 + 2 / 30, 0.7 + 1 / 30))
    assert np.array_equal(a.frames[1], a.frames[5]) and not np.array_equal(a.frames[0], a.frames[1])


def test_frames_change_only_where_curves_move():
    """ELU moves only for x < 0: the right half of the axes is the same in every frame (the trail, the f′
    dashes and the curves' pixels there stay still)."""
    a = actviz.animate("elu", param="alpha=0.1:2:5", hold=0, size=(6.4, 4), dpi=50)
    h, w = a.frames[0].shape[:2]
    right = [f[h // 4:, int(w * 0.62):] for f in a.frames]
    assert all(np.array_equal(right[0], r) for r in right[1:])
    left = [f[h // 4:, : w // 3] for f in a.frames]
    assert not np.array_equal(left[0], left[-1])


def test_same_call_same_bytes(tmp_path):
    for suffix in (".gif", ".png", ".webp", ".html"):
        one = actviz.animate("silu", param="beta=0.5:4:3", log=True, output=tmp_path / f"a{suffix}", **SMALL)
        two = actviz.animate("silu", param="beta=0.5:4:3", log=True, output=tmp_path / f"b{suffix}", **SMALL)
        assert one.read_bytes() == two.read_bytes(), suffix


def test_every_format_reads_back(tmp_path):
    a = actviz.animate("elu", param="alpha=0.5:1.5:3", **SMALL)
    png = Image.open(io.BytesIO(a.to_bytes("apng")))
    assert png.format == "PNG" and png.n_frames == 3 and png.is_animated
    webp = Image.open(io.BytesIO(a.to_bytes("webp")))
    assert webp.format == "WEBP" and webp.n_frames == 3
    page = a.to_bytes("html").decode()
    assert page.count("data:image/png;base64,") == 3 and page.count("<img ") == 1 and "http" not in page.replace("http-equiv", "")
    assert 'aria-label="Pause"' in page and page.rstrip().endswith("</html>")


def test_vector_functions_are_bars():
    """Gumbel-softmax's τ: the output bars follow softmax((3, 1, −3)/τ), the inputs stay."""
    p = anim.plan([actviz.get("gumbel_softmax").bind()], Sweep("tau", 0.5, 4.0, 3), Window(-5, 5, 100))
    values = anim._bar_values(p)
    for tau, row in zip((0.5, 2.25, 4.0), values[:, 0]):
        z = np.array([3.0, 1.0, -3.0]) / tau
        assert row == pytest.approx(np.exp(z) / np.exp(z).sum(), rel=1e-12)
    frames = anim.render(p, size=(3.2, 2.0), dpi=50)
    assert len(frames) == 3 and not np.array_equal(frames[0], frames[2])


def test_expressions_and_frameworks_animate():
    a = actviz.animate("x*tanh(b*x):b=1", param="b=0.5:2:3", **SMALL)
    assert len(a) == 3
    b = actviz.animate("leaky_relu", param="alpha=0.01:0.3:3", framework="keras", **SMALL)
    assert "Keras" in b.title


def test_jupyter_shows_the_player():
    html = actviz.animate("elu", param="alpha=0.5:1.5:2", **SMALL)._repr_html_()
    assert html.count("data:image/png;base64,") == 2 and "<script>" in html


def test_mp4_without_ffmpeg_is_one_line(tmp_path, monkeypatch):
    monkeypatch.setattr(anim.shutil, "which", lambda name: None)
    out = tmp_path / "x.mp4"
    bad(runner.invoke(app, ["animate", "elu", "-p", "alpha=0.5:1:2", "-o", str(out)]), ".mp4 needs ffmpeg", ".gif")
    assert not out.exists()


def test_cli_writes_and_prints_the_path(tmp_path):
    out = tmp_path / "elu.gif"
    result = runner.invoke(app, ["animate", "elu", "celu", "-p", "alpha=0.1:2:3", "--size", "3.2x2", "--dpi", "50",
                                 "--lang", "zh", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert str(out) in result.stdout and _gif(out.read_bytes()).n_frames == 3


def test_default_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["animate", "elu", "-p", "alpha=0.5:1:2", "--size", "2x2", "--dpi", "20"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "outputs" / "elu_alpha.gif").exists()


@pytest.mark.parametrize("error", [RuntimeError("encoder failed"), KeyboardInterrupt()])
def test_failed_write_keeps_the_old_file(tmp_path, monkeypatch, error):
    out = tmp_path / "a.gif"
    out.write_bytes(b"old")

    def failing(a, fmt, fh):
        fh.write(b"GIF89a half")
        raise error

    monkeypatch.setattr(anim, "write", failing)
    result = runner.invoke(app, ["animate", "elu", "-p", "alpha=0.5:1:2", "--size", "2x2", "--dpi", "20", "-o", str(out)])
    assert result.exit_code != 0
    assert out.read_bytes() == b"old" and sorted(p.name for p in tmp_path.iterdir()) == ["a.gif"]
