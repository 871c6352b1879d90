"""The figure of a gated unit as a function of two inputs: the map f(gate, up) and slices at chosen up.

Left, f over the (gate, up) plane as a colour map centred on 0 (a diverging colormap, so the sign reads
at a glance), with contour lines, and the unit's clamps drawn as dashed lines (gate = limit, up = ±limit,
and for vLLM's step clamp the gate where act reaches its limit); right, f(gate, up = u) for each chosen u,
in the house colours. The title names the unit and its moments under independent N(0, 1) inputs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from .. import text
from ..messages import msg
from .style import PALETTE, theme_colors, themed

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

    from ..gated_units import Unit

__all__ = ["two_input_figure", "SIZE"]

SIZE = (10.0, 4.6)


def _span(unit: Unit) -> float:
    """Half the width of the plane shown: 5, or past the clamps (gpt-oss's 7: 10)."""
    return max([5.0, *(1.4 * v for v in unit.limits)])


def two_input_figure(unit: Unit, ups: Sequence[float], moments: tuple[float, float], *, theme: str = "light",
                     dpi: float = 150, points: int = 301) -> Figure:
    """The map of ``unit`` over the (gate, up) plane and its slices at each of ``ups``."""
    from matplotlib import colors as mcolors

    from .figures import make_figure

    colors = theme_colors(theme)
    half = _span(unit)
    g = np.linspace(-half, half, points)
    u = np.linspace(-half, half, points)
    G, U = np.meshgrid(g, u)
    F = unit(G, U)
    with themed(theme):
        fig = make_figure(SIZE, dpi)
        mean, var = moments
        fig.suptitle(msg("two_input.title", name=unit.name, mean=text.number(mean), variance=text.number(var)),
                     fontsize=13, fontweight="bold")
        ax = fig.add_axes((0.07, 0.13, 0.38, 0.72))
        cax = fig.add_axes((0.46, 0.13, 0.012, 0.72))
        bound = float(np.max(np.abs(F[np.isfinite(F)]))) or 1.0
        norm = mcolors.TwoSlopeNorm(vcenter=0.0, vmin=-bound, vmax=bound)
        mesh = ax.pcolormesh(G, U, F, cmap="RdBu_r", norm=norm, shading="auto", rasterized=True)
        levels = np.linspace(-bound, bound, 13)[1:-1]
        ax.contour(G, U, F, levels=levels, colors=colors["ink"], linewidths=0.5, alpha=0.5)
        fig.colorbar(mesh, cax=cax).set_label(msg("two_input.value"))
        clamp = colors["ink"]
        drawn = False
        if unit.gate_limit is not None:
            ax.axvline(unit.gate_limit, color=clamp, linestyle="--", linewidth=1.2, gid="clamp-gate")
            drawn = True
        if unit.act_limit is not None:
            ax.axvline(unit.gate_breaks()[-1], color=clamp, linestyle="--", linewidth=1.2, gid="clamp-act")
            drawn = True
        if unit.up_limit is not None:
            for y in (-unit.up_limit, unit.up_limit):
                ax.axhline(y, color=clamp, linestyle="--", linewidth=1.2, gid="clamp-up")
            drawn = True
        for i, value in enumerate(ups):
            ax.axhline(value, color=PALETTE[i % len(PALETTE)], linewidth=1.0, linestyle=":")
        ax.set_xlabel(msg("two_input.gate"))
        ax.set_ylabel(msg("two_input.up"))
        ax.set_xlim(-half, half)
        ax.set_ylim(-half, half)
        if drawn:
            ax.text(0.02, 0.02, msg("two_input.clamps"), transform=ax.transAxes, fontsize="small",
                    color=colors["ink"], va="bottom", ha="left",
                    bbox={"facecolor": colors["background"], "alpha": 0.8, "edgecolor": "none"})
        sx = fig.add_axes((0.61, 0.13, 0.25, 0.72))
        for i, value in enumerate(ups):
            sx.plot(g, unit(g, value), color=PALETTE[i % len(PALETTE)], linewidth=2.0,
                    label=msg("two_input.slice", up=text.number(value)))
        sx.axhline(0, color=colors["axis"], linewidth=0.8)
        sx.axvline(0, color=colors["axis"], linewidth=0.8)
        if unit.gate_limit is not None:
            sx.axvline(unit.gate_limit, color=clamp, linestyle="--", linewidth=1.0)
        sx.set_xlabel(msg("two_input.gate"))
        sx.set_ylabel(msg("two_input.f"))
        sx.set_xlim(-half, half)
        for side in ("top", "right"):
            sx.spines[side].set_visible(False)
        sx.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), frameon=False, fontsize="small")
    return fig
