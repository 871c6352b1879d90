"""Curves sampled for any renderer (matplotlib figures, terminal plots): numpy only.

:func:`sample` evaluates f and f′ of a bound activation on a window, with the kinks sampled on
both sides and NaN breaks at jumps (no false vertical strokes); :func:`fit_ylim`, :func:`frame_ylim`
and :func:`asymptote_spans` decide what a window shows. :func:`check_values` refuses
parameters that cannot be drawn on a window, before any work (the window itself is checked by
:class:`actviz.options.Window`).

Vector-valued activations (softmax and friends) are shown through one component: the first
logit x₁ varies while the others stay at :data:`VECTOR_REST`, the rest of the reference example
(3, 1, −3) of :data:`VECTOR_EXAMPLE`.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np

from .. import numerics as nx
from .. import text
from ..errors import ParameterError
from ..errors import option as opt
from ..messages import msg
from ..options import MAX_COMPARE, Window, check_count
from ..spec import Bound, undecided

__all__ = [
    "VECTOR_EXAMPLE", "VECTOR_REST", "SATURATION", "DERIVATIVE_ROOM", "ASYMPTOTE_NEAR",
    "MAX_ABS_VALUE", "Sample", "evaluate", "sample", "fit_ylim", "frame_ylim",
    "asymptotes", "asymptote_spans", "check_values", "vector_note", "curves_csv", "curves_data", "Curves", "Curve", "plot_ylim",
    "MAX_COMPARE", "COMPARE_ROOM", "check_compare_count", "Coincidence", "coincidences", "coincide_lines", "coincide_where",
    "hidden_under",
]

#: the reference example of the softmax lesson
VECTOR_EXAMPLE = (3.0, 1.0, -3.0)
#: the logits held fixed while the first one varies
VECTOR_REST = VECTOR_EXAMPLE[1:]
#: |f′| below this is shaded: a small slope (saturation only where it lasts to ±∞ as f′ → 0)
SATURATION = 0.01
#: f′ joins the y-range only while it widens f's range at most this many times; beyond, it is clipped
DERIVATIVE_ROOM = 3.0
#: an asymptote is drawn when f on the outer tenth of the window is within this fraction of the y-span
ASYMPTOTE_NEAR = 0.05
#: the largest |f| or |f′| a figure draws; beyond it matplotlib's own arithmetic overflows
MAX_ABS_VALUE = 1e100
#: compare clips a curve at the frame when it would widen the others' y-range more than this many times
COMPARE_ROOM = 10.0


def vector_note() -> str:
    """What the x-axis of a vector activation's curve means."""
    return text.vector_note(VECTOR_REST)


def check_compare_count(n: int) -> None:
    """Refuse no curves, or more than a comparison can label."""
    check_count(n, "compare", MAX_COMPARE, "compare('relu', 'gelu')", "use cheatsheet for a panel per activation")


def check_values(bounds: Sequence[Bound], window: Window, *,
                 hint: str = f"use smaller parameters or a narrower {opt('xmin')}/{opt('xmax')}") -> None:
    """Refuse parameters for which f or f′ is not finite, or too large to draw, on ``window``.

    Each curve is sampled exactly as it will be drawn (float warnings off: only the values
    count), so a figure that passes never meets an overflow while drawing.
    """
    for bound in bounds:
        with np.errstate(all="ignore"):
            smp = sample(bound, window)
        for what, x, values in (("f", smp.x, smp.y), ("f′", smp.dx, smp.dy)):
            on = np.isfinite(x)  # NaN in x marks a deliberate break at a jump
            bad = on & ~(np.abs(values) <= MAX_ABS_VALUE)
            if bad.any():
                at = float(x[np.argmax(bad)])
                value = float(values[np.argmax(bad)])
                problem = f"is {text.number(value)}" if math.isfinite(value) else "overflows float64"
                raise ParameterError(f"{text.spec_label(bound)}: {what}({text.number(at)}) {problem}, too large to "
                                     f"draw (limit ±{text.number(MAX_ABS_VALUE)}); {hint}")




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
    #: oscillations in the window when even MAX_RESOLVED points cannot draw them (0: resolved)
    unresolved: int = 0


class Coincidence(NamedTuple):
    """Curves ``members`` (indices into a comparison) that are one curve on ``low`` < x < ``high``
    (±inf: to the window's edge), so that only the last drawn shows there."""

    members: tuple[int, ...]
    low: float
    high: float


