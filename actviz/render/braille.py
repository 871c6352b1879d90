"""Plots in the terminal: f and f′ drawn with braille characters, as a rich renderable (numpy + rich).

Each character cell holds 2 × 4 dots (U+2800–U+28FF), so 80 columns draw a curve about 150 dots
wide. The curves are the figures' samples (:func:`~actviz.render.sampling.sample`: kinks sampled on
both sides, NaN breaks at jumps), joined by straight segments: each dot column gets the rows the
curve crosses inside it (:func:`trace`), so steep parts stay connected and a jump stays a gap,
never a vertical stroke.

Colours are the figures' house colours (:func:`~actviz.render.style.curve_styles`); f′ is dashed
as in the figures. Without colour (``NO_COLOR``, output into a file or a pipe) nothing but plain
characters is written, and the curves of a comparison get distinct dash patterns instead of
colours. Blank cells are U+2800 (the empty braille pattern), so fonts keep the columns aligned; a
console whose encoding has no braille (ASCII, GBK) gets ASCII dots (``' - . :``) instead, and every
label is spelled in what the encoding holds (:func:`actviz.text.for_encoding`).

This module never imports matplotlib.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Iterable, Sequence

import numpy as np
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text

from .. import numerics as nx
from .. import text
from ..messages import msg
from ..options import DEFAULT_WINDOW, HEIGHT, MAX_HEIGHT, MAX_WIDTH, MIN_HEIGHT, MIN_WIDTH, Window
from ..spec import Bound
from .sampling import (
    COMPARE_ROOM,
    asymptote_spans,
    check_compare_count,
    check_values,
    coincide_lines,
    coincidences,
    fit_ylim,
    frame_ylim,
    plot_ylim,
    sample,
    vector_note,
)
from .style import curve_styles, terminal_colors

__all__ = [
    "TerminalPlot", "Curve", "Frame", "plot", "compare", "trace", "cells", "decode", "nice_ticks",
    "HEIGHT", "MIN_HEIGHT", "MAX_HEIGHT", "MIN_WIDTH", "MAX_WIDTH", "SOLID", "DASHED", "PATTERNS",
]

#: dash patterns along a curve, one character per dot: on ("1") and off ("0"), repeated
SOLID, DASHED, DOTTED, SPARSE = "1", "111100", "10", "1000"
#: the patterns that tell curves apart when there is no colour (solid, dashed, dotted, dash-dot, long dash)
PATTERNS = (SOLID, DASHED, DOTTED, "11110010", "1111111000")

#: the bit of each dot of a braille cell, [row][column] (Unicode's dots 1-2-3-7 left, 4-5-6-8 right)
_BITS = np.array([[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]], dtype=np.uint8)
_ROW_BITS = (0x01 | 0x08, 0x02 | 0x10, 0x04 | 0x20, 0x40 | 0x80)
_BRAILLE = [chr(0x2800 + code) for code in range(256)]
_ASCII: list[str] = []


def _ascii_dots() -> list[str]:
    """Each braille cell as one ASCII character: ' (dots high), - (middle), . (low), : (tall), space."""
    if not _ASCII:
        for code in range(256):
            rows = [r for r in range(4) if code & _ROW_BITS[r]]
            mean = sum(rows) / len(rows) if rows else 0.0
            _ASCII.append(" " if not rows else ":" if rows[-1] - rows[0] >= 2 else
                          "'" if mean < 1 else "." if mean > 2 else "-")
    return _ASCII


# -- dots ------------------------------------------------------------------------------------------


def trace(u: np.ndarray, v: np.ndarray, cols: int, rows: int) -> tuple[np.ndarray, np.ndarray]:
    """The dots ``(row, column)`` a polyline passes through on a grid of ``rows`` × ``cols`` dots, in
    the order it is traced.

    ``u``, ``v``: the samples in dot coordinates (u left to right and non-decreasing, v top to
    bottom; dot (r, c) covers [c − ½, c + ½) × [r − ½, r + ½)); a non-finite value breaks the line.
    Between samples the line is straight; each dot column gets every row from the lowest to the
    highest point of the line inside the column, clipped to the grid, so nothing is drawn outside
    the frame and a line leaving the frame reaches its edge.
    """
    ok = np.isfinite(u) & np.isfinite(v)
    parts = [_trace_piece(u[a:b], v[a:b], cols, rows) for a, b in nx.runs(ok)]
    if not parts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


