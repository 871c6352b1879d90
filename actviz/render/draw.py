"""Axes-level drawing: functions that draw on a given Axes and return the artists they made.

:func:`draw_activation` is the one building block of every figure (plot, compare, cheatsheet):
it samples the activation (:func:`sample`), draws f solid and f′ dashed, breaks the lines at
jumps instead of drawing false vertical segments, marks asymptotes dotted and shades the
saturation regions. Text helpers (:func:`title_text`, :func:`param_text`, :func:`formula_math`)
give every figure the same wording.

Vector-valued activations (softmax and friends) are shown through one component: the first
logit x₁ varies while the others stay at :data:`VECTOR_REST`, the rest of the reference example
(3, 1, −3) of :data:`VECTOR_EXAMPLE`; :func:`draw_vector_bars` shows that example as bars.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from ..spec import Activation, Value

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = [
    "VECTOR_EXAMPLE", "VECTOR_REST", "SATURATION", "Sample", "sample", "fit_ylim",
    "draw_activation", "draw_curve", "draw_asymptotes", "draw_saturation", "draw_origin_axes",
    "draw_vector_bars", "title_text", "param_text", "formula_math", "derivative_formula_math",
    "vector_note", "format_number", "asymptotes", "asymptote_spans", "DERIVATIVE_ROOM", "frame_ylim",
]

#: the reference example of the softmax lesson
VECTOR_EXAMPLE = (3.0, 1.0, -3.0)
#: the logits held fixed while the first one varies
VECTOR_REST = VECTOR_EXAMPLE[1:]
#: |f′| below this counts as saturated (shaded)
SATURATION = 0.01
#: f′ joins the y-range only while it widens f's range at most this many times; beyond, it is clipped
DERIVATIVE_ROOM = 3.0
#: an asymptote is drawn when f on the outer tenth of the window is within this fraction of the y-span
ASYMPTOTE_NEAR = 0.05


# -- numbers and text --------------------------------------------------------------------------


def format_number(value: Value) -> str:
    """Short number, at most 4 significant digits: 0.01, 1.5, 20, 0.3333, 1e-05, −1 (unicode minus);
    text unchanged."""
    if isinstance(value, str):
        return value
    text = f"{value:.4g}"
    return text.replace("-", "\u2212")


def _shown_params(act: Activation, params: Mapping[str, Value]) -> dict[str, Value]:
    """Parameters worth printing: every non-default value and every non-zero numeric default (a
    leaky ReLU's α = 0.01 must be visible; a plain ReLU's α = 0 is noise); a function with two or
    more numeric parameters shows all of them, zeros too (Threshold's t = 1, v = 0: together they
    define the curve)."""
    resolved = act.resolve(params)
    every = sum(not p.is_choice for p in act.params) >= 2
    shown = {}
    for p in act.params:
        value = resolved[p.name]
        if value != p.default or (not p.is_choice and (value != 0 or every)):
            shown[p.name] = value
    return shown


def param_text(act: Activation, params: Mapping[str, Value], *, every: bool = False) -> str:
    """``"α = 0.1, $t_l$ = 2"`` (Unicode where possible, else mathtext); empty when nothing to show.

    ``every=False`` shows non-default parameters and non-zero defaults; ``every=True`` all of them.
    """
    values = act.resolve(params) if every else _shown_params(act, params)
    parts = []
    for p in act.params:
        if p.name in values:
            parts.append(f"{_symbol_text(p.symbol) or p.name} = {format_number(values[p.name])}")
    return ", ".join(parts)


_GREEK = {r"\alpha": "\u03b1", r"\beta": "\u03b2", r"\lambda": "\u03bb", r"\gamma": "\u03b3",
          r"\tau": "\u03c4", r"\theta": "\u03b8", r"\sigma": "\u03c3", r"\mu": "\u03bc"}


def _symbol_text(symbol: str) -> str:
    """A parameter's symbol as text: plain Unicode where it can be (α, a), mathtext otherwise
    (``$t_l$``). Plain text keeps titles cheap to lay out and easy to search."""
    if not symbol:
        return ""
    if symbol in _GREEK:
        return _GREEK[symbol]
    if symbol.isalpha() and len(symbol) == 1:
        return symbol
    return f"${symbol}$"


def title_text(act: Activation, params: Mapping[str, Value]) -> str:
    """``"Leaky ReLU (α = 0.1)"``: the label and the parameter values that matter."""
    shown = param_text(act, params)
    return f"{act.label} ({shown})" if shown else act.label


def formula_math(act: Activation, *, display: bool = False) -> str:
    """The formula as mathtext, ``$...$``; ``display=True`` sets fractions full size (\\dfrac)."""
    return _math(act.formula, display)


def derivative_formula_math(act: Activation, *, display: bool = False) -> str:
    """The derivative's formula as mathtext, ``$...$``."""
    return _math(act.derivative_formula, display)


