"""English outputs of actviz, for the test that ``--lang en`` (and no --lang) is unchanged by the language
layer: figures, tables in every format, cards, lesson reports and terminal plots, made through the
public API on catalogue activations (no expressions).

What is recorded holds across library versions and CPUs:

- a text output (tables, cards, reports, terminal plots; numbers formatted to 4 significant digits) as
  its exact lines, but for numbers written with all their digits (the json and csv tables), compared to
  1e-9 relative;
- a figure as its structure, read from the Figure object (never from SVG or PDF bytes): every text's
  string, place (in figure fractions), size, colour, weight and font family; every line's style and
  data; patches, collections, images; each Axes' place, limits, scales, ticks and tick labels. Data are
  compared to 1e-9 relative (1-ulp differences between CPUs don't matter), places to 1e-3 of the figure
  (a font's metrics moving by a fraction of a pixel doesn't matter); a long array is kept as its length,
  min, max, sums and 33 evenly spaced samples;
- a PNG also as its pixels averaged over 16 × 16 blocks, compared with a tolerance.

Re-record on purpose, only when an English text or a figure changes on purpose, and look at the diff:

    MPLBACKEND=Agg python tests/en_outputs.py            # writes tests/data/en_outputs/*.json

tests/test_lang.py (``test_english_output_is_unchanged``) compares, one test per output.
"""

from __future__ import annotations

import io
import json
import math
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

FOLDER = Path(__file__).resolve().parent / "data" / "en_outputs"

#: relative tolerance of every number of a figure but places (and absolute, times the array's scale)
REL = 1e-9
#: tolerance of places (texts, axes), in fractions of the figure's width or height
PLACE = 1e-3
#: an array longer than this is kept as a summary and samples
SHORT = 64
#: PNG blocks: side in pixels, and the largest difference of a block's mean, per channel, out of 255
BLOCK = 16
PIXEL_TOLERANCE = 8


# -- the outputs ---------------------------------------------------------------------------------------


def _console_text(renderable: object, width: int = 100) -> str:
    from rich.console import Console

    buf = io.StringIO()
    Console(file=buf, width=width, color_system=None, legacy_windows=False).print(renderable)
    return buf.getvalue()


def _lesson(make: Callable[[], Any]) -> Callable[[], Any]:
    import actviz

    return lambda: actviz.lesson_figure(make())


def figures() -> dict[str, Callable[[], Any]]:
    """name -> a function making the English figure (the default language)."""
    import actviz

    return {
        "plot_relu": lambda: actviz.plot("relu"),
        "plot_leaky": lambda: actviz.plot("leaky_relu", alpha=0.1),
        "plot_softmax": lambda: actviz.plot("softmax"),
        "plot_srelu": lambda: actviz.plot("srelu"),
        "plot_threshold": lambda: actviz.plot("threshold"),
        "compare": lambda: actviz.compare("relu", "elu", "gelu", "softmax", "soft_exponential"),
        "cheatsheet_relu": lambda: actviz.cheatsheet(family="relu"),
        "cheatsheet_some": lambda: actviz.cheatsheet("sigmoid", "relu", "hardshrink", "softmax"),
        "gradient": _lesson(lambda: actviz.gradient("sigmoid", "relu", "srelu")),
        "softmax": _lesson(lambda: actviz.softmax([3, 1, -3], 2.0)),
        "loss.sigmoid": _lesson(lambda: actviz.loss("sigmoid", target=1.0)),
        "loss.hardsigmoid": _lesson(lambda: actviz.loss("hardsigmoid", target=0.5)),
        "train": _lesson(lambda: actviz.train("identity", "relu", steps=150)),
        "zigzag": _lesson(lambda: actviz.zigzag("sigmoid", "tanh", "relu")),
    }


#: figures whose PNG pixels are recorded too (coarsely)
PNG = ("plot_relu", "cheatsheet_some", "train")


