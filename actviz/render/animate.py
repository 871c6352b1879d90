"""Sweeps: one parameter moved over the frames of an animation, with fixed axes and a shared palette.

:func:`plan` checks a sweep before any work (the parameter exists for every spec and is a number, every
frame's value is valid, every curve is drawable) and samples every frame; :func:`render` draws the
frames once each: the static parts (axes, grid, ticks, legend) are drawn once and restored for every
frame (blitting), the trail of earlier curves is added to that background as the sweep goes, and only
the moving artists are drawn per frame. The moving curves are drawn without antialiasing and f′ is
dashed by x, not along its path: a frame then differs from the one before only where a curve moved,
in the palette's own colours, which keeps a GIF of 40 frames at a third of matplotlib's size. :func:`write` turns the frames into a file by its suffix: GIF
(one palette shared by all frames, built from the house colours), animated PNG, WebP, a small HTML
player, or MP4 (through ffmpeg, where it is installed). The same frames give the same bytes.

The facts in the readout come from each frame's :class:`~actviz.properties.Properties` and are worded
by :mod:`actviz.text`; nothing is derived here.
"""

from __future__ import annotations

import base64
import html
import io
import math
import shutil
import subprocess
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .. import text
from ..catalog import REGISTRY
from ..errors import ActvizError, ParameterError
from ..errors import option as opt
from ..messages import is_chinese, msg
from ..options import Sweep, Window
from ..spec import Bound
from .sampling import VECTOR_EXAMPLE, Sample, check_values, fit_ylim, plot_ylim, sample

__all__ = ["Plan", "Animation", "plan", "render", "write", "palette", "TRAIL"]

#: the most earlier curves the trail keeps (evenly spaced over the sweep)
TRAIL = 6


@dataclass(frozen=True)
class Plan:
    """A checked sweep: the bound activations of every frame (``frames[i][j]``: frame i, spec j) and
    their samples on the window (vector functions: none, they are drawn as bars)."""

    sweep: Sweep
    window: Window
    frames: tuple[tuple[Bound, ...], ...]
    samples: tuple[tuple[Sample | None, ...], ...]
    derivative: bool = True

    @property
    def vector(self) -> bool:
        return self.frames[0][0].vector


def plan(bounds: Sequence[Bound], sweep: Sweep, window: Window, *, derivative: bool = True) -> Plan:
    """Check ``sweep`` against every spec and sample every frame; an error names what is wrong and what
    would be right, before anything is drawn or written."""
    if not bounds:
        raise ParameterError("animate needs at least one activation, e.g. animate('elu', param='alpha=0.1:2:40')")
    for b in bounds:
        param = b.act.param(sweep.name)  # an unknown parameter: the error names the ones the function has
        if param.is_choice:
            raise ParameterError(f"{opt('param')} {sweep.name} of {b.label} is a choice ({param.domain}), not a number: "
                                 "sweep a numeric parameter")
        if sweep.name in b.non_defaults and b.act.origin in REGISTRY:  # an expression's spec declares it
            raise ParameterError(f"{sweep.name} is given twice (in {text.spec_label(b)} and as the swept "
                                 f"{opt('param')}): drop it from the spec")
    kinds = {b.vector for b in bounds}
    if len(kinds) > 1:
        raise ParameterError("animate draws vector functions (softmax) as bars and the others as curves: "
                             "animate them separately")
    frames = []
    for value in sweep.values:
        row = []
        for b in bounds:
            try:
                row.append(b.bind({sweep.name: value}))
            except ActvizError as exc:
                raise ParameterError(f"{opt('param')} {sweep.text} leaves what {b.label} accepts at {sweep.name} = "
                                     f"{text.number(value)}: {exc}") from None
        frames.append(tuple(row))
    samples = []
    for row in frames:
        if row[0].vector:
            samples.append(tuple(None for _ in row))
            continue
        check_values(row, window)
        with np.errstate(all="ignore"):
            samples.append(tuple(sample(b, window) for b in row))
    return Plan(sweep, window, tuple(frames), tuple(samples), derivative)


