"""Figures a journal, a slide and a blog accept as they are (issue: nothing outside the canvas, nothing
on top of the data, honest ranges, files journals accept)."""

from __future__ import annotations

import csv
import io
import re

import numpy as np
import pytest
from typer.testing import CliRunner

import actviz
from actviz.cli import app

runner = CliRunner()


def _texts_inside(fig):
    """Everything drawn lies inside the figure (1 px of slack for antialiasing): each Axes with its
    drawn tick labels, axis labels, titles and texts (its tight box), each figure text and legend."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    w, h = fig.bbox.width, fig.bbox.height
    bad = []
    boxes = [(f"axes {ax.get_gid() or i}", ax.get_tightbbox(renderer)) for i, ax in enumerate(fig.axes)]
    boxes += [(t.get_text()[:40], t.get_window_extent(renderer)) for t in fig.texts if t.get_text().strip()]
    boxes += [("legend", lg.get_window_extent(renderer)) for lg in fig.legends]
    for what, box in boxes:
        if box.x0 < -1 or box.y0 < -1 or box.x1 > w + 1 or box.y1 > h + 1:
            bad.append((what, tuple(round(v) for v in box.extents)))
    return bad


def _legend_over_data(fig):
    """Data points (of f, f′) that a legend covers, in display coordinates."""
    renderer = fig.canvas.get_renderer()
    covered = 0
    legends = fig.legends + [ax.get_legend() for ax in fig.axes if ax.get_legend()]
    boxes = [lg.get_window_extent(renderer) for lg in legends]
    for ax in fig.axes:
        for line in ax.get_lines():
            if not (line.get_gid() or "").startswith(("f", "df")):
                continue
            xy = ax.transData.transform(np.column_stack(line.get_data()).astype(float))
            xy = xy[np.isfinite(xy).all(axis=1)]
            for box in boxes:
                covered += int(np.sum((xy[:, 0] > box.x0) & (xy[:, 0] < box.x1) & (xy[:, 1] > box.y0) & (xy[:, 1] < box.y1)))
    return covered


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("cols", [1, 2, 3, 5, 12])
def test_cheatsheet_fits_at_any_number_of_columns(cols, theme):
    fig = actviz.cheatsheet(family="gated", cols=cols, theme=theme, dpi=30)
    assert _texts_inside(fig) == []
    title = next(t for t in fig.texts if "cheatsheet of" in t.get_text())
    assert title.get_fontsize() >= 11  # wrapped rather than shrunk to tiny type


def test_a_one_panel_cheatsheet_speaks_of_one_function():
    fig = actviz.cheatsheet("relu", dpi=30)
    texts = " ".join(t.get_text() for t in fig.texts)
    assert "cheatsheet of one function and its derivative" in " ".join(texts.split())
    assert "vector-valued" not in texts  # the softmax footnote only where softmax is
    assert "vector-valued" in " ".join(t.get_text() for t in actviz.cheatsheet("softmax", dpi=30).texts)


def test_the_clip_note_is_in_the_caption_not_over_a_curve():
    fig = actviz.cheatsheet("sigmoid:a=0.05", "tanh", cols=2, dpi=30)  # f′ near 0.0125 would squash f
    notes = [t for t in fig.texts if t.get_gid() == "clip-note"]
    assert notes and not any(t.get_gid() == "clip-note" for ax in fig.axes for t in ax.texts)  # under the panel
    assert any(t.get_text().startswith("range") and "f′ clipped" in t.get_text() for t in notes)


def test_softmax_formulas_on_the_cheatsheet_are_as_large_as_their_neighbours():
    fig = actviz.cheatsheet("softmax", "softmin", "relu", dpi=30)
    sizes = {t.get_text(): t.get_fontsize() for t in fig.texts if t.get_text().startswith("$f(x)")}
    assert min(sizes.values()) >= 0.9 * max(sizes.values()), sizes


@pytest.mark.parametrize("n", [1, 2, 6, 12, 20, 24])
def test_compare_fits_with_up_to_24_functions(n):
    fig = actviz.compare(*actviz.names()[:n], points=60, dpi=30)
    assert _texts_inside(fig) == []


@pytest.mark.parametrize("spec, window", [
    ("softmax", (-20, 20)), ("relu", (-5, 5)), ("gelu", (-0.01, 0.01)), ("softplus", (19.99, 20.01)),
    ("binary_step", (-1, 1)), ("sinc", (-30, 30)), ("elu", (-1000, 1000)),
])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_plot_texts_inside_and_legend_over_no_data(spec, window, theme):
    fig = actviz.plot(spec, xmin=window[0], xmax=window[1], points=200, theme=theme, dpi=30)
    assert _texts_inside(fig) == []
    assert _legend_over_data(fig) == 0


def test_plot_relu_with_ten_points_keeps_its_legend_off_the_line():
    fig = actviz.plot("relu", points=10, dpi=30)
    assert _legend_over_data(fig) == 0 and len(fig.legends) == 1


def test_a_nearly_constant_derivative_is_drawn_on_its_own_axis_without_an_offset():
    fig = actviz.plot("softplus", xmin=19.99, xmax=20.01, dpi=30)
    fig.canvas.draw()
    labels = [t.get_text() for t in fig.legends[0].get_texts()]
    assert labels == ["f(x)", "f′(x) (right axis)"] and not any("clipped" in t for t in labels)
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            assert axis.get_offset_text().get_text() == ""  # no '+2e1' above the axis


def test_oscillating_functions_are_sampled_densely_enough():
    fig = actviz.plot("sinusoid", xmin=-1000, xmax=1000, dpi=30)
    (f,) = [ln for ax in fig.axes for ln in ax.get_lines() if ln.get_gid() == "f"]
    x = np.asarray(f.get_xdata(), dtype=float)
    assert x.size >= 19 * 2000 / (2 * np.pi)  # about 20 samples a period: no moiré
    fig = actviz.plot("sinusoid", xmin=-1e8, xmax=1e8, dpi=30)  # beyond what can be drawn: said so
    notes = [t.get_text() for t in fig.findobj(lambda a: a.get_gid() == "unresolved-note")]
    assert notes and "narrow the x-range" in notes[0]
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    note = fig.findobj(lambda a: a.get_gid() == "unresolved-note")[0].get_window_extent(renderer)
    for ax in fig.axes:  # the note covers neither the axes nor their labels
        assert not note.overlaps(ax.get_tightbbox(renderer))


def test_log_softmax_bar_labels_do_not_run_into_bars():
    fig = actviz.plot("log_softmax", dpi=60)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    bars_ax = fig.axes[0]
    labels = [t for t in bars_ax.texts if t.get_gid() == "bar-label"]
    assert len(labels) == 6
    bars = [p.get_window_extent(renderer) for p in bars_ax.patches]
    for label in labels:
        box = label.get_window_extent(renderer)
        own = min(bars, key=lambda b: abs((b.x0 + b.x1) / 2 - (box.x0 + box.x1) / 2))
        for bar in bars:
            if bar is own:
                continue
            overlap_x = min(box.x1, bar.x1) - max(box.x0, bar.x0)
            overlap_y = min(box.y1, bar.y1) - max(box.y0, bar.y0)
            assert overlap_x <= 0.5 or overlap_y <= 0.5, (label.get_text(), box, bar)


# -- sizes, titles, limits, data ------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(3.5, 2.6), (7.16, 4.0), (13.33, 7.5)])
def test_figure_sizes_for_journals_and_slides(size):
    fig = actviz.plot("gelu", size=size, dpi=30)
    assert tuple(round(v, 2) for v in fig.get_size_inches()) == size
    assert _texts_inside(fig) == []
    assert min(t.get_fontsize() for t in fig.texts) >= 7  # legible at print size
    fig = actviz.compare("relu", "gelu", "silu", size=size, dpi=30)
    assert _texts_inside(fig) == []


def test_title_and_formula_can_be_left_out_and_the_frame_fixed():
    fig = actviz.plot("elu", title=False, formula=False, ylim=(-2, 3), dpi=30)
    texts = [t.get_text() for t in fig.texts]
    assert not any("ELU" in t or t.startswith("$") for t in texts)
    assert fig.axes[0].get_ylim() == (-2.0, 3.0)
    fig = actviz.compare("relu", "elu", title=False, dpi=30)
    assert not any("compared" in t.get_text() for t in fig.texts)


def test_cli_size_shapes_and_inches(tmp_path):
    from PIL import Image

    for size, expected in (("16:9", (7.2 * 100, 4.05 * 100)), ("3.5x2.6", (350, 260))):
        out = tmp_path / f"{size.replace(':', '_')}.png"
        result = runner.invoke(app, ["plot", "relu", "--size", size, "--dpi", "100", "-o", str(out)])
        assert result.exit_code == 0, result.output
        with Image.open(out) as im:
            assert abs(im.size[0] - expected[0]) <= 1 and abs(im.size[1] - expected[1]) <= 1


def test_the_numbers_behind_a_figure_as_csv(tmp_path):
    out = tmp_path / "curves.csv"
    result = runner.invoke(app, ["compare", "binary_step", "elu:alpha=2", "--points", "11", "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert {r["curve"] for r in rows} == {"binary_step", "elu:alpha=2"}
    elu = [r for r in rows if r["curve"] == "elu:alpha=2" and r["x"] != "nan"]
    x = np.array([float(r["x"]) for r in elu])
    np.testing.assert_array_equal([float(r["f"]) for r in elu], actviz.get("elu")(x, alpha=2.0))
    np.testing.assert_array_equal([float(r["df"]) for r in elu], actviz.get("elu").derivative(x, alpha=2.0))
    step = [r for r in rows if r["curve"] == "binary_step"]
    breaks = [i for i, r in enumerate(step) if r["x"] == "nan"]
    assert len(breaks) == 1 and float(step[breaks[0] - 1]["f"]) == 0 and float(step[breaks[0] + 1]["f"]) == 1
    assert actviz.curves("relu", points=10).to_csv().splitlines()[0] == "curve,x,f,df"


def test_cheatsheet_window(tmp_path):
    fig = actviz.cheatsheet("relu", "tanh", xmin=-10, xmax=10, dpi=30)
    texts = " ".join(t.get_text() for ax in fig.axes for t in ax.texts)
    assert "−5" in texts and "5" in texts and "x-range [−10, 10]" in " ".join(t.get_text() for t in fig.texts)
    ax = next(a for a in fig.axes if a.get_gid() == "panel:tanh")
    assert ax.get_xlim() == (-10.0, 10.0)


# -- files journals accept -------------------------------------------------------------------------------------


def test_pdf_embeds_truetype_not_type3(tmp_path):
    path = actviz.save(actviz.plot("gelu", points=50, dpi=30), tmp_path / "f.pdf")
    data = path.read_bytes()
    subtypes = set(re.findall(rb"/Subtype\s*/(\w+)", data))
    assert b"Type3" not in subtypes and (b"TrueType" in subtypes or b"CIDFontType2" in subtypes), subtypes


def test_svg_names_generic_fallbacks_or_draws_text_as_paths(tmp_path):
    fig = actviz.plot("elu", points=50, dpi=30)
    text_svg = actviz.save(fig, tmp_path / "t.svg").read_text()
    assert "sans-serif" in text_svg and "<text" in text_svg
    paths_svg = actviz.save(fig, tmp_path / "p.svg", svg_text="paths").read_text()
    assert "<text" not in paths_svg and "font-family" not in paths_svg
    result = runner.invoke(app, ["plot", "elu", "--points", "30", "--svg-text", "paths", "-o", str(tmp_path / "c.svg")])
    assert result.exit_code == 0 and "<text" not in (tmp_path / "c.svg").read_text()


def test_gradient_figure_names_functions_as_compare_does_and_counts_layers_in_words():
    flows = actviz.gradient("relu", "leaky_relu:alpha=0.1", layers=1, width=4)
    fig = actviz.lesson_figure(flows, dpi=30)
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert labels[0].startswith("ReLU, init gain 1.414") and labels[1].startswith("Leaky ReLU (α = 0.1), init gain 1.407")
    caption = " ".join(" ".join(t.get_text() for t in fig.texts).split())
    assert "1 layer ×" in caption and "1 layers" not in caption
    markers = [ln.get_marker() for ln in fig.axes[0].get_lines() if (ln.get_gid() or "").startswith("gradient:")]
    assert len(set(markers)) == 2  # coinciding lines stay distinguishable
    deep = actviz.lesson_figure(actviz.gradient("sigmoid", layers=1000, width=8), dpi=30)
    assert "^" not in " ".join(t.get_text() for t in deep.axes[0].get_legend().get_texts())


def test_an_oscillation_beyond_any_sampling_is_said_not_drawn_as_if_resolved():
    """issue 24: sin(1e6·x) over ±5 aliases on the 200 000-point probe too (3e6 half-waves counted as ~2e4);
    a second probe of another spacing gives it away, and the figure says to narrow the x-range."""
    from actviz.options import Window
    from actviz.render.sampling import MAX_RESOLVED, resolution
    from actviz.selection import select

    assert resolution(select("sin(1e6*x)"), Window(-5.0, 5.0, 1000))[1] > 0
    assert resolution(select("sin(1000*x)"), Window(-5.0, 5.0, 1000)) == (31840, 0)  # 10 samples per half-wave
    fig = actviz.plot("sin(1e6*x)")
    notes = [t.get_text() for t in fig.texts if t.get_gid() == "unresolved-note"]
    assert notes and str(MAX_RESOLVED) in notes[0]
