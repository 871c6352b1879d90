"""Terminal plots in braille (issue 16): the dots decoded from the printed characters against the
function evaluated densely and mapped to the dot grid, independently of the renderer's sampling;
widths, ticks, jumps, vector activations, NO_COLOR, encodings without braille, the CLI, the info
card, the Python API, and that no matplotlib is imported on the way."""

from __future__ import annotations

import io
import math
import os
import re
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from typer.testing import CliRunner

import actviz
from actviz.cli import app
from actviz.errors import ParameterError
from actviz.render import braille
from actviz.selection import select

runner = CliRunner()
FRAME = ("┤", "│")


# -- reading a printed plot back ---------------------------------------------------------------------


def plot_area(text: str) -> tuple[list[str], int]:
    """The braille rows of the (first) frame of a printed plot, and the column where they start."""
    lines = text.splitlines()
    rows = [line for line in lines if len(line) > 2 and any(line.lstrip()[i:i + 1] in FRAME for i in range(12))]
    start = None
    for line in lines:
        for ch in FRAME:
            at = line.find(ch)
            if at >= 0 and (len(line) == at + 1 or 0x2800 <= ord(line[at + 1]) <= 0x28FF):
                start = at + 1
                break
        if start is not None:
            break
    assert start is not None, text
    body = []
    for line in lines:
        if len(line) > start and line[start - 1] in FRAME:
            body.append(line[start:])
        elif body:
            break  # the end of the first frame
    assert rows and body
    return body, start


def dense(x0: float, x1: float, fn, n: int = 40001) -> tuple[np.ndarray, np.ndarray]:
    x = np.linspace(x0, x1, n)
    return x, fn(x)