# -- the readout ----------------------------------------------------------------------------------------


def readout(bound: Bound) -> str:
    """The facts of ``bound`` that a sweep moves, in words: range, minimum (and where), continuity class."""
    p = bound.properties()
    low = p.low
    if not p.range_decided:
        least = msg("animate.min_undecided")
    elif not low.bounded:
        least = msg("animate.no_min")
    elif low.closed and low.at is not None:
        least = msg("animate.min_at", value=text.number(low.value), at=text.number(low.at))
    else:  # the range shows the infimum
        least = msg("animate.inf")
    return msg("animate.readout", range=text.range_set(p), least=least, smooth=text.continuity(p.continuity_order))


def frame_title(row: Sequence[Bound], sweep: Sweep) -> str:
    """One activation: its heading (the swept value among its parameters); several: their names and the
    swept parameter's value."""
    if len(row) == 1:
        return text.heading(row[0])
    param = row[0].act.param(sweep.name)
    if not param.symbol:
        symbol = sweep.name
    else:  # mathtext only where the title may hold it (a Chinese figure keeps it out: t_l, not $t_l$)
        symbol = text.plain_formula(param.symbol) if is_chinese() else text.symbol_text(param.symbol)
    shown = text.powers(text.value(row[0].params[sweep.name]), plain=is_chinese())
    return msg("animate.title_many", names=", ".join(b.label for b in row), param=f"{symbol} = {shown}")


# -- the frames ------------------------------------------------------------------------------------------


def _ylim(p: Plan) -> tuple[float, float]:
    """One y-range for the whole sweep: the union of each frame's plot range (f, and f′ where it does
    not swamp f)."""
    lo, hi = math.inf, -math.inf
    for row in p.samples:
        for smp in row:
            (a, b), _ = plot_ylim(smp, p.derivative)
            lo, hi = min(lo, a), max(hi, b)
    return lo, hi


def _bar_values(p: Plan) -> np.ndarray:
    """Outputs of every vector function for the example logits, frame by frame: (frames, specs, logits)."""
    z = np.asarray(VECTOR_EXAMPLE, dtype=np.float64)
    return np.array([[np.asarray(b(z), dtype=np.float64) for b in row] for row in p.frames])


def _fit(artist: Any, texts: Sequence[str], room: float, renderer: Any, *, smallest: float = 5.0) -> None:
    """Shrink ``artist``'s font so that the widest of ``texts`` fits ``room`` pixels (never below ``smallest``
    points); it keeps the last text measured's size otherwise unchanged."""
    widest = 0.0
    for shown in dict.fromkeys(texts):
        artist.set_text(shown)
        widest = max(widest, artist.get_window_extent(renderer).width)
    artist.set_text(texts[0])
    if widest > room:
        artist.set_fontsize(max(smallest, artist.get_fontsize() * room / widest))


def _dashed(x: np.ndarray, y: np.ndarray, period: float) -> tuple[np.ndarray, np.ndarray]:
    """f′ dashed by x: every other ``period``-wide slice of x left out (a NaN breaks the line). A dash
    pattern along the path would shift wherever the curve before it changes length; dashes fixed in x
    stay still where f′ does, so a frame changes only where the curve moves (and its GIF is small)."""
    phase = np.floor(x / period)
    keep = (phase % 3) != 2  # two slices drawn, one left out
    return x, np.where(keep, y, np.nan)