#: samples across a window that look for coincident stretches, and the shortest stretch reported
#: (a share of the window): two curves that meet at a point or touch briefly are no news
COINCIDE_POINTS = 1001
COINCIDE_SHARE = 0.05
#: the most lines a note of coincident curves takes (the rest are counted)
MAX_COINCIDE_LINES = 5


def coincidences(bounds: Sequence[Bound], window: Window, derivative: bool = False) -> list[Coincidence]:
    """The stretches of the window where two or more of ``bounds`` (their f, or with ``derivative``
    their f′) are one curve: equal to six significant digits (within 1e-6 of the larger |value|, or of
    1 below it: drawing precision at any size), on at least :data:`COINCIDE_SHARE` of it. Curves that
    coincide on the same stretch come together (ReLU, leaky ReLU and ELU for x > 0); the ends are found by bisection on the functions
    themselves, so ReLU′ = ELU′ reads "x > 0", not the nearest sample; an end at the window's edge is
    ±inf. A pair equal on the whole window counts too (a framework's identical definition)."""
    n = len(bounds)
    if n < 2:
        return []
    x = np.linspace(window.xmin, window.xmax, COINCIDE_POINTS)
    with np.errstate(all="ignore"):
        ys = [evaluate(b, x)[1 if derivative else 0] for b in bounds]

    def equal(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):
            return np.isfinite(a) & np.isfinite(b) & (np.abs(a - b) <= 1e-6 * np.maximum(1.0, np.maximum(abs(a), abs(b))))

    def same(i: int, j: int, at: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):
            return equal(evaluate(bounds[i], at)[1 if derivative else 0], evaluate(bounds[j], at)[1 if derivative else 0])

    step = 10.0 ** math.floor(math.log10((window.xmax - window.xmin) / 1000.0))

    def edge(i: int, j: int, inside: float, outside: float) -> float:
        # the end of the stretch, between a sample inside and one outside, to a thousandth of the step
        # it is shown to (about ten halvings)
        while abs(outside - inside) > 1e-3 * step:
            mid = 0.5 * (inside + outside)
            if mid in (inside, outside):
                break
            inside, outside = (mid, outside) if same(i, j, np.array([mid]))[0] else (inside, mid)
        return 0.5 * (inside + outside)

    stretches: dict[tuple[float, float], set[int]] = {}
    for i in range(n):
        for j in range(i + 1, n):
            mask = equal(ys[i], ys[j])
            for a, b in nx.runs(mask):
                if b - a < COINCIDE_SHARE * COINCIDE_POINTS:
                    continue
                low = -math.inf if a == 0 else round(edge(i, j, x[a], x[a - 1]) / step) * step + 0.0
                high = math.inf if b == x.size else round(edge(i, j, x[b - 1], x[b]) / step) * step + 0.0
                stretches.setdefault((low, high), set()).update((i, j))
    return [Coincidence(tuple(sorted(m)), lo, hi) for (lo, hi), m in sorted(stretches.items(), key=lambda kv: min(kv[1]))]


def coincide_where(c: Coincidence, window: Window) -> str:
    """Where curves coincide, in words: ``x > 0``, ``−1 < x < 1``, or the whole window ``x ∈ [−5, 5]``."""
    if c.low == -math.inf and c.high == math.inf:
        return text.window(window)
    return text.region([(c.low, c.high, False, False)])


def _short_labels(bounds: Sequence[Bound], labels: Sequence[str]) -> list[str]:
    """Each curve's label alone where its function appears once in the comparison (its legend entry gives
    the parameters), else its full label."""
    names = [b.label for b in bounds]
    return [b.label if names.count(b.label) == 1 else label for b, label in zip(bounds, labels)]


def hidden_under(bounds: Sequence[Bound], labels: Sequence[str], window: Window,
                 derivative: bool = False) -> dict[int, str]:
    """For each curve of a comparison that a later one covers on a stretch, what its legend entry adds:
    `` (under ELU: x > 0)`` (the covering curve named by its label where it appears once)."""
    short = _short_labels(bounds, labels)
    notes: dict[int, list[str]] = {}
    for c in coincidences(bounds, window, derivative):
        top = c.members[-1]
        for i in c.members[:-1]:
            notes.setdefault(i, []).append(msg("figure.under", name=short[top], where=coincide_where(c, window)))
    return {i: "".join(parts) for i, parts in notes.items()}