def to_grid(frame: braille.Frame, cols: int, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Dot coordinates (u, v) of points, by the mapping any plot uses: the window's ends at the centres
    of the outer dot columns, the y-range's ends at the centres of the outer dot rows."""
    (x0, x1), (y0, y1) = frame.xlim, frame.ylim
    return (x - x0) / (x1 - x0) * (2 * cols - 1), (y1 - y) / (y1 - y0) * (4 * frame.height - 1)


def axis_dots(frame: braille.Frame, cols: int) -> set[tuple[int, int]]:
    """The dots of the axes through 0 (x-axis: a dot every 4th column; y-axis: every 4th row)."""
    out = set()
    (x0, x1), (y0, y1) = frame.xlim, frame.ylim
    if y0 < 0 < y1:
        r = math.floor((y1 - 0) / (y1 - y0) * (4 * frame.height - 1) + 0.5)
        out |= {(r, c) for c in range(0, 2 * cols, 4)}
    if x0 < 0 < x1:
        c = math.floor((0 - x0) / (x1 - x0) * (2 * cols - 1) + 0.5)
        out |= {(r, c) for r in range(1, 4 * frame.height, 4)}
    return out


def check_dots(dots: set[tuple[int, int]], u: np.ndarray, v: np.ndarray, rows: int, cols: int,
               allowed: set[tuple[int, int]] = frozenset(), tol: float = 1.0) -> None:
    """Every point of the curve inside the frame has its dot (or a neighbour) set, and every set dot
    lies within ``tol`` dots of the curve (or is ``allowed``: axes, asymptotes)."""
    inside = (u > -0.5) & (u < cols - 0.5) & (v > -0.5) & (v < rows - 0.5)
    missing = []
    for uu, vv in zip(u[inside][::7], v[inside][::7]):
        r, c = math.floor(vv + 0.5), math.floor(uu + 0.5)
        if not any((r + dr, c + dc) in dots for dr in (-1, 0, 1) for dc in (-1, 0, 1)):
            missing.append((r, c))
    assert not missing, f"curve passes dots that are not set: {missing[:10]}"
    order = np.argsort(u, kind="stable")
    us, vs = u[order], v[order]
    far = []
    for r, c in dots - set(allowed):
        lo, hi = np.searchsorted(us, c - tol), np.searchsorted(us, c + tol, side="right")
        if hi <= lo or np.min(np.abs(vs[lo:hi] - r)) > tol:
            far.append((r, c))
    assert not far, f"dots set far from the curve: {sorted(far)[:10]}"


def render(plot: braille.TerminalPlot, width: int, **kw) -> str:
    buf = io.StringIO()
    Console(file=buf, width=width, color_system=None, legacy_windows=False, **kw).print(plot)
    return buf.getvalue()


# -- the dots are the curve -----------------------------------------------------------------------------

SMOOTH = ["gelu", "relu", "elu", "sigmoid", "tanh", "mish", "softplus", "gaussian", "sinusoid", "hardtanh",
          "leaky_relu:alpha=0.2", "relu6", "squareplus", "selu"]


@pytest.mark.parametrize("width", [40, 80, 200])
@pytest.mark.parametrize("spec", SMOOTH)
def test_dots_follow_the_curve(spec, width):
    bound = select(spec)
    plot = actviz.terminal_plot(spec, derivative=False, width=width, height=12)
    text = str(plot)
    body, _ = plot_area(text)
    frame = plot.frames[0]
    cols = len(body[0])
    assert {len(line) for line in body} == {cols} and len(body) == frame.height
    dots = braille.decode(body)
    x, y = dense(*frame.xlim, bound)
    u, v = to_grid(frame, cols, x, y)
    allowed = axis_dots(frame, cols)
    for level in [lim for lim in bound.limits() if lim is not None and math.isfinite(lim)]:  # dotted asymptotes
        row = math.floor(to_grid(frame, cols, np.zeros(1), np.array([level]))[1][0] + 0.5)
        allowed |= {(row, c) for c in range(2 * cols)}
    check_dots(dots, u, v, 4 * frame.height, 2 * cols, allowed)


@pytest.mark.parametrize("width", [40, 80, 200])
def test_derivative_dots_are_on_f_prime(width):
    """f′ is dashed: its dots lie on f′ (or on f, the axes, an asymptote), and it is really drawn."""
    bound = actviz.get("sigmoid").bind()
    plot = actviz.terminal_plot(bound, width=width, height=12)
    body, _ = plot_area(str(plot))
    frame, cols = plot.frames[0], len(body[0])
    dots = braille.decode(body)
    x, y = dense(*frame.xlim, bound)
    _, dy = dense(*frame.xlim, bound.derivative)
    u, v = to_grid(frame, cols, x, y)
    _, dv = to_grid(frame, cols, x, dy)
    near_df = {(r, c) for r, c in dots if np.min(np.abs(dv[np.abs(u - c) <= 1] - r)) <= 1}
    assert len(near_df) > cols // 2  # f′ is there, not just f
    allowed = axis_dots(frame, cols) | near_df
    for level in (0.0, 1.0):
        row = math.floor(to_grid(frame, cols, np.zeros(1), np.array([level]))[1][0] + 0.5)
        allowed |= {(row, c) for c in range(2 * cols)}
    far = [(r, c) for r, c in dots - allowed if np.min(np.abs(v[np.abs(u - c) <= 1] - r)) > 1]
    assert not far


def test_a_curve_leaving_the_frame_runs_to_its_edge_and_stops():
    """Soft exponential next to ReLU is clipped at the frame: drawn up to the top row where it leaves,
    nothing of it beyond; ReLU is drawn in full."""
    plot = actviz.terminal_plot("relu", "soft_exponential:alpha=1", derivative=False, width=80, height=12)
    body, _ = plot_area(str(plot))
    frame, cols = plot.frames[0], len(body[0])
    assert len(body) == 12
    dots = braille.decode(body)
    x, y = dense(*frame.xlim, select("soft_exponential:alpha=1"))
    u, v = to_grid(frame, cols, x, y)
    leaves = math.floor(u[np.argmax(v < -0.5)] + 0.5)  # the dot column where it leaves the frame
    assert any(r == 0 and abs(c - leaves) <= 1 for r, c in dots)  # it reaches the top edge
    relu_u, relu_v = to_grid(frame, cols, x, np.maximum(x, 0.0))
    beyond = {(r, c) for r, c in dots if c > leaves + 1} - axis_dots(frame, cols)
    check_dots(beyond, relu_u[relu_u > leaves + 2], relu_v[relu_u > leaves + 2], 48, 2 * cols)


# -- jumps ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("spec", "jumps", "window"), [("binary_step", [0.0], (-2.3, 2.9)),
                                                       ("hardshrink", [-0.5, 0.5], (-1.1, 1.3)),
                                                       ("threshold", [1.0], (-2.3, 2.9))])