def render(p: Plan, *, size: tuple[float, float], dpi: float, theme: str = "light") -> list[np.ndarray]:
    """Every frame of the sweep as an RGB array (height, width, 3), each drawn once."""
    from .figures import PLOT_SIZE, _inches, _margins, figure_legend, plain_ticks, scale_for
    from .style import curve_styles, mix, new_figure, theme_colors, themed

    width, height = size
    scale = scale_for(size, PLOT_SIZE)
    k = scale.k
    colors = theme_colors(theme)
    first = p.frames[0]
    styles = curve_styles([b.name for b in first], theme)
    import matplotlib

    # no path simplification: it merges segments from wherever the curve starts, so a change on the left
    # would move the pixels of an unchanged right-hand part (and every frame of a GIF would grow)
    with themed(theme, k, scale.floor), matplotlib.rc_context({"path.simplify": False}):
        fig = new_figure(size, dpi)
        canvas = fig.canvas
        renderer = canvas.get_renderer()
        # every frame's title and readout, worded once; each line's font fits its widest frame in the width
        titles = [frame_title(row, p.sweep) for row in p.frames]
        prefixes = ["" if len(first) == 1 else f"{b.label}: " for b in first]
        readouts = [[prefix + readout(b) for prefix, b in zip(prefixes, row)] for row in p.frames]
        room = (width - 0.2 * k) * dpi
        top = height - 0.1 * k
        title = fig.text(0.5, top / height, titles[0], ha="center", va="top", fontsize=max(13.0 * k, 9.0),
                         fontweight="bold", animated=True, gid="title")
        _fit(title, titles, room, renderer)
        top -= (title.get_fontsize() * 1.45) / 72.0
        lines = []
        for j, style in enumerate(styles):
            t = fig.text(0.5, top / height, readouts[0][j], ha="center", va="top", fontsize=max(9.0 * k, 7.0),
                         color=style["color"] if len(first) > 1 else colors["muted"], animated=True, gid="readout")
            _fit(t, [r[j] for r in readouts], room, renderer)
            lines.append(t)
            top -= (t.get_fontsize() * 1.4) / 72.0
        left, bottom = _margins(k, scale.floor)
        right = 0.3 * k
        ax = fig.add_axes((0, 0, 1, 1))
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.tick_params(length=3.5, width=0.7)
        moving: list[Any] = []
        trails: list[Any] = []
        handles: list[Any] = []
        if p.vector:
            values = _bar_values(p)
            z = np.asarray(VECTOR_EXAMPLE, dtype=np.float64)
            idx = np.arange(z.size)
            n = len(first)
            w = 0.8 / (n + 1)
            ax.bar(idx - 0.4 + w / 2, z, w, color=colors["muted"], alpha=0.55, label=msg("figure.bar_input"), zorder=2)
            bars = []
            for j, (b, style) in enumerate(zip(first, styles)):
                rects = ax.bar(idx - 0.4 + w * (j + 1.5), values[0, j], w, color=style["color"], zorder=2,
                               label=msg("figure.bar_output", label=b.label), animated=True)
                bars.append(rects)
                moving.extend(rects)
            lo, hi = fit_ylim(z, values.ravel(), include=(0.0,), pad=0.12)
            ax.set_xticks(idx, [f"$x_{i + 1}$" for i in idx])
            ax.axhline(0.0, linewidth=0.9, color=colors["axis"], zorder=1.5)
            ax.set_xlim(-0.6, z.size - 0.4)
            ax.set_ylim(lo, hi)
            ax.grid(axis="x", visible=False)
        else:
            from matplotlib.lines import Line2D

            from .draw import draw_origin_axes

            fs, dfs, jumps_f = [], [], []
            for b, style in zip(first, styles):
                color = style["color"]
                label = "f(x)" if len(first) == 1 else f"{b.label}"
                fs.append(ax.plot([], [], color=color, linestyle=style["linestyle"], linewidth=2.0, zorder=3,
                                  label=label, animated=True, antialiased=False, gid="f")[0])
                handles.append(fs[-1])
                if p.derivative:
                    dlabel = "f\u2032(x)" if len(first) == 1 else f"{b.label}\u2032"
                    dcolor = color if len(first) > 1 else colors["muted"]
                    dfs.append(ax.plot([], [], color=dcolor, linewidth=1.5, zorder=2.6, animated=True, antialiased=False,
                                       solid_capstyle="butt", gid="df")[0])
                    handles.append(Line2D([], [], color=dcolor, linestyle=(0, (4.0, 2.2)), linewidth=1.5, label=dlabel))
                jumps_f.append((ax.plot([], [], color=color, linestyle="none", marker="o", markersize=5.2, zorder=4,
                                        animated=True, gid="jump")[0],
                                ax.plot([], [], color=color, linestyle="none", marker="o", markersize=5.2,
                                        markerfacecolor=colors["background"], markeredgecolor=color,
                                        markeredgewidth=1.4, zorder=4, animated=True, gid="jump")[0]))
                trails.append(mix(color, colors["background"], 0.72))
            moving.extend(fs + dfs + [m for pair in jumps_f for m in pair])
            draw_origin_axes(ax, colors["axis"])
            ax.set_autoscale_on(False)
            ax.set_xlim(p.window.xmin, p.window.xmax)
            ax.set_ylim(*_ylim(p))
            ax.set_xlabel(first[0].act.axis or "x")
        if p.vector:
            handles = ax.get_legend_handles_labels()[0]
        legend_bottom = figure_legend(fig, handles, top - 0.02 * k, renderer)
        ax.set_position(_inches(fig, left, bottom, width - left - right, max(legend_bottom - 0.08 * k - bottom, 0.5)))
        plain_ticks(ax)
        canvas.draw()  # the static parts, once
        background = canvas.copy_from_bbox(fig.bbox)
        n_frames = len(p.frames)
        step = max(1, math.ceil(n_frames / TRAIL))
        dash = (p.window.xmax - p.window.xmin) / 120.0
        out = []
        for i in range(len(p.frames)):
            canvas.restore_region(background)
            title.set_text(titles[i])
            fig.draw_artist(title)
            for t, shown in zip(lines, readouts[i]):
                t.set_text(shown)
                fig.draw_artist(t)
            if p.vector:
                for j, rects in enumerate(bars):
                    for rect, v in zip(rects, values[i, j]):
                        rect.set_height(v)
                        ax.draw_artist(rect)
            else:
                for j, smp in enumerate(p.samples[i]):
                    fs[j].set_data(smp.x, smp.y)
                    ax.draw_artist(fs[j])
                    if p.derivative:
                        dfs[j].set_data(*_dashed(smp.dx, smp.dy, dash))
                        ax.draw_artist(dfs[j])
                    on, off = jumps_f[j]
                    on.set_data([jp[0] for jp in smp.jumps], [jp[1] for jp in smp.jumps])
                    off.set_data([jp[0] for jp in smp.jumps], [jp[2] for jp in smp.jumps])
                    if smp.jumps:
                        ax.draw_artist(on)
                        ax.draw_artist(off)
            out.append(np.asarray(canvas.buffer_rgba())[..., :3].copy())
            if not p.vector and i % step == 0 and i < n_frames - 1:  # this curve joins the trail
                canvas.restore_region(background)
                for j, smp in enumerate(p.samples[i]):
                    ghost = ax.plot(smp.x, smp.y, color=trails[j], linewidth=1.0, zorder=1.8, animated=True,
                                    gid="trail")[0]
                    ax.draw_artist(ghost)
                    ghost.remove()
                background = canvas.copy_from_bbox(fig.bbox)
    return out