def _math(text: str, display: bool) -> str:
    return f"${text.replace(chr(92) + 'frac', chr(92) + 'dfrac') if display else text}$"


def vector_note() -> str:
    """What the x-axis of a vector activation's curve means."""
    rest = ", ".join(format_number(v) for v in VECTOR_REST)
    return f"component 1 as x\u2081 varies, other logits ({rest})"  # Unicode: no mathtext parse


# -- sampling ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sample:
    """f and f′ sampled on [xmin, xmax], with NaN breaks at jumps (for drawing).

    ``x``/``y``/``dy`` are the drawable arrays (NaN separates pieces); ``jumps`` lists
    ``(x, f(x), other one-sided limit)`` where f itself jumps, for the dot / open-circle marks.
    """

    x: np.ndarray
    y: np.ndarray
    dx: np.ndarray
    dy: np.ndarray
    jumps: tuple[tuple[float, float, float], ...] = field(default=())


def _evaluate(act: Activation, x: np.ndarray, params: Mapping[str, Value]) -> tuple[np.ndarray, np.ndarray]:
    if act.vector:
        rest = np.broadcast_to(np.asarray(VECTOR_REST), (x.size, len(VECTOR_REST)))
        logits = np.column_stack([x, rest])
        return act(logits, **params)[:, 0], act.derivative(logits, **params)[:, 0]
    return act(x, **params), act.derivative(x, **params)