@pytest.mark.parametrize("width", [40, 80, 200])
def test_jumps_are_gaps_not_vertical_strokes(spec, jumps, window, width):
    bound = select(spec)
    plot = actviz.terminal_plot(bound, derivative=False, width=width, height=12, xmin=window[0], xmax=window[1])
    body, _ = plot_area(str(plot))
    frame, cols = plot.frames[0], len(body[0])
    raw = braille.decode(body)
    dots = raw - axis_dots(frame, cols)
    for k in jumps:
        left, right = float(bound(np.nextafter(k, -np.inf))), float(bound(np.nextafter(k, np.inf)))
        _, (r_left, r_right) = to_grid(frame, cols, np.array([k, k]), np.array([left, right]))
        top, bottom = sorted((math.floor(r_left + 0.5), math.floor(r_right + 0.5)))
        assert bottom - top >= 8  # a real jump at this height
        c = math.floor(to_grid(frame, cols, np.array([k]), np.zeros(1))[0][0] + 0.5)
        # nothing at all between the two sides, not even the y-axis (left out where f jumps on it)
        between = [(r, cc) for r, cc in raw if top + 1 < r < bottom - 1 and abs(cc - c) <= 2]
        assert not between, f"a stroke joins the jump at x = {k}: {between}"
        # both sides are drawn right up to the jump
        assert any(abs(r - r_left) <= 1 and c - 2 <= cc <= c for r, cc in dots)
        assert any(abs(r - r_right) <= 1 and c <= cc <= c + 2 for r, cc in dots)
    # and the pieces follow the function
    x, y = dense(*frame.xlim, bound)
    u, v = to_grid(frame, cols, x, y)
    keep = np.all([np.abs(x - k) > 1e-3 for k in jumps], axis=0)
    check_dots(dots, u[keep], v[keep], 4 * frame.height, 2 * cols)


# -- vector activations -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["softmax", "log_softmax", "softmin"])
def test_vector_activations_plot_the_first_component(name):
    """x₁ varies, the other logits stay at (1, −3): compared with softmax written out here."""
    plot = actviz.terminal_plot(name, derivative=False, width=80, height=12)
    text = str(plot)
    assert "f₁(x)" in text and "component 1 as x₁ varies, other logits (1, −3)" in text
    body, _ = plot_area(text)
    frame, cols = plot.frames[0], len(body[0])

    def first(x):
        z = np.stack([x, np.full_like(x, 1.0), np.full_like(x, -3.0)])
        if name == "softmin":
            z = -z
        m = z.max(axis=0)
        log_p = z[0] - m - np.log(np.exp(z - m).sum(axis=0))
        return log_p if name == "log_softmax" else np.exp(log_p)

    x, y = dense(*frame.xlim, first)
    u, v = to_grid(frame, cols, x, y)
    check_dots(braille.decode(body), u, v, 4 * frame.height, 2 * cols, axis_dots(frame, cols))


# -- layout: widths, ticks, title, legend ---------------------------------------------------------------


@pytest.mark.parametrize("width", [40, 60, 80, 120, 200, 260])
@pytest.mark.parametrize("specs", [("gelu",), ("softmax",), ("srelu",), ("relu", "elu:alpha=2", "gelu"),
                                   ("sigmoid", "tanh", "softsign", "hardtanh", "arctan", "isru")])
def test_fits_the_width(specs, width):
    plot = actviz.terminal_plot(*specs)
    text = render(plot, width)
    lines = text.splitlines()
    assert max(cell_len(line) for line in lines) <= width
    body, _ = plot_area(text)
    assert len(body[0]) >= width - 10  # the frame takes the width, less the tick labels
    assert all(len(line) == len(body[0]) for line in body)
    assert len(body) == braille.HEIGHT


def test_blank_cells_are_the_empty_braille_pattern():
    body, _ = plot_area(str(actviz.terminal_plot("relu", width=80)))
    assert " " not in "".join(body)
    assert "\u2800" in "".join(body)


@pytest.mark.parametrize("height", [4, 8, 16, 40])
def test_y_ticks_sit_on_the_rows_of_their_values(height):
    plot = actviz.terminal_plot("elu:alpha=2", width=80, height=height)
    text = str(plot)
    frame = plot.frames[0]
    _, start = plot_area(text)
    rows = [line for line in text.splitlines() if len(line) > start and line[start - 1] in FRAME]
    assert len(rows) == height
    labelled = [(i, line.split()[0]) for i, line in enumerate(rows) if line[start - 1] == "┤"]
    assert len(labelled) >= 2
    for i, label in labelled:
        value = float(label.replace("−", "-"))
        assert frame.ylim[0] <= value <= frame.ylim[1]
        row = (frame.ylim[1] - value) / (frame.ylim[1] - frame.ylim[0]) * (4 * height - 1)
        assert math.floor(row + 0.5) // 4 == i