# -- the palette -----------------------------------------------------------------------------------------


def palette(p: Plan, theme: str) -> np.ndarray:
    """The GIF's one palette, shared by every frame (uint8, (n, 3), at most 256): the theme's colours and the
    curves' house colours, each also blended with the background in steps (the edges of antialiased
    lines and text), and the trail's faint shades."""
    from matplotlib.colors import to_rgb

    from .style import _THEME_RC, curve_styles, mix, theme_colors

    colors = theme_colors(theme)
    rc = _THEME_RC[theme]
    bg = colors["background"]
    inks = [colors["ink"], colors["muted"], colors["grid"], colors["axis"], rc["axes.edgecolor"], rc["legend.edgecolor"],
            rc["legend.facecolor"], mix(colors["muted"], bg, 0.45)]
    for style in curve_styles([b.name for b in p.frames[0]], theme):
        inks.append(style["color"])
        inks.append(mix(style["color"], bg, 0.72))  # the trail
    entries = [bg]
    steps = (1 / 3, 2 / 3)
    for ink in dict.fromkeys(inks):
        entries.append(ink)
        entries.extend(mix(ink, bg, s) for s in steps)
    unique = list(dict.fromkeys(e.lower() for e in entries))[:256]
    return np.array([[round(c * 255) for c in to_rgb(e)] for e in unique], dtype=np.uint8)