def coincide_lines(found: Sequence[Coincidence], bounds: Sequence[Bound], labels: Sequence[str], window: Window,
                   derivative: bool) -> list[str]:
    """One line for each stretch ``found`` (:func:`coincidences`) where curves of a comparison are one
    curve (only the last drawn shows there): ``ReLU = ELU: x > 0``; none where every curve shows. A
    function is named by its label alone where it appears once (its legend entry gives the parameters)."""
    lines: list[str] = []
    short = _short_labels(bounds, labels)
    for c in found:
        names = " = ".join(short[i] + ("\u2032" if derivative else "") for i in c.members)
        lines.append(msg("figure.coincide_line", names=names, where=coincide_where(c, window)))
    if len(lines) > MAX_COINCIDE_LINES:  # a note that would outgrow its panel: the first, and how many more
        lines[MAX_COINCIDE_LINES - 1:] = [msg("figure.coincide_more", n=len(lines) - MAX_COINCIDE_LINES + 1)]
    return lines


def evaluate(bound: Bound, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """f and f′ at ``x`` (a vector activation: its first component, the other logits at VECTOR_REST)."""
    if bound.vector:
        rest = np.broadcast_to(np.asarray(VECTOR_REST), (x.size, len(VECTOR_REST)))
        logits = np.column_stack([x, rest])
        return bound(logits)[:, 0], bound.derivative(logits)[:, 0]
    return bound(x), bound.derivative(x)


#: the most points a resolved curve gets (an oscillating f over a wide window)
MAX_RESOLVED = 200_000
#: samples per half-oscillation that draw a wave without moiré
PER_HALF_WAVE = 10
#: a second probe's size, incommensurate with the first: aliased waves count differently on the two
ALIAS_CHECK = 173_207


def resolution(bound: Bound, window: Window) -> tuple[int, int]:
    """(points, unresolved): enough points to draw f's oscillations in the window (sinusoid over
    ±1000 has ~640 half-waves, 1000 points draw a moiré), at most :data:`MAX_RESOLVED`; ``unresolved``
    is the number of half-waves when even that is not enough (else 0). A curve whose f′ changes sign
    rarely on the first sample is left as it is (no extra work)."""
    xmin, xmax, points = window.xmin, window.xmax, window.points
    with np.errstate(all="ignore"):
        coarse = _sign_changes(evaluate(bound, np.linspace(xmin, xmax, points))[1])
        fine = _sign_changes(evaluate(bound, np.linspace(xmin, xmax, 3 * points + 1))[1])
    # aliasing hides waves from a coarse grid: a finer one that sees more of them gives it away
    if fine <= max(coarse, 2) * 1.5 and fine * PER_HALF_WAVE * 2 <= points:
        return points, 0
    probe = np.linspace(xmin, xmax, MAX_RESOLVED)
    other = np.linspace(xmin, xmax, ALIAS_CHECK)
    with np.errstate(all="ignore"):
        changes = _sign_changes(evaluate(bound, probe)[1])
        again = _sign_changes(evaluate(bound, other)[1])
    # the probe aliases too where f is faster still (sin(1e6·x) over ±5: 3e6 half-waves look like 2e4):
    # a second probe of another spacing then counts a different number of waves
    if abs(again - changes) > 0.1 * max(changes, again, 1.0):
        return MAX_RESOLVED, max(changes, again, MAX_RESOLVED)
    needed = changes * PER_HALF_WAVE
    if needed <= points:
        return points, 0
    return min(needed, MAX_RESOLVED), (changes if needed > MAX_RESOLVED else 0)


def _sign_changes(values: np.ndarray) -> int:
    s = np.sign(values[np.isfinite(values)])
    s = s[s != 0]
    return int(np.count_nonzero(s[1:] != s[:-1]))


def sample(bound: Bound, window: Window, *, resolve: bool = False) -> Sample:
    """Sample f and f′ on the window's ``points`` evenly spaced x plus the kinks inside it.

    Around each kink k the grid gets the neighbours just left and right of k, so corners are
    sharp; where f (or f′) has different one-sided values, a NaN breaks the line there. ``resolve``
    raises ``points`` where f oscillates faster than they can draw (see :func:`resolution`).
    """
    unresolved, points = 0, window.points
    if resolve:
        points, unresolved = resolution(bound, window)
    smp = _sample(bound, window.xmin, window.xmax, points)
    return Sample(smp.x, smp.y, smp.dx, smp.dy, smp.jumps, unresolved) if unresolved else smp


def _sample(bound: Bound, xmin: float, xmax: float, points: int) -> Sample:
    base = np.linspace(xmin, xmax, points)
    kinks = [k for k in (() if bound.vector else bound.kinks()) if xmin < k < xmax]
    if not kinks:
        y, dy = evaluate(bound, base)
        return Sample(base, y, base, dy)
    sides = np.array([[np.nextafter(k, -np.inf), np.nextafter(k, np.inf)] for k in kinks])
    x = nx.sorted_unique(np.concatenate([base, sides.ravel()]))
    keep = np.ones(x.size, dtype=bool)
    for left, right in sides:  # k itself is dropped: its neighbours carry the one-sided values
        keep &= (x <= left) | (x >= right)
    x = x[keep]
    y, dy = evaluate(bound, x)
    # f′ may be infinite at a kink (√|x| at 0): its value a float's width away is no part of the curve
    beside = np.zeros(x.size, dtype=bool)
    beside[np.searchsorted(x, sides.ravel())] = True  # the kinks' neighbours are in x
    drop = beside & ~(np.abs(dy) <= MAX_ABS_VALUE)
    at_k, _ = evaluate(bound, np.asarray(kinks, dtype=np.float64))

    def broken(values: np.ndarray, xv: np.ndarray = x) -> tuple[np.ndarray, np.ndarray]:
        cut = []
        scale = max(1.0, float(np.nanmax(np.abs(values[np.isfinite(values)]), initial=0.0)))
        for left, _right in sides:
            i = int(np.searchsorted(x, left))
            if abs(values[i + 1] - values[i]) > 1e-9 * scale:  # a jump: break the line here
                cut.append(i + 1)
        return np.insert(xv, cut, np.nan), np.insert(values, cut, np.nan)

    xs, ys = broken(y)
    dxs, dys = broken(np.where(drop, np.nan, dy), np.where(drop, np.nan, x))  # NaN x: a break, not a value
    jumps = []
    for k, fk, (left, _right) in zip(kinks, at_k, sides):
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


def plot_ylim(smp: Sample, derivative: bool) -> tuple[tuple[float, float], tuple[float, float] | None]:
    """The y-range of one activation's plot, and how far f′ goes when it is clipped (else None).

    The range fits f; f′ joins it only while it widens it at most :data:`DERIVATIVE_ROOM` times,
    beyond that f′ is clipped at the frame and the second value is (min, max) of f′.
    """
    ylim = fit_ylim(smp.y)
    if not derivative:
        return ylim, None
    with_df = fit_ylim(smp.y, smp.dy)
    if (with_df[1] - with_df[0]) <= DERIVATIVE_ROOM * (ylim[1] - ylim[0]):
        return with_df, None
    finite = smp.dy[np.isfinite(smp.dy)]
    return ylim, (float(finite.min()), float(finite.max()))


def _tail_limits(bound: Bound) -> tuple[float | None, float | None]:
    """(left, right): the finite limits at −∞ and +∞ that f approaches without reaching them (a
    limit attained beyond the outermost kink, ReLU's 0 or ReLU6's 6, is a plateau: None; so is an
    undecided limit: no asymptote is drawn where none is known)."""
    if bound.vector:
        return None, None
    kinks = bound.kinks()
    out: list[float | None] = []
    for limit, probe in zip(bound.limits(), ((min(kinks, default=0.0) - 1.0), max(kinks, default=0.0) + 1.0)):
        if limit is None or undecided(limit) or not math.isfinite(limit):
            out.append(None)
            continue
        value = float(bound(np.float64(probe)))
        out.append(float(limit) if value != limit else None)
    return out[0], out[1]


def asymptotes(bound: Bound) -> list[float]:
    """Finite horizontal asymptotes: limits at ±∞ that f approaches but does not reach (levels only;
    :func:`asymptote_spans` says where on a window each one is drawn)."""
    out: list[float] = []
    for limit in _tail_limits(bound):
        if limit is not None and limit not in out:
            out.append(limit)
    return out


def asymptote_spans(bound: Bound, smp: Sample, ylim: tuple[float, float], *, near: float = ASYMPTOTE_NEAR) -> list[tuple[float, float, float]]:
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
    for limit, part in zip(_tail_limits(bound), (x <= xmin + outer, x >= xmax - outer)):
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


class Curve(NamedTuple):
    """One curve's samples: ``x``, ``f`` and ``df`` (NaN in all three where the line breaks at a jump)."""

    x: np.ndarray
    f: np.ndarray
    df: np.ndarray


class Curves:
    """The numbers behind a plot or compare figure (:func:`actviz.curves`): per curve, named by its spec
    (``elu:alpha=2``), the samples ``x``, ``f``, ``df`` as numpy arrays, the kinks sampled on both sides and
    a NaN row where f or f′ jumps. ``curves["elu:alpha=2"]`` (or ``curves[0]``) is one :class:`Curve`;
    ``.names`` their specs; ``.curve``, ``.x``, ``.f``, ``.df`` all rows in order (long format);
    ``.to_csv()`` the CSV (``curve, x, f, df``; pgfplots: ``unbounded coords=jump``); ``.to_frame()`` the
    rows in pandas."""

    def __init__(self, curves: Sequence[tuple[str, Curve]]) -> None:
        self._curves = tuple(curves)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self._curves)

    def __len__(self) -> int:
        return len(self._curves)

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __getitem__(self, key: int | str) -> Curve:
        if isinstance(key, int):
            return self._curves[key][1]
        for name, curve in self._curves:
            if name == key:
                return curve
        raise KeyError(f"no curve {key!r}; the curves are {', '.join(self.names)}")

    def __repr__(self) -> str:
        shown = ", ".join(f"{name} ({len(c.x)} rows)" for name, c in self._curves)
        return f"<actviz Curves: {shown}; .to_csv(), .to_frame(), curves[name].x .f .df>"

    def _long(self, k: int) -> np.ndarray:
        return np.concatenate([c[k] for _, c in self._curves]) if self._curves else np.empty(0)

    @property
    def curve(self) -> np.ndarray:
        """Each row's curve (its spec)."""
        return np.array([name for name, c in self._curves for _ in range(len(c.x))], dtype=object)

    @property
    def x(self) -> np.ndarray:
        return self._long(0)

    @property
    def f(self) -> np.ndarray:
        return self._long(1)

    @property
    def df(self) -> np.ndarray:
        return self._long(2)

    def to_csv(self) -> str:
        """CSV with the columns ``curve, x, f, df``, one block of rows per curve, every float in full
        (``repr``), ``nan`` where a line breaks: the file ``plot -o curves.csv`` writes."""
        import csv
        import io

        buf = io.StringIO()
        out = csv.writer(buf, lineterminator="\n")
        out.writerow(["curve", "x", "f", "df"])
        for name, c in self._curves:
            for x, y, dy in zip(c.x, c.f, c.df):
                out.writerow([name, repr(float(x)), repr(float(y)), repr(float(dy))])
        return buf.getvalue()

    def to_frame(self) -> Any:
        """The rows as a pandas DataFrame (columns ``curve, x, f, df``); pandas is imported on use."""
        from ..notebook import require_pandas

        pd = require_pandas()
        return pd.DataFrame({"curve": self.curve, "x": self.x, "f": self.f, "df": self.df})