def texts() -> dict[str, Callable[[], str]]:
    """name -> a function making the English text (the default language)."""
    import actviz
    from actviz import lessons, terminal

    out: dict[str, Callable[[], str]] = {}
    for fmt in ("markdown", "latex", "json", "csv", "rich"):
        out[f"table.{fmt}"] = lambda fmt=fmt: actviz.table(format=fmt)
    out["table.80"] = lambda: actviz.table(width=80)
    out["table.columns"] = lambda: actviz.table(
        format="markdown", columns="name,range,saturation,continuity,symmetry,monotonic_direction,zero_gradient,"
                                  "saturation_left,dead_zone,range_min_closed")
    out["list"] = lambda: _console_text(terminal.list_table([actviz.get(n) for n in actviz.names()]))
    for spec in ("gelu", "threshold", "softplus:threshold=20", "softmax", "relu6", "sinc", "hardshrink", "sigmoid"):
        key = re.sub(r"[:=,]", "_", spec)  # a file name on every system
        out[f"info.{key}"] = lambda spec=spec: _console_text(terminal.info_card(actviz.properties(spec)))
    out["gradient.report"] = lambda: _console_text(terminal.gradient_report(actviz.gradient("sigmoid", "relu", "srelu")))
    out["softmax.report"] = lambda: _console_text(terminal.softmax_report(actviz.softmax([3, 1, -3], 2.0)))
    for spec, y in (("sigmoid", 1.0), ("hardsigmoid", 0.5)):
        out[f"loss.{spec}.report"] = lambda spec=spec, y=y: _console_text(terminal.loss_report(
            actviz.loss(spec, target=y), actviz.loss(spec, target=y, z=lessons.SUMMARY_Z)))
    out["train.report"] = lambda: _console_text(terminal.train_report(actviz.train("identity", "relu", steps=150)))
    out["zigzag.report"] = lambda: _console_text(terminal.zigzag_report(actviz.zigzag("sigmoid", "tanh", "relu")))
    out["terminal.plot"] = lambda: str(actviz.terminal_plot("gelu"))
    out["terminal.compare"] = lambda: str(actviz.terminal_plot("relu", "elu", "softmax"))
    return out


def names() -> list[str]:
    return sorted([*figures(), *texts()])


# -- a figure's structure ----------------------------------------------------------------------------------


def _num(x: Any) -> Any:
    """A float kept to 12 significant digits (so a re-record on another CPU mostly writes the same file);
    inf and nan as strings (JSON has neither)."""
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return float(f"{x:.12g}")


def _nums(values: Any) -> list[Any]:
    return [_num(v) for v in values]


def _array(values: Any) -> dict[str, Any]:
    """An array: its values when short, else its length, min, max, sums and 33 evenly spaced samples."""
    import numpy as np

    a = np.ma.filled(np.ma.asarray(values, dtype=float), np.nan)
    flat = a.ravel()
    out: dict[str, Any] = {"shape": list(a.shape)}
    if flat.size <= SHORT:
        out["values"] = _nums(flat)
        return out
    finite = flat[np.isfinite(flat)]
    out["nan"] = int(np.isnan(flat).sum())
    out["inf"] = int(np.isinf(flat).sum())
    if finite.size:
        out.update(min=_num(finite.min()), max=_num(finite.max()), sum=_num(finite.sum()),
                   abs_sum=_num(np.abs(finite).sum()), square_sum=_num(np.square(finite).sum()))
    out["samples"] = _nums(flat[np.linspace(0, flat.size - 1, 33).round().astype(int)])
    return out


def _color(c: Any) -> Any:
    from matplotlib.colors import to_hex

    try:
        return to_hex(c, keep_alpha=True)
    except (ValueError, TypeError):
        return str(c)


def _colors(cs: Any) -> list[Any]:
    import numpy as np

    return [_color(c) for c in np.atleast_2d(np.asarray(cs))] if len(cs) else []


def _place(artist: Any, fig: Any, xy: Any) -> list[Any]:
    """Display coordinates of ``xy`` (in the artist's transform) as fractions of the figure."""
    x, y = artist.get_transform().transform(xy)
    return [_num(round(x / fig.bbox.width, 4)), _num(round(y / fig.bbox.height, 4))]