def _lookup(pal: np.ndarray) -> np.ndarray:
    """For every colour at 5 bits a channel, the index of the nearest palette entry (uint8, 32768)."""
    levels = (np.arange(32, dtype=np.float64) * 8 + 4)
    r, g, b = np.meshgrid(levels, levels, levels, indexing="ij")
    grid = np.stack([r.ravel(), g.ravel(), b.ravel()], axis=1)
    weights = np.array([0.30, 0.59, 0.11])  # nearest as the eye sees it: green counts most
    best = np.zeros(grid.shape[0], dtype=np.uint8)
    dist = np.full(grid.shape[0], np.inf)
    for i, c in enumerate(pal.astype(np.float64)):
        d = ((grid - c) ** 2 * weights).sum(axis=1)
        closer = d < dist
        best[closer] = i
        dist[closer] = d[closer]
    return best


def indexed(frames: Sequence[np.ndarray], pal: np.ndarray) -> list[np.ndarray]:
    """Each RGB frame as indices into ``pal`` (the nearest entry, via a 5-bit lookup table)."""
    lut = _lookup(pal)
    out = []
    for f in frames:
        key = ((f[..., 0].astype(np.uint16) >> 3) << 10) | ((f[..., 1].astype(np.uint16) >> 3) << 5) | (f[..., 2] >> 3)
        out.append(lut[key])
    return out


# -- the files -------------------------------------------------------------------------------------------


@dataclass
class Animation:
    """The frames of a sweep, in the order they play (``--pingpong``: there and back) and how long each
    shows (milliseconds): :meth:`save` writes them; in Jupyter they play inline."""

    frames: list[np.ndarray]
    durations: list[int]
    palette: np.ndarray
    title: str = ""
    values: tuple[float, ...] = field(default=())
    dpi: float = 100.0

    def __len__(self) -> int:
        return len(self.frames)

    def __repr__(self) -> str:
        h, w = self.frames[0].shape[:2]
        return f"<Animation {self.title!r}: {len(self.frames)} frames, {w}×{h} px, {sum(self.durations) / 1000:g} s>"

    def to_bytes(self, fmt: str) -> bytes:
        """The file's bytes for format ``fmt`` (gif, apng, webp, html; mp4 needs ffmpeg)."""
        buffer = io.BytesIO()
        write(self, fmt, buffer)
        return buffer.getvalue()

    def save(self, path: Any) -> Path:
        """Write the animation to ``path`` (format by suffix), atomically; return the path."""
        from ..options import ANIMATION_FORMATS, check_output
        from .save import _atomic

        target = check_output(path, formats=ANIMATION_FORMATS)
        fmt = ANIMATION_FORMATS[target.suffix.lower()]
        check_format_available(fmt)
        return _atomic(target, lambda fh: write(self, fmt, fh))

    def _repr_html_(self) -> str:
        return player_html(self, standalone=False)