def curves_data(bounds: Sequence[Bound], window: Window) -> Curves:
    """The numbers behind a figure, for redrawing it (pgfplots, a spreadsheet, your own matplotlib): per
    curve (named by its spec, e.g. ``elu:alpha=2``) x, f and f′, the kinks sampled on both sides, and a row
    of NaN where f or f′ jumps (so a line drawn through them breaks there instead of drawing a false
    vertical stroke)."""
    check_values(bounds, window)
    out = []
    for bound in bounds:
        name = text.spec_text(bound)
        with np.errstate(all="ignore"):
            smp = sample(bound, window)
        xs = smp.x[np.isfinite(smp.x)]
        f, df = evaluate(bound, xs)
        # a break in either line lies between two finite samples: find where, in the finite order
        cut = {int(np.count_nonzero(np.isfinite(smp.x[:i]))) for i in np.flatnonzero(np.isnan(smp.x))}
        cut |= {int(np.count_nonzero(np.isfinite(smp.dx[:i]))) for i in np.flatnonzero(np.isnan(smp.dx))}
        at = sorted(i for i in cut if i < len(xs))
        columns = [np.insert(np.asarray(v, dtype=float), at, np.nan) for v in (xs, f, df)]
        out.append((name, Curve(*columns)))
    return Curves(out)


def curves_csv(bounds: Sequence[Bound], window: Window) -> str:
    """:func:`curves_data` as CSV (``curve, x, f, df``; see :meth:`Curves.to_csv`)."""
    return curves_data(bounds, window).to_csv()