@pytest.mark.parametrize("width", [40, 80, 200])
def test_x_ticks_sit_under_their_values(width):
    plot = actviz.terminal_plot("gelu", width=width, xmin=-3, xmax=7)
    lines = str(plot).splitlines()
    bottom = next(i for i, line in enumerate(lines) if "└" in line)
    marks = [j for j, ch in enumerate(lines[bottom]) if ch == "┬"]
    labels = lines[bottom + 1]
    start = lines[bottom].index("└") + 1
    cols = len(lines[bottom]) - start
    assert len(marks) >= 2
    for j in marks:
        # the label under the mark, and the mark under the label's value
        words = [(m.start(), m.group()) for m in re.finditer(r"\S+", labels)]
        at, word = min(words, key=lambda w: abs(w[0] + len(w[1]) / 2 - j))
        assert at <= j + 1 and j <= at + len(word)
        value = float(word.replace("−", "-"))
        u = (value + 3) / 10 * (2 * cols - 1)
        assert math.floor(u + 0.5) // 2 == j - start


def test_title_names_the_function_formula_and_window_and_the_legend_the_curves():
    text = str(actviz.terminal_plot("leaky_relu", alpha=0.1, xmin=-4, xmax=3, width=100))
    first = text.splitlines()[0]
    assert "Leaky ReLU (α = 0.1)" in first and "f(x) = max(0,x) + α min(0,x)" in first and "x ∈ [−4, 3]" in first
    assert "f(x)" in text.splitlines()[-1] and "f′(x)" in text.splitlines()[-1]
    narrow = str(actviz.terminal_plot("gelu", width=40)).splitlines()
    assert narrow[0] == "GELU" and narrow[2] == "x ∈ [−5, 5]"  # one piece a line, never broken inside


def test_clipped_derivative_says_how_far_it_goes():
    text = str(actviz.terminal_plot("sigmoid", a=20, width=80))  # f′ up to a/4 = 5 would swamp f in (0, 1)
    assert "f′(x), clipped: 7.44e−43 to 4.987" in text  # as sampled: x = 0 is not a sample
    assert "clipped" not in str(actviz.terminal_plot("sigmoid", width=80))


def test_asymptotes_are_drawn_and_named():
    text = str(actviz.terminal_plot("tanh", width=80))
    assert "asymptote" in text
    assert "asymptote" not in str(actviz.terminal_plot("relu", width=80))


def test_compare_has_a_frame_for_f_and_one_for_f_prime():
    plot = actviz.terminal_plot("relu", "elu", "gelu", width=80, height=12)
    assert [f.height for f in plot.frames] == [12, 8]
    text = str(plot)
    assert text.count("└") == 2 and "f′(x)" in text
    legend = next(line for line in text.splitlines() if "ELU (α" in line)
    assert "ReLU" in legend and "ELU (α = 1)" in legend and "GELU" in legend
    assert len(actviz.terminal_plot("relu", "elu", derivative=False).frames) == 1


def test_compare_clips_a_curve_that_would_swamp_the_others_and_says_so():
    text = str(actviz.terminal_plot("relu", "soft_exponential:alpha=1", width=80))
    assert "f clipped at the frame" in text and "Soft exponential (α = 1)" in text


# -- colour, NO_COLOR, encodings ------------------------------------------------------------------------


def test_colours_are_the_house_colours():
    from actviz.render.style import color_for, curve_styles

    plot = actviz.terminal_plot("relu", "gelu", "relu:alpha=0.2")
    lines = plot.render(80, plain=False)
    styles = {str(span.style) for line in lines for span in line.spans}
    colors = [st["color"] for st in curve_styles(["relu", "gelu", "relu"])]
    assert colors[0] == color_for("relu").lower() or colors[0] == color_for("relu")
    for color in colors:
        assert any(color.lower() in s.lower() for s in styles), (color, styles)
    # a repeat of a function is dashed even in colour; distinct functions are solid
    assert [c.pattern for c in plot.frames[0].curves] == [braille.SOLID, braille.SOLID, braille.DASHED]