def timing(n: int, fps: int, hold: float, pingpong: bool) -> tuple[list[int], list[int]]:
    """(frame order, milliseconds each shows): ``fps`` frames a second, the first and last held ``hold``
    seconds longer; ``pingpong``: back again without repeating the ends. Durations are whole
    hundredths of a second (GIF's unit), so every format plays the same timing."""
    order = list(range(n)) + (list(range(n - 2, 0, -1)) if pingpong else [])
    tick = max(2, round(100 / fps)) * 10
    held = round(hold * 100) * 10
    durations = [tick + (held if i in (0, n - 1) else 0) for i in order]
    return order, durations


def assemble(rgb: list[np.ndarray], pal: np.ndarray, *, fps: int, hold: float, pingpong: bool, title: str,
             values: tuple[float, ...], dpi: float) -> Animation:
    order, durations = timing(len(rgb), fps, hold, pingpong)
    return Animation([rgb[i] for i in order], durations, pal, title, tuple(values[i] for i in order), dpi)


def check_format_available(fmt: str) -> None:
    """MP4 needs ffmpeg; WebP needs Pillow built with it: a one-line error where they are missing."""
    if fmt == "mp4" and shutil.which("ffmpeg") is None:
        raise ActvizError(".mp4 needs ffmpeg, which is not installed here: install ffmpeg, or write .gif, .png "
                          "(animated), .webp or .html")
    if fmt == "webp":
        from PIL import features

        if not features.check("webp"):
            raise ActvizError(".webp needs Pillow built with WebP, which this one is not: write .gif or .png (animated)")


def _images(a: Animation) -> list[Any]:
    from PIL import Image

    flat = a.palette.ravel().tolist()
    images = []
    for idx in indexed(a.frames, a.palette):
        im = Image.fromarray(idx, mode="P")
        im.putpalette(flat)
        images.append(im)
    return images


def _gif(a: Animation, fh: Any) -> None:
    """One global palette (no frame carries its own) with one extra entry, transparent: each frame after the
    first keeps only the pixels that changed and is transparent elsewhere (disposal 1: the previous frame
    stays), so the LZW data of a frame is mostly one long run."""
    from PIL import Image

    clear = len(a.palette)
    if clear >= 256:  # pragma: no cover - the palette has far fewer colours
        raise ActvizError("the GIF palette is full")
    spare = np.array([[0, 255, 0]], dtype=np.uint8)  # never drawn: it only marks "unchanged"
    flat = np.vstack([a.palette, spare]).ravel().tolist()
    images, previous = [], None
    for idx in indexed(a.frames, a.palette):
        shown = idx if previous is None else np.where(idx == previous, np.uint8(clear), idx)
        previous = idx
        im = Image.fromarray(shown, mode="P")
        im.putpalette(flat)
        images.append(im)
    images[0].save(fh, format="GIF", save_all=True, append_images=images[1:], duration=a.durations, loop=0,
                   optimize=False, disposal=1, transparency=clear, palette=bytes(flat))  # palette: global only


def write(a: Animation, fmt: str, fh: Any) -> None:
    """Write ``a`` as ``fmt`` to the binary file ``fh``."""
    from PIL import Image

    if fmt == "gif":
        _gif(a, fh)
    elif fmt == "apng":
        images = _images(a)
        images[0].save(fh, format="PNG", save_all=True, append_images=images[1:], duration=a.durations, loop=0,
                       disposal=0, blend=0, optimize=False, compress_level=9)
    elif fmt == "webp":
        images = [Image.fromarray(f, mode="RGB") for f in a.frames]
        images[0].save(fh, format="WEBP", save_all=True, append_images=images[1:], duration=a.durations, loop=0,
                       lossless=True, quality=80, method=4, minimize_size=False, allow_mixed=False)
    elif fmt == "html":
        fh.write(player_html(a, standalone=True).encode("utf-8"))
    elif fmt == "mp4":
        _mp4(a, fh)
    else:  # pragma: no cover - the suffixes are checked before
        raise ActvizError(f"unknown animation format {fmt!r}")