def sample(act: Activation, params: Mapping[str, Value], xmin: float, xmax: float, points: int) -> Sample:
    """Sample f and f′ on ``points`` evenly spaced x plus the kinks inside the range.

    Around each kink k the grid gets the neighbours just left and right of k, so corners are
    sharp; where f (or f′) has different one-sided values, a NaN breaks the line there.
    """
    params = act.resolve(params)
    base = np.linspace(xmin, xmax, points)
    kinks = [k for k in (() if act.vector else act.kinks_at(**params)) if xmin < k < xmax]
    if not kinks:
        y, dy = _evaluate(act, base, params)
        return Sample(base, y, base, dy)
    sides = np.array([[np.nextafter(k, -np.inf), np.nextafter(k, np.inf)] for k in kinks])
    x = np.unique(np.concatenate([base, sides.ravel()]))
    keep = np.ones(x.size, dtype=bool)
    for left, right in sides:  # k itself is dropped: its neighbours carry the one-sided values
        keep &= (x <= left) | (x >= right)
    x = x[keep]
    y, dy = _evaluate(act, x, params)
    at_k, _ = _evaluate(act, np.asarray(kinks, dtype=np.float64), params)

    def broken(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        cut = []
        scale = max(1.0, float(np.nanmax(np.abs(values[np.isfinite(values)]), initial=0.0)))
        for left, right in sides:
            i = int(np.searchsorted(x, left))
            if abs(values[i + 1] - values[i]) > 1e-9 * scale:  # a jump: break the line here
                cut.append(i + 1)
        return np.insert(x, cut, np.nan), np.insert(values, cut, np.nan)

    xs, ys = broken(y)
    dxs, dys = broken(dy)
    jumps = []
    for k, fk, (left, right) in zip(kinks, at_k, sides):
        i = int(np.searchsorted(x, left))
        lo, hi = float(y[i]), float(y[i + 1])
        if abs(hi - lo) > 1e-9 * max(1.0, abs(lo), abs(hi)):
            other = hi if abs(fk - lo) <= abs(fk - hi) else lo
            jumps.append((float(k), float(fk), other))
    return Sample(xs, ys, dxs, dys, tuple(jumps))


def fit_ylim(*arrays: np.ndarray, include: Sequence[float] = (), pad: float = 0.07) -> tuple[float, float]:
    """A y-range that fits the finite values of ``arrays`` (and ``include``), padded.

    Non-finite values (overflow to ±inf) are ignored; a constant gives a unit-wide range around it;
    magnitudes are capped at 1e300 so the padding itself cannot overflow.
    """
    finite = [a[np.isfinite(a)] for a in arrays]
    finite = [a for a in finite if a.size]
    values = np.concatenate(finite) if finite else np.zeros(1)
    lo = max(float(values.min()), -1e300)
    hi = min(float(values.max()), 1e300)
    for v in include:
        if math.isfinite(v):
            lo, hi = min(lo, v), max(hi, v)
    span = hi - lo
    if not span > 1e-12 * max(1.0, abs(lo), abs(hi)):
        half = 0.5 * max(1.0, abs(lo) * 0.1)
        return lo - half, hi + half
    return lo - pad * span, hi + pad * span


def _tail_limits(act: Activation, params: Mapping[str, Value]) -> tuple[float | None, float | None]:
    """(left, right): the finite limits at −∞ and +∞ that f approaches without reaching them (a
    limit attained beyond the outermost kink, ReLU's 0 or ReLU6's 6, is a plateau: None)."""
    if act.vector:
        return None, None
    params = act.resolve(params)
    kinks = act.kinks_at(**params)
    out: list[float | None] = []
    for limit, probe in zip(act.limits_at(**params), ((min(kinks, default=0.0) - 1.0), max(kinks, default=0.0) + 1.0)):
        if limit is None or not math.isfinite(limit):
            out.append(None)
            continue
        value = float(act(np.float64(probe), **params))
        out.append(float(limit) if value != limit else None)
    return out[0], out[1]


def asymptotes(act: Activation, params: Mapping[str, Value]) -> list[float]:
    """Finite horizontal asymptotes: limits at ±∞ that f approaches but does not reach (levels only;
    :func:`asymptote_spans` says where on a window each one is drawn)."""
    out: list[float] = []
    for limit in _tail_limits(act, params):
        if limit is not None and limit not in out:
            out.append(limit)
    return out


def asymptote_spans(act: Activation, params: Mapping[str, Value], smp: Sample,
                    ylim: tuple[float, float], *, near: float = ASYMPTOTE_NEAR) -> list[tuple[float, float, float]]:
    """``(level, x0, x1)`` of the asymptotes to draw on the window of ``smp``.

    The limit at −∞ is drawn over the left half of the window, the one at +∞ over the right half
    (one line across the window when both are the same), and only when the window reaches that
    tail: on the outer tenth of the window f is within ``near`` × the y-span of the limit, and
    closer to it at the window's edge than at the inner end of that tenth (approaching it).
    """
    on = np.isfinite(smp.x) & np.isfinite(smp.y)
    x, y = smp.x[on], smp.y[on]
    if x.size < 2:
        return []
    xmin, xmax = float(x[0]), float(x[-1])
    mid = 0.5 * (xmin + xmax)
    tol = near * (ylim[1] - ylim[0])
    outer = 0.1 * (xmax - xmin)
    reached = []
    for limit, part in zip(_tail_limits(act, params), (x <= xmin + outer, x >= xmax - outer)):
        if limit is None:
            reached.append(None)
            continue
        gap = np.abs(y[part] - limit)
        edge, inner = (gap[0], gap[-1]) if part[0] else (gap[-1], gap[0])
        reached.append(limit if gap.max() <= tol and edge <= inner else None)
    left, right = reached
    if left is not None and left == right:
        return [(left, xmin, xmax)]
    spans = []
    if left is not None:
        spans.append((left, xmin, mid))
    if right is not None:
        spans.append((right, mid, xmax))
    return spans


def frame_ylim(ranges: Sequence[tuple[float, float]], *, room: float) -> tuple[tuple[float, float], list[int]]:
    """A y-range for curves whose own ranges are ``ranges``: their union, except that the curve
    that widens the union of the others more than ``room`` times is left out (clipped at the frame),
    repeatedly. Returns the range and the indices of the clipped curves (at least one curve stays).
    """
    kept = list(range(len(ranges)))
    clipped: list[int] = []

    def union(idx: Sequence[int]) -> tuple[float, float]:
        return min(ranges[i][0] for i in idx), max(ranges[i][1] for i in idx)

    while len(kept) > 1:
        lo, hi = union(kept)
        best = None
        for i in kept:
            rest = [j for j in kept if j != i]
            rlo, rhi = union(rest)
            if (hi - lo) > room * (rhi - rlo) and (best is None or (rhi - rlo) < best[1]):
                best = (i, rhi - rlo)
        if best is None:
            break
        kept.remove(best[0])
        clipped.append(best[0])
    return union(kept), sorted(clipped)


# -- drawing -----------------------------------------------------------------------------------


def draw_curve(ax: Axes, x: np.ndarray, y: np.ndarray, **line: Any) -> Any:
    """One line (NaN breaks it); returns the Line2D.

    With a ``color`` it is made directly (``Axes.plot`` parses its arguments and consults the
    colour cycle, a third of the cost of a curve on a 46-panel poster); without, ``Axes.plot``
    picks the next colour of the cycle.
    """
    if "color" not in line:
        (artist,) = ax.plot(x, y, **line)
        return artist
    from matplotlib.lines import Line2D

    return ax.add_line(Line2D(x, y, **line))


def draw_origin_axes(ax: Axes, color: str, linewidth: float = 0.9) -> list[Any]:
    """The x- and y-axes through the origin, as thin lines under the curves."""
    return [
        _full_line(ax, "h", 0.0, color=color, linewidth=linewidth, zorder=1.5),
        _full_line(ax, "v", 0.0, color=color, linewidth=linewidth, zorder=1.5),
    ]


def _full_line(ax: Axes, direction: str, value: float, **line: Any) -> Any:
    """A line across the whole axes at y = value ("h") or x = value ("v"), like axhline/axvline
    but without their autoscaling bookkeeping (the figures set their limits themselves)."""
    from matplotlib.lines import Line2D

    if not line.get("label"):
        line["label"] = "_nolegend_"
    if direction == "h":
        artist = Line2D([0.0, 1.0], [value, value], transform=ax.get_yaxis_transform(), **line)
    else:
        artist = Line2D([value, value], [0.0, 1.0], transform=ax.get_xaxis_transform(), **line)
    return _add(ax, artist)


def _add(ax: Axes, artist: Any) -> Any:
    ax.add_artist(artist)  # add_artist: no data-limit update, the lines span the axes anyway
    artist.set_clip_path(ax.patch)
    return artist


def draw_asymptotes(ax: Axes, spans: Sequence[tuple[float, float, float]], color: str, *,
                    label: str | None = "asymptote", linewidth: float = 1.3) -> list[Any]:
    """Dotted horizontal lines, ``(level, x0, x1)`` in data coordinates; only the first carries ``label``."""
    from matplotlib.lines import Line2D

    artists = []
    for i, (level, x0, x1) in enumerate(spans):
        line = Line2D([x0, x1], [level, level], color=color, linestyle=(0, (1.2, 2.2)), linewidth=linewidth,
                      zorder=1.8, label=(label if i == 0 else None) or "_nolegend_", gid="asymptote")
        artists.append(_add(ax, line))
    return artists


def draw_saturation(ax: Axes, smp: Sample, color: str, *, threshold: float = SATURATION,
                    label: str | None = None, alpha: float = 0.18) -> list[Any]:
    """Shade where |f′| < ``threshold``: runs that reach an edge of the range, or wider than 5 % of it."""
    from matplotlib.patches import Rectangle

    finite = np.isfinite(smp.dx)
    x, d = smp.dx[finite], np.abs(smp.dy[finite])
    if x.size < 2:
        return []
    flat = d < threshold
    span = x[-1] - x[0]
    edges = np.flatnonzero(np.diff(np.concatenate([[0], flat.astype(np.int8), [0]])))
    artists = []
    for start, stop in zip(edges[::2], edges[1::2]):
        a, b = x[start], x[stop - 1]
        touches = start == 0 or stop == x.size
        if (touches and b > a) or (b - a) > 0.05 * span:
            artists.append(_add(ax, Rectangle((a, 0.0), b - a, 1.0, transform=ax.get_xaxis_transform(),
                                              facecolor=color, alpha=alpha, linewidth=0, zorder=0.5,
                                              label=label if not artists else "_nolegend_")))
    return artists


def draw_activation(
    ax: Axes,
    act: Activation,
    params: Mapping[str, Value] | None = None,
    *,
    xmin: float = -5.0,
    xmax: float = 5.0,
    points: int = 1000,
    color: str,
    linestyle: Any = "-",
    derivative: bool = True,
    derivative_color: str | None = None,
    muted: str = "#4d4d4d",
    shade: str | None = None,
    asymptote_lines: bool = True,
    jump_marks: bool = True,
    label: str = "f(x)",
    derivative_label: str = "f\u2032(x)",
    linewidth: float = 2.0,
    set_limits: bool = True,
) -> dict[str, Any]:
    """Draw f (solid) and f′ (dashed) of ``act`` on ``ax``; return the artists by role.

    Keys of the result: ``"f"``, ``"df"`` (None without derivative), ``"asymptotes"``,
    ``"saturation"``, ``"jumps"``, ``"sample"``, ``"ylim"`` and ``"df_range"`` ((min, max) of f′ when
    it is clipped at the frame, else None). ``shade=None`` skips the saturation shading. With
    ``set_limits`` the axes get the x-range and a y-range that fits f, and f′ while it widens that
    range at most :data:`DERIVATIVE_ROOM` times.
    """
    params = act.resolve(params or {})
    smp = sample(act, params, xmin, xmax, points)
    out: dict[str, Any] = {"sample": smp}
    out["f"] = draw_curve(ax, smp.x, smp.y, color=color, linestyle=linestyle, linewidth=linewidth,
                          label=label, zorder=3)
    out["df"] = None
    if derivative:
        out["df"] = draw_curve(ax, smp.dx, smp.dy, color=derivative_color or color,
                               linestyle=(0, (4.0, 2.2)), linewidth=linewidth * 0.75,
                               label=derivative_label, zorder=2.6)
    out["jumps"] = []
    if jump_marks and smp.jumps:
        size = 3.2 + linewidth
        for k, fk, other in smp.jumps:
            dot = draw_curve(ax, [k], [fk], color=color, linestyle="none", marker="o", markersize=size, zorder=4)
            ring = draw_curve(ax, [k], [other], color=color, linestyle="none", marker="o",
                              markerfacecolor=ax.get_facecolor(), markeredgecolor=color,
                              markeredgewidth=linewidth * 0.7, markersize=size, zorder=4)
            out["jumps"] += [dot, ring]
    # the y-range fits f; f′ joins it only while it widens it at most DERIVATIVE_ROOM times,
    # beyond that f′ is clipped at the frame (out["df_range"] says how far it goes)
    ylim = fit_ylim(smp.y)
    out["df_range"] = None
    if derivative:
        with_df = fit_ylim(smp.y, smp.dy)
        if (with_df[1] - with_df[0]) <= DERIVATIVE_ROOM * (ylim[1] - ylim[0]):
            ylim = with_df
        else:
            finite = smp.dy[np.isfinite(smp.dy)]
            out["df_range"] = (float(finite.min()), float(finite.max()))
    spans = asymptote_spans(act, params, smp, ylim) if asymptote_lines else []
    out["asymptotes"] = draw_asymptotes(ax, spans, muted) if spans else []
    out["saturation"] = draw_saturation(ax, smp, shade, label="saturated: |f\u2032| < 0.01") if shade else []
    out["ylim"] = ylim
    if set_limits:
        # set_xlim/set_ylim turn autoscaling off anyway; off first, they also skip one autoscale
        # pass over the lines just added (which the limits replace)
        ax.set_autoscale_on(False)
        ax.set_xlim(xmin, xmax)
        ax.set_ylim(*out["ylim"])
    return out


def draw_vector_bars(ax: Axes, act: Activation, params: Mapping[str, Value] | None = None, *,
                     logits: Sequence[float] = VECTOR_EXAMPLE, color: str, input_color: str,
                     fontsize: float = 9.0) -> dict[str, Any]:
    """Grouped bars: the input logits and ``act``'s output for them, values written on the bars."""
    params = act.resolve(params or {})
    z = np.asarray(logits, dtype=np.float64)
    y = act(z, **params)
    idx = np.arange(z.size)
    width = 0.38
    bars_in = ax.bar(idx - width / 2, z, width, color=input_color, alpha=0.55, label="input $x$", zorder=2)
    bars_out = ax.bar(idx + width / 2, y, width, color=color, label=f"output {act.label}$(x)$", zorder=2)
    lo, hi = fit_ylim(z, y, include=(0.0,), pad=0.18)
    texts = []
    for xs, vs in ((idx - width / 2, z), (idx + width / 2, y)):
        for xi, v in zip(xs, vs):
            va = "bottom" if v >= 0 else "top"
            off = 0.02 * (hi - lo) * (1 if v >= 0 else -1)
            texts.append(ax.text(xi, v + off, f"{v:.2f}".replace("-", "\u2212"), ha="center", va=va,
                                 fontsize=fontsize, zorder=3))
    ax.set_xticks(idx, [f"$x_{i + 1}$" for i in idx])
    ax.set_ylim(lo, hi)
    ax.axhline(0.0, linewidth=0.9, color=input_color, zorder=1.5)
    return {"inputs": bars_in, "outputs": bars_out, "texts": texts, "values": y}