def _text(t: Any, fig: Any) -> dict[str, Any]:
    return {"text": t.get_text(), "place": _place(t, fig, t.get_unitless_position()),
            "size": _num(t.get_fontsize()), "color": _color(t.get_color()), "weight": str(t.get_fontweight()),
            "style": t.get_fontstyle(), "family": list(t.get_fontfamily()), "ha": t.get_horizontalalignment(),
            "va": t.get_verticalalignment(), "rotation": _num(t.get_rotation()), "alpha": t.get_alpha(),
            "zorder": _num(t.get_zorder())}


def _line(line: Any) -> dict[str, Any]:
    return {"label": line.get_label() if not line.get_label().startswith("_") else None,
            "color": _color(line.get_color()), "linestyle": str(line.get_linestyle()),
            "linewidth": _num(line.get_linewidth()), "marker": str(line.get_marker()),
            "markersize": _num(line.get_markersize()), "markerfacecolor": _color(line.get_markerfacecolor()),
            "markeredgecolor": _color(line.get_markeredgecolor()), "drawstyle": line.get_drawstyle(),
            "alpha": line.get_alpha(), "zorder": _num(line.get_zorder()),
            "x": _array(line.get_xdata(orig=False)), "y": _array(line.get_ydata(orig=False))}


def _patch(p: Any) -> dict[str, Any]:
    from matplotlib.patches import FancyBboxPatch, Rectangle

    out = {"facecolor": _color(p.get_facecolor()), "edgecolor": _color(p.get_edgecolor()),
           "linewidth": _num(p.get_linewidth()), "linestyle": str(p.get_linestyle()), "hatch": p.get_hatch(),
           "alpha": p.get_alpha(), "zorder": _num(p.get_zorder())}
    if isinstance(p, FancyBboxPatch):
        pass  # a legend's frame or a box around a text: its place follows the texts'
    elif isinstance(p, Rectangle):
        out["bounds"] = _nums([p.get_x(), p.get_y(), p.get_width(), p.get_height()])
    else:
        out["vertices"] = _array(p.get_patch_transform().transform(p.get_path().vertices))
    return out


def _collection(c: Any) -> dict[str, Any]:
    import numpy as np

    out: dict[str, Any] = {"facecolors": _colors(c.get_facecolor()), "edgecolors": _colors(c.get_edgecolor()),
                           "linewidths": _nums(np.atleast_1d(c.get_linewidth())), "alpha": c.get_alpha(),
                           "zorder": _num(c.get_zorder())}
    offsets = c.get_offsets()
    if len(offsets):
        out["offsets"] = _array(offsets)
    if hasattr(c, "get_sizes") and len(c.get_sizes()):
        out["sizes"] = _array(c.get_sizes())
    if hasattr(c, "levels"):
        out["levels"] = _array(c.levels)
    paths = c.get_paths()
    out["paths"] = len(paths)
    if paths:
        out["vertices"] = _array(np.concatenate([p.vertices for p in paths]))
    return out


def _image(im: Any) -> dict[str, Any]:
    return {"array": _array(im.get_array()), "extent": _nums(im.get_extent()), "cmap": im.get_cmap().name,
            "clim": _nums(im.get_clim()), "alpha": im.get_alpha(), "interpolation": im.get_interpolation(),
            "zorder": _num(im.get_zorder())}


def _ticks(axis: Any, fig: Any) -> dict[str, Any]:
    lo, hi = sorted(axis.get_view_interval())
    shown = [(loc, label) for loc, label in zip(axis.get_ticklocs(), axis.get_ticklabels())
             if lo - 1e-9 * (hi - lo) <= loc <= hi + 1e-9 * (hi - lo)]
    return {"visible": axis.get_visible(), "scale": axis.get_scale(), "locs": _nums(loc for loc, _ in shown),
            "labels": [label.get_text() for _, label in shown if label.get_visible()],
            "label": _text(axis.label, fig) if axis.label.get_text() and axis.label.get_visible() else None,
            "grid": any(line.get_visible() for line in axis.get_gridlines())}