def _mp4(a: Animation, fh: Any) -> None:
    """H.264 through ffmpeg: constant frame rate (a held frame is repeated), one thread and bit-exact
    flags, so the same frames give the same bytes with the same ffmpeg."""
    import tempfile

    h, w = a.frames[0].shape[:2]
    tick = min(a.durations)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.mp4"
        cmd = ["ffmpeg", "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{w}x{h}",
               "-r", f"{1000 / tick:g}", "-i", "-", "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2", "-c:v", "libx264",
               "-pix_fmt", "yuv420p", "-threads", "1", "-fflags", "+bitexact", "-flags:v", "+bitexact",
               "-map_metadata", "-1", "-movflags", "+faststart", str(out)]
        raw = b"".join(f.tobytes() * max(1, round(d / tick)) for f, d in zip(a.frames, a.durations))
        done = subprocess.run(cmd, input=raw, capture_output=True, check=False)
        if done.returncode != 0:
            raise ActvizError(f"ffmpeg could not write the MP4: {done.stderr.decode(errors='replace').strip()[:200]}")
        fh.write(out.read_bytes())


def player_html(a: Animation, *, standalone: bool) -> str:
    """A small player: the frames as palette PNGs, a play/pause button, a slider to scrub (arrow keys
    step), the frame's value; no script or file from elsewhere. ``standalone``: a whole page."""
    shown = []
    seen: dict[int, int] = {}
    order = []
    for im, f in zip(_images(a), a.frames):
        key = zlib.crc32(f.tobytes())
        if key not in seen:  # pingpong repeats frames: each is embedded once
            buffer = io.BytesIO()
            im.save(buffer, format="PNG", optimize=True)
            seen[key] = len(shown)
            shown.append("data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii"))
        order.append(seen[key])
    h, w = a.frames[0].shape[:2]
    import json

    # the first frame is the img's own src (shown without scripts too), not repeated in the data
    data = json.dumps({"src": [None, *shown[1:]], "order": order, "ms": a.durations}, separators=(",", ":"))
    uid = f"actviz-anim-{zlib.crc32(data.encode()):08x}" if not standalone else "actviz-anim"
    title = html.escape(a.title)
    body = f"""<div id="{uid}" class="actviz-player" style="max-width:{w}px;font:14px system-ui,sans-serif">
<img alt="{title}" width="{w}" height="{h}" style="width:100%;height:auto;display:block" src="{shown[0]}">
<div style="display:flex;gap:.5em;align-items:center;margin-top:.3em">
<button type="button" aria-label="{html.escape(msg('animate.pause'))}">{html.escape(msg('animate.pause'))}</button>
<input type="range" min="0" max="{len(order) - 1}" value="0" style="flex:1" aria-label="{html.escape(msg('animate.frame'))}">
</div></div>
<script>(function(){{var d={data};var r=document.getElementById("{uid}"),img=r.querySelector("img"),
b=r.querySelector("button"),s=r.querySelector("input"),i=0,t=null;d.src[0]=img.src;var play="{msg('animate.play')}",pause="{msg('animate.pause')}";
function show(k){{i=k;img.src=d.src[d.order[k]];s.value=k;}}
function tick(){{show((i+1)%d.order.length);t=setTimeout(tick,d.ms[i]);}}
function stop(){{clearTimeout(t);t=null;b.textContent=play;b.setAttribute("aria-label",play);}}
function go(){{b.textContent=pause;b.setAttribute("aria-label",pause);t=setTimeout(tick,d.ms[i]);}}
b.onclick=function(){{t?stop():go();}};s.oninput=function(){{stop();show(+s.value);}};go();}})();</script>"""
    if not standalone:
        return body
    lang = "zh" if is_chinese() else "en"
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1"><title>{title}</title></head>'
            f'<body style="margin:1em">\n{body}\n</body></html>\n')