def _trace_piece(u: np.ndarray, v: np.ndarray, cols: int, rows: int) -> tuple[np.ndarray, np.ndarray]:
    col = np.floor(u + 0.5).astype(np.int64)
    c0, c1 = int(col[0]), int(col[-1])
    n = c1 - c0 + 1
    lo = np.full(n, np.inf)
    hi = np.full(n, -np.inf)
    starts = np.concatenate([[0], np.flatnonzero(np.diff(col)) + 1])
    lo[col[starts] - c0] = np.minimum.reduceat(v, starts)
    hi[col[starts] - c0] = np.maximum.reduceat(v, starts)
    enter = np.empty(n)
    leave = np.empty(n)
    enter[0], leave[-1] = v[0], v[-1]
    if n > 1:  # where the line crosses the border between two columns, both get that point
        vb = np.interp(np.arange(c0, c1) + 0.5, u, v)
        lo[:-1] = np.minimum(lo[:-1], vb)
        lo[1:] = np.minimum(lo[1:], vb)
        hi[:-1] = np.maximum(hi[:-1], vb)
        hi[1:] = np.maximum(hi[1:], vb)
        enter[1:] = vb
        leave[:-1] = vb
    top = np.floor(np.clip(lo, -2.0, rows + 1.0) + 0.5)
    bottom = np.floor(np.clip(hi, -2.0, rows + 1.0) + 0.5)
    columns = np.arange(c0, c1 + 1)
    keep = (columns >= 0) & (columns < cols) & (bottom >= 0) & (top <= rows - 1)
    top = np.clip(top[keep], 0, rows - 1).astype(np.int64)
    bottom = np.clip(bottom[keep], 0, rows - 1).astype(np.int64)
    down = (leave >= enter)[keep]
    count = bottom - top + 1
    first = np.where(down, top, bottom)
    step = np.where(down, 1, -1)
    offsets = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
    return np.repeat(first, count) + np.repeat(step, count) * offsets, np.repeat(columns[keep], count)


def _dashes(n: int, pattern: str) -> np.ndarray:
    """Which of ``n`` successive dots a dash ``pattern`` keeps."""
    cycle = np.array([c == "1" for c in pattern])
    return cycle[np.arange(n) % cycle.size]