def describe(fig: Any) -> dict[str, Any]:
    """The structure of a figure: what is drawn, where and in which style (see the module docstring)."""
    from matplotlib.axes import Axes
    from matplotlib.axis import Axis
    from matplotlib.collections import Collection
    from matplotlib.image import AxesImage
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.text import Text

    fig.draw_without_rendering()  # ticks, tick labels and legends take their places while drawing

    def walk(artist: Any) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for child in artist.get_children():
            if not child.get_visible():
                continue
            kind = type(child).__name__
            if isinstance(child, Axis):
                continue  # described with its Axes
            if isinstance(child, Axes):
                entry = {"axes": {"place": [_num(round(v, 4)) for v in child.get_position().bounds],
                                  "xlim": _nums(child.get_xlim()), "ylim": _nums(child.get_ylim()),
                                  "facecolor": _color(child.get_facecolor()), "axison": child.axison,
                                  "x": _ticks(child.xaxis, fig), "y": _ticks(child.yaxis, fig)}}
            elif isinstance(child, Text):
                if not child.get_text().strip():
                    continue
                entry = {kind: _text(child, fig)}
            elif isinstance(child, Line2D):
                entry = {kind: _line(child)}
            elif isinstance(child, Patch):
                entry = {kind: _patch(child)}
            elif isinstance(child, Collection):
                entry = {kind: _collection(child)}
            elif isinstance(child, AxesImage):
                entry = {kind: _image(child)}
            else:
                entry = {kind: {}}
            inside = walk(child)
            if inside:
                entry["children"] = inside
            if entry[next(iter(entry))] or inside:
                out.append(entry)
        return out

    return {"size": _nums(fig.get_size_inches()), "dpi": _num(fig.dpi), "facecolor": _color(fig.get_facecolor()),
            "children": walk(fig)}