def test_plain_output_tells_curves_apart_by_dash_pattern():
    plot = actviz.terminal_plot("relu", "elu", "gelu", "silu")
    patterns = [c.plain_pattern for c in plot.frames[0].curves]
    assert len(set(patterns)) == 4
    legend = next(line for line in str(plot).splitlines() if "Swish (β" in line)
    samples = [legend[m.start():m.start() + 4] for m in re.finditer(r"[\u2800-\u28ff]{4}", legend)]
    assert len(set(samples)) == 4


def test_no_color_and_pipes_give_plain_characters(monkeypatch):
    args = ["compare", "relu", "gelu", "--terminal"]
    coloured = runner.invoke(app, args, env={"FORCE_COLOR": "1", "COLORTERM": "truecolor", "NO_COLOR": None})
    assert coloured.exit_code == 0 and "\x1b[" in coloured.stdout  # control: a forced terminal gets colour
    no_color = runner.invoke(app, args, env={"FORCE_COLOR": "1", "COLORTERM": "truecolor", "NO_COLOR": "1"})
    assert no_color.exit_code == 0 and "\x1b" not in no_color.stdout
    piped = runner.invoke(app, args, env={"FORCE_COLOR": None, "NO_COLOR": None})
    assert piped.exit_code == 0 and "\x1b" not in piped.stdout
    assert braille.decode(plot_area(no_color.stdout)[0]) == braille.decode(plot_area(piped.stdout)[0])


@pytest.mark.parametrize("encoding", ["ascii", "gbk", "latin-1", "cp437"])
def test_an_encoding_without_braille_gets_ascii_dots(encoding):
    plot = actviz.terminal_plot("softmax", "tanh", "leaky_relu:alpha=0.1")
    for line in plot.render(80, encoding=encoding):
        line.plain.encode(encoding)  # nothing the encoding cannot hold
    text = "\n".join(line.plain for line in plot.render(80, encoding=encoding))
    assert not any(0x2800 <= ord(ch) <= 0x28FF for ch in text)
    assert "x in [-5, 5]" in text or "x ∈ [-5, 5]" in text
    body = [line for line in text.splitlines() if line[:8].strip().endswith(("|", "+", "│", "┤"))]
    assert sum(ch in "'.-:" for line in body for ch in line) > 100


@pytest.mark.parametrize("encoding", ["ascii", "gbk"])
def test_cli_does_not_crash_on_an_encoding_without_braille(encoding, tmp_path):
    env = {**os.environ, "PYTHONIOENCODING": encoding, "COLUMNS": "80"}
    for args in (["plot", "gelu", "--terminal"], ["compare", "relu", "softmax", "--terminal"]):
        out = subprocess.run([sys.executable, "-m", "actviz", *args], env=env, capture_output=True, cwd=tmp_path)
        assert out.returncode == 0, out.stderr.decode(encoding, "replace")
        text = out.stdout.decode(encoding)
        assert "x in [-5, 5]" in text or "x ∈ [-5, 5]" in text
        assert not list(tmp_path.iterdir())


# -- never matplotlib -----------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [["plot", "gelu", "--terminal"], ["compare", "relu", "elu", "gelu", "--terminal"],
                                  ["info", "mish"]])
def test_terminal_plots_never_import_matplotlib(args):
    code = ("import sys\nfrom actviz.cli import app\n"
            f"try:\n    app({args!r})\nexcept SystemExit as e:\n    assert not e.code, e.code\n"
            "print('matplotlib' in sys.modules, 'PIL' in sys.modules)")
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "False False"