def cells(r: np.ndarray, c: np.ndarray, height: int, width: int) -> np.ndarray:
    """The braille codes (0-255, one per character cell, ``height`` × ``width``) of the dots (r, c)."""
    codes = np.zeros((height, width), dtype=np.uint8)
    np.bitwise_or.at(codes, (r // 4, c // 2), _BITS[r % 4, c % 2])
    return codes


def decode(lines: Iterable[str]) -> set[tuple[int, int]]:
    """The dots ``(row, column)`` set in lines of braille characters (other characters: none), the
    inverse of :func:`cells` (for tests and tools)."""
    dots = set()
    for i, line in enumerate(lines):
        for j, ch in enumerate(line):
            code = ord(ch) - 0x2800
            if 0 <= code < 256:
                for r in range(4):
                    for c in range(2):
                        if code & int(_BITS[r, c]):
                            dots.add((4 * i + r, 2 * j + c))
    return dots


# -- ticks --------------------------------------------------------------------------------------------


def nice_ticks(lo: float, hi: float, count: int) -> list[float]:
    """Round values 1, 2, 2.5 or 5 × 10ᵏ apart inside [lo, hi]: the finest such spacing that gives at
    most ``count`` of them (at least one value when the range allows)."""
    span = hi - lo
    if not (span > 0 and math.isfinite(span)):
        return []
    k = math.floor(math.log10(span / max(count, 1))) - 1
    for _ in range(8):
        for m in (1.0, 2.0, 2.5, 5.0):
            step = m * 10.0**k
            first, last = math.ceil(lo / step - 1e-9), math.floor(hi / step + 1e-9)
            if last - first + 1 <= count:
                return [i * step + 0.0 for i in range(first, last + 1)]
        k += 1
    return []


# -- what is drawn ----------------------------------------------------------------------------------------


class Curve:
    """One line: samples (NaN breaks it), its colour, its dash pattern with colour and without."""

    __slots__ = ("x", "y", "color", "pattern", "plain_pattern")

    def __init__(self, x: np.ndarray, y: np.ndarray, color: str, pattern: str = SOLID,
                 plain_pattern: str = SOLID) -> None:
        self.x, self.y, self.color, self.pattern, self.plain_pattern = x, y, color, pattern, plain_pattern


class Frame:
    """One plot area: curves (drawn in order, the last on top), the window, dotted asymptotes
    ``(level, x0, x1)``, its height in rows, a heading above it (empty: none), and the x where a
    curve jumps (the y-axis is left out when it would stand in a jump, where it would read as a stroke)."""

    __slots__ = ("curves", "xlim", "ylim", "height", "asymptotes", "heading", "jumps")

    def __init__(self, curves: Sequence[Curve], xlim: tuple[float, float], ylim: tuple[float, float], height: int,
                 asymptotes: Sequence[tuple[float, float, float]] = (), heading: str = "",
                 jumps: Sequence[float] = ()) -> None:
        self.curves, self.xlim, self.ylim, self.height = tuple(curves), xlim, ylim, height
        self.asymptotes, self.heading, self.jumps = tuple(asymptotes), heading, tuple(jumps)

    def to_dots(self, u: float | np.ndarray, cols: int) -> np.ndarray:
        x0, x1 = self.xlim
        return (np.asarray(u, dtype=np.float64) - x0) / (x1 - x0) * (2 * cols - 1)

    def to_rows(self, y: float | np.ndarray) -> np.ndarray:
        y0, y1 = self.ylim
        return (y1 - np.asarray(y, dtype=np.float64)) / (y1 - y0) * (4 * self.height - 1)

    def _zero_row(self) -> int | None:
        """The dot row of the x-axis (y = 0), None when 0 is outside the y-range."""
        y0, y1 = self.ylim
        return int(np.floor(self.to_rows(0.0) + 0.5)) if y0 < 0 < y1 else None

    def shown_asymptotes(self) -> list[tuple[float, float, float]]:
        """The asymptotes drawn: inside the y-range and not on the x-axis, which marks them already."""
        y0, y1 = self.ylim
        zero = self._zero_row()
        return [(level, a, b) for level, a, b in self.asymptotes
                if y0 <= level <= y1 and int(np.floor(self.to_rows(level) + 0.5)) != zero]

    def layers(self, cols: int, plain: bool, colors: dict[str, str]) -> list[tuple[np.ndarray, str]]:
        """(braille codes, colour) of everything drawn, bottom first: axes through 0, asymptotes, curves."""
        rows = 4 * self.height
        out = []
        x0, x1 = self.xlim
        y0, y1 = self.ylim
        zero_row = self._zero_row()
        if zero_row is not None:  # the x-axis: a dot every other cell
            c = np.arange(0, 2 * cols, 4)
            out.append((cells(np.full(c.size, zero_row), c, self.height, cols), colors["axis"]))
        c = int(np.floor(self.to_dots(0.0, cols) + 0.5))
        jumps = np.floor(self.to_dots(np.asarray(self.jumps, dtype=np.float64), cols) + 0.5)
        if x0 < 0 < x1 and not np.any(np.abs(jumps - c) <= 1):  # the y-axis: a dot every row
            r = np.arange(1, rows, 4)
            out.append((cells(r, np.full(r.size, c), self.height, cols), colors["axis"]))
        for level, a, b in self.shown_asymptotes():
            xs = np.array([a, b])
            r, c = trace(self.to_dots(xs, cols), self.to_rows(np.array([level, level])), 2 * cols, rows)
            keep = _dashes(r.size, SPARSE)
            out.append((cells(r[keep], c[keep], self.height, cols), colors["muted"]))
        for curve in self.curves:
            r, c = trace(self.to_dots(curve.x, cols), self.to_rows(curve.y), 2 * cols, rows)
            keep = _dashes(r.size, curve.plain_pattern if plain else curve.pattern)
            out.append((cells(r[keep], c[keep], self.height, cols), curve.color))
        return out


class Entry:
    """A legend entry: a sample of the line (colour, dash pattern with colour and without), its label."""

    __slots__ = ("label", "color", "pattern", "plain_pattern")

    def __init__(self, label: str, color: str, pattern: str = SOLID, plain_pattern: str = SOLID) -> None:
        self.label, self.color, self.pattern, self.plain_pattern = label, color, pattern, plain_pattern


class TerminalPlot:
    """A plot drawn with braille characters: a rich renderable (``rich.print(plot)``,
    ``console.print(plot)``) that fits the width it is printed at (or ``width`` columns, if less),
    and whose ``str()`` is the plain text (no colour) at ``width`` or 80 columns.

    ``frames`` are stacked and share the x-axis (tick labels under the last); ``title`` above,
    ``legend`` entries and ``notes`` below.
    """

    def __init__(self, frames: Sequence[Frame], *, title: Sequence[tuple[str, str]] = (),
                 legend: Sequence[Entry] = (), notes: Sequence[str] = (), width: int | None = None) -> None:
        self.frames = tuple(frames)
        self.title = tuple(title)  #: (text, style) pieces
        self.legend = tuple(legend)
        self.notes = tuple(notes)
        self.width = width

    def __repr__(self) -> str:
        return f"<TerminalPlot: {len(self.frames)} frame(s), {sum(len(f.curves) for f in self.frames)} curve(s)>"

    def __str__(self) -> str:
        buf = io.StringIO()
        # force_jupyter=False: in a notebook rich would display the plot itself and return nothing
        Console(file=buf, width=self.width or 80, color_system=None, legacy_windows=False,
                force_terminal=False, force_jupyter=False).print(self)
        return buf.getvalue()

    def _repr_pretty_(self, p: object, cycle: bool) -> None:  # IPython shows the plot itself
        p.text(str(self))  # type: ignore[attr-defined]

    def _repr_html_(self) -> str:
        """The plot in colour for a notebook: a ``<pre>`` in a font stack whose braille cells are as wide as
        its digits and box lines (a notebook's own monospace font often lacks braille, and the browser's
        fallback draws it wider, so the curve ran past its frame)."""
        from ..notebook import rich_html

        return rich_html(self, self.width or 80)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        width = min(self.width or options.max_width, options.max_width)
        return Measurement(min(MIN_WIDTH, width), width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = min(self.width or options.max_width, options.max_width)
        plain = console.no_color or console.color_system is None
        for line in self.render(width, plain=plain, encoding=console.encoding):
            if line.no_wrap:  # fits by construction: its segments, without rich's wrapping pass
                yield from line.render(console)
                yield Segment.line()
            else:
                yield line

    def render(self, width: int, *, plain: bool = True, encoding: str = "utf-8") -> list[Text]:
        """The lines of the plot ``width`` columns wide (rich Text; ``plain``: no styles at all), in
        characters that ``encoding`` can hold (braille, or ASCII dots where it has none)."""

        def enc(s: str) -> str:
            return text.for_encoding(s, encoding)

        def style(st: str) -> str:
            return "" if plain else st

        braille = enc("\u2800\u28ff") == "\u2800\u28ff"
        colors = terminal_colors()
        lines: list[Text] = []
        pieces = [(enc(s), style(st)) for s, st in self.title]
        if sum(cell_len(s) for s, _ in pieces) <= width:  # cells: a Chinese character takes two
            lines.extend([Text.assemble(*pieces)] if pieces else [])
        else:  # a line each rather than a break inside one
            lines.extend(Text(s.strip(), style=st, overflow="fold") for s, st in pieces)
        yticks = [self._yticks(f) for f in self.frames]
        margin = max((len(enc(label)) for ticks in yticks for _, label in ticks), default=1)
        cols = max(4, width - margin - 3)
        for n, (frame, ticks) in enumerate(zip(self.frames, yticks)):
            if frame.heading:
                lines.append(Text(enc(frame.heading), style=style("bold")))
            lines.extend(self._frame(frame, ticks, cols, margin, plain, braille, enc, colors))
            xticks = self._xticks(frame, cols, enc)
            bottom = ["─"] * cols
            for cell, _ in xticks:
                bottom[cell] = "┬"
            lines.append(Text(" " * (margin + 1) + enc("└" + "".join(bottom)), style=style(colors["axis"]),
                              no_wrap=True, overflow="crop"))
            if n == len(self.frames) - 1:
                lines.append(Text(self._xlabels(xticks, margin + 2, width), no_wrap=True, overflow="crop"))
        if self.legend:
            lines.extend(self._legend(width, plain, braille, enc))
        lines.extend(Text(enc(note), style=style("dim"), overflow="fold") for note in self.notes)
        return lines

    @staticmethod
    def _frame(frame: Frame, yticks: list[tuple[float, str]], cols: int, margin: int, plain: bool, braille: bool,
               enc: Callable[[str], str], colors: dict[str, str]) -> list[Text]:
        """The rows of one frame: tick label, frame line, cells; a cell takes the colour of the topmost
        layer with a dot in it, and shows the dots of every layer."""
        glyphs = _BRAILLE if braille else _ascii_dots()
        layers = frame.layers(cols, plain, colors)
        codes = np.zeros((frame.height, cols), dtype=np.uint8)
        owner = np.full((frame.height, cols), -1)
        for i, (layer, _) in enumerate(layers):
            codes |= layer
            owner[layer != 0] = i
        styles = [""] + ["" if plain else color for _, color in layers]  # by owner + 1
        at_row: dict[int, str] = {}
        for value, label in yticks:
            row = int(np.floor(frame.to_rows(value) + 0.5)) // 4
            at_row.setdefault(min(max(row, 0), frame.height - 1), label)
        axis = "" if plain else colors["axis"]
        out = []
        for i in range(frame.height):
            line = Text(no_wrap=True, overflow="crop")
            label = at_row.get(i)
            line.append(enc(label or "").rjust(margin) + " ")
            line.append(enc("┤" if label is not None else "│"), style=axis)
            chars = [glyphs[code] for code in codes[i].tolist()]
            runs = np.flatnonzero(np.diff(owner[i])) + 1  # where the owner of the cells changes
            for a, b in zip([0, *runs.tolist()], [*runs.tolist(), cols]):
                line.append("".join(chars[a:b]), style=styles[int(owner[i, a]) + 1])
            out.append(line)
        return out

    def _yticks(self, frame: Frame) -> list[tuple[float, str]]:
        """(value, label) of the y ticks: about one per 3 rows, never two on one row."""
        y0, y1 = frame.ylim
        out: list[tuple[float, str]] = []
        used = set()
        for t in nice_ticks(y0, y1, max(3, frame.height // 3 + 1)):
            row = int(np.floor(frame.to_rows(t) + 0.5)) // 4
            if row not in used:
                used.add(row)
                out.append((t, text.number(t)))
        return out

    @staticmethod
    def _xticks(frame: Frame, cols: int, enc: Callable[[str], str]) -> list[tuple[int, str]]:
        """(cell, label) of the x ticks: the finest round spacing that keeps the labels 2 columns
        apart and the ticks at least 8 columns apart."""
        x0, x1 = frame.xlim
        for count in range(max(2, cols // 8), 1, -1):
            ticks = nice_ticks(x0, x1, count)
            placed = [(int(np.floor(frame.to_dots(t, cols) + 0.5)) // 2, enc(text.number(t))) for t in ticks]
            if all(b[0] - a[0] >= max(8, (len(a[1]) + len(b[1])) / 2 + 2) for a, b in zip(placed, placed[1:])):
                return placed
        return []

    @staticmethod
    def _xlabels(ticks: list[tuple[int, str]], offset: int, width: int) -> str:
        """The x tick labels centred under their ticks (moved in where they would pass an edge)."""
        line = [" "] * width
        end = 0
        for cell, label in ticks:
            start = min(max(offset + cell - (len(label) - 1) // 2, end), width - len(label))
            if start < end or start < 0:
                continue
            line[start:start + len(label)] = list(label)
            end = start + len(label) + 1
        return "".join(line).rstrip()

    def _legend(self, width: int, plain: bool, braille: bool, enc: Callable[[str], str]) -> list[Text]:
        """The legend entries, a sample of each line then its label, packed into lines of ``width``."""
        lines: list[Text] = []
        line = Text(overflow="fold")  # a label longer than the width wraps
        for entry in self.legend:
            pattern = entry.plain_pattern if plain else entry.pattern
            if braille:  # 8 dots along the cells' second row, as the pattern draws them
                on = _dashes(8, pattern).tolist()
                sample = "".join(_BRAILLE[0x02 * on[2 * k] | 0x10 * on[2 * k + 1]] for k in range(4))
            else:
                sample = "".join("-" if on else " " for on in _dashes(6, pattern))
            label = enc(entry.label)
            if line.plain and cell_len(line.plain) + 3 + len(sample) + 1 + cell_len(label) > width:
                lines.append(line)
                line = Text(overflow="fold")
            if line.plain:
                line.append("   ")
            line.append(sample, style="" if plain else entry.color)
            line.append(" " + label)
        if line.plain:
            lines.append(line)
        return lines


# -- the plots of actviz ----------------------------------------------------------------------------


def _labels(bound: Bound) -> tuple[str, str]:
    return ("f₁(x)", "∂f₁/∂x₁") if bound.vector else ("f(x)", "f′(x)")


def plot(bound: Bound, *, derivative: bool = True, window: Window = DEFAULT_WINDOW,
         height: int = HEIGHT, width: int | None = None, title: bool = True) -> TerminalPlot:
    """One activation: f solid in its colour, f′ dashed in grey, dotted asymptotes, axes through 0;
    the y-range fits f, and f′ while it widens it at most 3 times (else f′ is clipped at the frame and
    its legend entry says how far it goes). ``title``: the name, formula and window on top."""
    check_values([bound], window)
    smp = sample(bound, window)
    ylim, df_range = plot_ylim(smp, derivative)
    colors = terminal_colors()
    color = curve_styles([bound.name])[0]["color"]
    label, dlabel = _labels(bound)
    curves = [Curve(smp.x, smp.y, color)]
    legend = [Entry(label, color)]
    if derivative:
        curves.insert(0, Curve(smp.dx, smp.dy, colors["muted"], DASHED, DASHED))
        if df_range is not None:
            dlabel = msg("figure.df_clipped", label=dlabel, lo=text.number(df_range[0]), hi=text.number(df_range[1]))
        legend.append(Entry(dlabel, colors["muted"], DASHED, DASHED))
    frame = Frame(curves, (float(window.xmin), float(window.xmax)), ylim, height, asymptote_spans(bound, smp, ylim),
                  jumps=[k for k, _, _ in smp.jumps])
    if frame.shown_asymptotes():
        legend.append(Entry(msg("figure.asymptote"), colors["muted"], SPARSE, SPARSE))
    head = [(text.heading(bound, plain=True), "bold"), ("   " + text.plain_formula(bound.formula), ""),
            ("   " + text.window(window), "dim")] if title else []
    notes = [vector_note()] if bound.vector else []
    return TerminalPlot([frame], title=head, legend=legend, notes=notes, width=width)


def compare(bounds: Sequence[Bound], *, derivative: bool = True, window: Window = DEFAULT_WINDOW,
            height: int = HEIGHT, width: int | None = None) -> TerminalPlot:
    """Several activations overlaid in their house colours, later ones on top; their derivatives in a
    second frame below (about two thirds as high). A curve that would widen the others' y-range more
    than COMPARE_ROOM times is clipped at the frame and named in a note. Without colour each curve
    gets its own dash pattern (:data:`PATTERNS`)."""
    check_compare_count(len(bounds))
    check_values(bounds, window)
    styles = curve_styles([b.name for b in bounds], dashes=False)
    dashes = list(dict.fromkeys(str(s["linestyle"]) for s in styles))  # repeats of a function: dashed
    samples = [sample(b, window) for b in bounds]
    labels = [text.plain_title(b) + (msg("figure.component1") if b.vector else "") for b in bounds]
    frames = []
    notes = []
    for what, ys, xs in (("f", [s.y for s in samples], [s.x for s in samples]),
                         ("f′", [s.dy for s in samples], [s.dx for s in samples])):
        if what == "f′" and not derivative:
            break
        ylim, clipped = frame_ylim([fit_ylim(y) for y in ys], room=COMPARE_ROOM)
        curves = tuple(
            Curve(x, y, st["color"], PATTERNS[dashes.index(str(st["linestyle"])) % len(PATTERNS)],
                  PATTERNS[i % len(PATTERNS)])
            for i, (x, y, st) in enumerate(zip(xs, ys, styles))
        )
        rows = height if what == "f" else max(MIN_HEIGHT, round(height * 0.65))
        jumps = [k for smp in samples for k, _, _ in smp.jumps] if what == "f" else []
        frames.append(Frame(curves, (float(window.xmin), float(window.xmax)), ylim, rows,
                            heading=(f"{what}(x)" if derivative else ""), jumps=jumps))
        if clipped:
            notes.append(msg("braille.clipped", what=what) + ", ".join(labels[i] for i in clipped))
        coincide = coincide_lines(coincidences(bounds, window, what != "f"), bounds, labels, window, what != "f")
        if coincide:
            notes.append(msg("braille.coincide") + msg("text.list_sep_strong").join(coincide))
    legend = [Entry(label, st["color"], f.pattern, f.plain_pattern)
              for label, st, f in zip(labels, styles, frames[0].curves)]
    names = ", ".join(dict.fromkeys(b.label for b in bounds))
    head = [(names, "bold"), ("   " + text.window(window), "dim")]
    if any(b.vector for b in bounds):
        notes.append(msg("figure.component1_note", note=vector_note()))
    return TerminalPlot(frames, title=head, legend=legend, notes=notes, width=width)