def pixels(fig: Any) -> list[str]:
    """The figure written as PNG by actviz.save, averaged over BLOCK × BLOCK pixels: one string a row of
    blocks, each block RRGGBB."""
    import matplotlib.image

    import actviz

    with tempfile.TemporaryDirectory(prefix="actviz-en-") as folder:
        rgba = matplotlib.image.imread(actviz.save(fig, Path(folder) / "figure.png"))
    rgb = rgba[..., :3] * (255 if rgba.dtype.kind == "f" else 1)
    h, w = (rgb.shape[0] // BLOCK) * BLOCK, (rgb.shape[1] // BLOCK) * BLOCK
    blocks = rgb[:h, :w].reshape(h // BLOCK, BLOCK, w // BLOCK, BLOCK, 3).mean(axis=(1, 3)).round().astype(int)
    return ["".join(f"{r:02x}{g:02x}{b:02x}" for r, g, b in row) for row in blocks]


def record(name: str) -> dict[str, Any]:
    """What is kept of the output ``name``."""
    if name in texts():
        return {"kind": "text", "lines": texts()[name]().split("\n")}
    fig = figures()[name]()
    out: dict[str, Any] = {"kind": "figure", "structure": describe(fig)}
    if name in PNG:
        out["png_blocks"] = pixels(fig)
    return out


def path(name: str) -> Path:
    return FOLDER / f"{name}.json"


def dump(data: Any, indent: str = "") -> str:
    """JSON, one key a line, a list of numbers or short strings on one line (lines of text one a line)."""
    deeper = indent + " "
    if isinstance(data, dict) and data:
        items = [f"{deeper}{json.dumps(k, ensure_ascii=False)}: {dump(v, deeper)}" for k, v in data.items()]
        text = "{\n" + ",\n".join(items) + f"\n{indent}}}"
    elif isinstance(data, list) and any(isinstance(v, (dict, list)) or isinstance(v, str) and len(v) > 40
                                        for v in data):
        text = "[\n" + ",\n".join(f"{deeper}{dump(v, deeper)}" for v in data) + f"\n{indent}]"
    else:
        text = json.dumps(data, ensure_ascii=False)
    return text + ("\n" if not indent else "")


# -- comparing --------------------------------------------------------------------------------------------


def _close(a: Any, b: Any, rel: float, absolute: float) -> bool:
    if isinstance(a, str) or isinstance(b, str) or a is None or b is None or isinstance(a, bool):
        return a == b
    return math.isclose(a, b, rel_tol=rel, abs_tol=absolute)


def differences(expected: Any, actual: Any, where: str = "", scale: float = 0.0) -> list[str]:
    """Where ``actual`` differs from ``expected`` beyond the tolerances, one line a difference."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        out: list[str] = []
        if expected.keys() != actual.keys():
            return [f"{where}: keys {sorted(expected)} != {sorted(actual)}"]
        if "shape" in expected:  # an array: the tolerance scales with its largest value
            bounds = [abs(v) for v in (expected.get("min"), expected.get("max"), *expected.get("values", ()))
                      if isinstance(v, (int, float))]
            scale = max(bounds, default=0.0)
        for key in expected:
            inner = scale
            if key in ("sum", "abs_sum", "square_sum"):  # sums of many values: the error grows with the sum
                inner = abs(expected.get("abs_sum" if key != "square_sum" else "square_sum", 0.0))
            if key == "place":
                out += [f"{where}.place: {expected[key]} != {actual[key]}"] if not (
                    len(expected[key]) == len(actual[key]) and all(
                        _close(e, a, 0.0, PLACE) for e, a in zip(expected[key], actual[key]))) else []
            else:
                out += differences(expected[key], actual[key], f"{where}.{key}", inner)
        return out
    if isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            return [f"{where}: {len(expected)} items != {len(actual)}: {_short(expected)} != {_short(actual)}"]
        return [d for i, (e, a) in enumerate(zip(expected, actual)) for d in differences(e, a, f"{where}[{i}]", scale)]
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)) and not isinstance(expected, bool):
        return [] if _close(expected, actual, REL, max(REL * scale, 1e-12)) else [f"{where}: {expected!r} != {actual!r}"]
    return [] if expected == actual else [f"{where}: {_short(expected)} != {_short(actual)}"]


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 300 else text[:300] + "..."


#: a number written with all its digits (the json and csv tables write repr(float)): its last digits
#: may differ by CPU, so it is compared to REL; every other character of a text exactly
#: a number in a text output; a line that differs is compared number by number to REL (1.0000000000000018
#: and 1.0 are the same; 0.1700 and 0.1701, a change, are not)
LONG_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e[+-]?\d+)?")


def same_text(expected: list[str], actual: list[str]) -> bool:
    """The lines are the same but for the last digits of numbers (rounding, another CPU's last bit)."""
    if len(expected) != len(actual):
        return False
    for e, a in zip(expected, actual):
        if e == a:
            continue
        if LONG_NUMBER.split(e) != LONG_NUMBER.split(a):
            return False
        e_nums, a_nums = LONG_NUMBER.findall(e), LONG_NUMBER.findall(a)
        if len(e_nums) != len(a_nums) or not all(
                math.isclose(float(x), float(y), rel_tol=REL, abs_tol=1e-300) for x, y in zip(e_nums, a_nums)):
            return False
    return True


def png_differences(expected: list[str], actual: list[str]) -> list[str]:
    """Blocks whose mean colour moved more than PIXEL_TOLERANCE in a channel."""
    if [len(r) for r in expected] != [len(r) for r in actual]:
        return [f"png: {len(expected[0]) // 6}×{len(expected)} blocks != {len(actual[0]) // 6}×{len(actual)}"]
    out = []
    for y, (e_row, a_row) in enumerate(zip(expected, actual)):
        for x in range(0, len(e_row), 6):
            e = [int(e_row[x + i:x + i + 2], 16) for i in (0, 2, 4)]
            a = [int(a_row[x + i:x + i + 2], 16) for i in (0, 2, 4)]
            if max(abs(p - q) for p, q in zip(e, a)) > PIXEL_TOLERANCE:
                out.append(f"png block ({x // 6}, {y}) (pixels from ({x // 6 * BLOCK}, {y * BLOCK})): "
                           f"#{e_row[x:x + 6]} != #{a_row[x:x + 6]}")
    return out


if __name__ == "__main__":
    wanted = sys.argv[1:] or names()
    FOLDER.mkdir(parents=True, exist_ok=True)
    for name in wanted:
        path(name).write_text(dump(record(name)), encoding="utf-8")
        print(f"{path(name)}: recorded")