def test_the_python_api_never_imports_matplotlib():
    code = ("import sys, actviz\np = actviz.terminal_plot('gelu', 'relu')\ns = str(p)\n"
            "import rich; rich.print(actviz.terminal_plot('gelu'))\nprint('matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "False"


# -- CLI, info card, Python API ---------------------------------------------------------------------------


def test_cli_plot_and_compare_print_and_write_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["plot", "gelu", "--terminal", "--height", "10"], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    body, _ = plot_area(result.stdout)
    assert len(body) == 10 and len(body[0]) >= 90
    assert result.stdout.splitlines()[0].startswith("GELU")
    result = runner.invoke(app, ["compare", "relu", "elu:alpha=0.5", "--terminal", "--xmin", "-2", "--xmax", "2",
                                 "--no-derivative"])
    assert result.exit_code == 0, result.output
    assert "x ∈ [−2, 2]" in result.stdout and result.stdout.count("└") == 1
    result = runner.invoke(app, ["plot", "leaky_relu", "--alpha", "0.3", "--terminal", "--points", "50"])
    assert result.exit_code == 0 and "α = 0.3" in result.stdout
    assert list(tmp_path.iterdir()) == []


def test_cli_output_is_the_api_output():
    result = runner.invoke(app, ["plot", "elu", "-p", "alpha=2", "--terminal", "--xmax", "3"], env={"COLUMNS": "90"})
    assert result.stdout == render(actviz.terminal_plot("elu", alpha=2, xmax=3), 90)


def test_info_card_has_a_small_plot():
    result = runner.invoke(app, ["info", "mish"], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    text = result.stdout
    assert "f′(x)" in text and sum(0x2801 <= ord(ch) <= 0x28FF for ch in text) > 50
    assert text.index("Family") < text.index("⠀") < text.index("Derived properties")
    rows = [line for line in text.splitlines() if re.search("[┤│][\u2800-\u28ff]", line)]
    assert len(rows) == 8
    big = runner.invoke(app, ["info", "soft_exponential", "-p", "alpha=100"], env={"COLUMNS": "80"})
    assert big.exit_code == 0 and "No plot:" in big.stdout


def test_api_returns_a_renderable_whose_str_is_plain_text():
    plot = actviz.terminal_plot("gelu")
    assert isinstance(plot, braille.TerminalPlot)
    text = str(plot)
    assert "\x1b" not in text and max(len(line) for line in text.splitlines()) <= 80
    assert max(len(line) for line in str(actviz.terminal_plot("gelu", width=50)).splitlines()) <= 50
    assert "TerminalPlot" in repr(plot)
    buf = io.StringIO()
    Console(file=buf, width=120, force_terminal=True, color_system="truecolor").print(plot)
    assert "\x1b[38;2;" in buf.getvalue()  # colours in a terminal
    assert max(cell_len(line) for line in render(plot, 120).splitlines()) <= 120


@pytest.mark.parametrize(("kwargs", "words"), [
    ({"height": 3}, ["height 3 is out of range", "4 to 100"]),
    ({"height": 101}, ["height 101", "4 to 100"]),
    ({"height": 8.5}, ["height 8.5 is not an integer"]),
    ({"height": True}, ["height True is not an integer"]),
    ({"width": 10}, ["width 10 is out of range", "20 to 1000"]),
    ({"width": 5000}, ["width 5000"]),
    ({"xmin": 3, "xmax": 1}, ["xmin 3 must be smaller than xmax 1"]),
    ({"points": 5}, ["points 5", "10 to 100000"]),
    ({"beta": 2}, ["no parameter 'beta'"]),
])
def test_api_bad_input_is_a_parameter_error(kwargs, words):
    with pytest.raises(ParameterError) as err:
        actviz.terminal_plot("elu", **kwargs)
    for word in words:
        assert word in str(err.value)
    assert "--" not in str(err.value)  # neutral wording in the library


def test_api_needs_an_activation_and_keywords_apply_to_one():
    with pytest.raises(ParameterError, match="at least one activation"):
        actviz.terminal_plot()
    with pytest.raises(ParameterError, match="exactly one activation"):
        actviz.terminal_plot("elu", "selu", alpha=2)
    with pytest.raises(ParameterError, match="too large to draw"):
        actviz.terminal_plot("elu", alpha=1e300)
    assert "α = 2" in str(actviz.terminal_plot("elu", alpha=2)).splitlines()[0]


# -- the pieces ----------------------------------------------------------------------------------------


def test_trace_joins_steep_segments_and_breaks_at_nan():
    r, c = braille.trace(np.array([0.0, 1.0, np.nan, 2.0, 3.0]), np.array([0.0, 9.0, np.nan, 9.0, 0.0]), 4, 10)
    dots = set(zip(r.tolist(), c.tolist()))
    # (0, 0) to (1, 9): column 0 holds v in [0, 4.5], column 1 v in [4.5, 9]; 4.5 rounds to row 5
    assert {(row, 0) for row in range(0, 6)} | {(row, 1) for row in range(5, 10)} <= dots
    assert not any(cc == 1 and rr < 5 for rr, cc in dots) and not any(cc == 0 and rr > 5 for rr, cc in dots)
    # (2, 9) to (3, 0) after the break: nothing joins (1, 9) to (2, 9) but their own columns
    assert {(row, 2) for row in range(5, 10)} | {(row, 3) for row in range(0, 5)} <= dots
    assert len(dots) == 6 + 5 + 5 + 6 - 1 or len(dots) == 22
    # a segment far outside the grid touches only the edge it crosses
    r, c = braille.trace(np.array([0.0, 3.0]), np.array([5.0, -1e90]), 4, 10)
    assert r.min() == 0 and r.max() <= 5 and set(c.tolist()) <= {0, 1, 2, 3}


def test_cells_and_decode_are_inverse():
    rng = np.random.default_rng(0)
    r, c = rng.integers(0, 16, 200), rng.integers(0, 20, 200)
    codes = braille.cells(r, c, 4, 10)
    lines = ["".join(chr(0x2800 + int(k)) for k in row) for row in codes]
    assert braille.decode(lines) == set(zip(r.tolist(), c.tolist()))


def test_nice_ticks():
    assert braille.nice_ticks(-5, 5, 5) == [-4.0, -2.0, 0.0, 2.0, 4.0]
    assert braille.nice_ticks(-5, 5, 4) == [-5.0, 0.0, 5.0]
    assert braille.nice_ticks(-0.07, 1.07, 3) == [0.0, 0.5, 1.0]
    assert braille.nice_ticks(0.0, 1e-9, 3) == [0.0, 5e-10, 1e-9]
    assert len(braille.nice_ticks(-1e6, 3e6, 6)) <= 6
    assert braille.nice_ticks(1.0, 1.0, 3) == []


def test_for_encoding_spells_what_an_encoding_lacks():
    from actviz import text

    assert text.for_encoding("f′(x) ∈ [−5, ∞)", "ascii") == "f'(x) in [-5, inf)"
    assert text.for_encoding("x₁ σ(x) eˣ tanh²", "ascii") == "x_1 sigma(x) e^x tanh^2"
    assert text.for_encoding("Φ └─┬┤│", "ascii") == "Phi +-++|"
    assert text.for_encoding("└─┬┤ σ", "gbk") == "└─┬┤ σ"  # gbk holds these
    assert text.for_encoding("−", "gbk") == "-"
    assert text.for_encoding("é⣿", "ascii") == "e?"
    assert text.for_encoding("anything", "no-such-codec") == "anything"


# -- every activation, and random options ---------------------------------------------------------------


@pytest.mark.parametrize("name", actviz.names())
def test_every_activation_draws_within_its_frame(name):
    for width in (40, 200):
        plot = actviz.terminal_plot(name, width=width, height=6)
        text = render(plot, width)
        assert max(cell_len(line) for line in text.splitlines()) <= width
        body, _ = plot_area(text)
        assert len(body) == 6 and braille.decode(body)  # something is drawn


@settings(max_examples=int(os.environ.get("ACTVIZ_FUZZ_EXAMPLES", "150")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(actviz.names()), n=st.integers(1, 3),
       xmin=st.floats(-1e4, 1e4), span=st.floats(1e-6, 1e4), width=st.integers(20, 300),
       height=st.integers(4, 40), derivative=st.booleans(), points=st.integers(10, 3000))
def test_any_window_width_and_height_draws_or_says_why(name, n, xmin, span, width, height, derivative, points):
    specs = [name] + actviz.names()[:n - 1]
    try:
        plot = actviz.terminal_plot(*specs, xmin=xmin, xmax=xmin + span, width=width, height=height,
                                    derivative=derivative, points=points)
    except ParameterError as exc:
        assert "too large to draw" in str(exc) or "too narrow" in str(exc)
        return
    text = render(plot, width)
    assert max(cell_len(line) for line in text.splitlines()) <= width
    assert len(plot_area(text)[0]) == height


@settings(max_examples=60, deadline=None)
@given(key=st.sampled_from(["height", "width", "xmin", "xmax", "points", "derivative"]),
       value=st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**30, 10**30),
                       st.text(max_size=5), st.sampled_from([None, True, [], 1j, np.float32(2.5), np.int64(-3)])))
def test_weird_options_raise_only_parameter_errors(key, value):
    try:
        str(actviz.terminal_plot("gelu", **{key: value}))
    except ParameterError as exc:
        assert str(exc) and "\n" not in str(exc)
