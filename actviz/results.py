"""What the lessons return through the API: the core's records, each able to draw itself.

The core (:mod:`actviz.lessons`, :mod:`actviz.training`) computes plain records; the API hands them
out as :class:`Results` (a list, one record per activation) or as :class:`SoftmaxResult` and
:class:`LossResult` (subclasses of the core records), which add ``.figure()``. Loaded only when a
lesson runs.
"""

from __future__ import annotations

import dataclasses
import math
from typing import TYPE_CHECKING, Any

from .display import Records, Shown
from .errors import ParameterError
from .lessons import GradientFlow, LossGradients, SoftmaxExample
from .messages import language
from .options import check_dpi, check_theme

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from . import propagation

__all__ = ["Results", "SoftmaxResult", "LossResult", "PhaseDiagram", "figure"]


def figure(result: Any, *, theme: str = "light", dpi: float = 150, lang: str | None = None) -> Figure:
    """The figure of a lesson's result (see :func:`actviz.lesson_figure`)."""
    with language(lang):
        check_theme(theme)
        check_dpi(dpi)
        return _draw(result, theme, dpi)


def _draw(result: Any, theme: str, dpi: float) -> Figure:
    from .render import lessons as figures

    if isinstance(result, SoftmaxExample):
        return figures.softmax_figure(result, theme=theme, dpi=dpi)
    if isinstance(result, LossGradients):
        return figures.loss_figure(result, theme=theme, dpi=dpi)
    if isinstance(result, PhaseDiagram):
        from .render.propagation import phase_figure

        return phase_figure(result, theme=theme, dpi=dpi)
    from . import propagation, training  # here: a result of precision() needs neither

    items = [result] if isinstance(result, (GradientFlow, training.TrainResult, training.ZigzagResult)) else result
    if isinstance(items, (list, tuple)) and items:
        if all(isinstance(f, GradientFlow) for f in items):
            return figures.gradient_figure(list(items), theme=theme, dpi=dpi)
        if all(isinstance(r, training.TrainResult) for r in items):
            from .render.training import train_figure

            return train_figure(list(items), theme=theme, dpi=dpi)
        if all(isinstance(r, propagation.Propagation) for r in items):
            from .render.propagation import propagation_figure

            return propagation_figure(list(items), theme=theme, dpi=dpi)
        from .dtypes import Precision

        if all(isinstance(r, Precision) for r in items):
            from .render.precision import precision_figure

            return precision_figure(list(items), theme=theme, dpi=dpi)
        if all(isinstance(r, training.ZigzagResult) for r in items):
            from .render.training import zigzag_figure

            return zigzag_figure(list(items), theme=theme, dpi=dpi)
    raise ParameterError("lesson_figure takes the result of gradient_flow(), softmax_example(), loss_gradients(), "
                         f"train(), zigzag(), phase(), propagate() or precision(), not {type(result).__name__}")


class _Drawn(Shown):
    """``.figure()`` for a result; ``of(record)`` makes the drawing subclass of a core record. It shows
    itself as :class:`~actviz.display.Shown` says: a short ``repr``, ``str()`` the terminal's table, HTML in
    a notebook, ``to_frame()``."""

    def figure(self, *, theme: str = "light", dpi: float = 150, lang: str | None = None) -> Figure:
        """The lesson's figure of this result (``lang="zh"``: in Chinese)."""
        return figure(self, theme=theme, dpi=dpi, lang=lang)

    @classmethod
    def of(cls, record: Any) -> Any:
        return cls(**{f.name: getattr(record, f.name) for f in dataclasses.fields(record)})


class Results(_Drawn, Records):
    """A lesson's results, one per activation: a list that draws itself with ``.figure()`` and shows
    itself (``str()``: the table; HTML in a notebook; ``to_frame()``)."""


@dataclasses.dataclass(frozen=True, repr=False)
class SoftmaxResult(SoftmaxExample, _Drawn):
    __doc__ = SoftmaxExample.__doc__

    def __repr__(self) -> str:
        return (f"<actviz SoftmaxResult: {len(self.logits)} logits, T = {self.temperature:g}; .probabilities, "
                "str() for the table, .figure()>")


@dataclasses.dataclass(frozen=True, repr=False)
class LossResult(LossGradients, _Drawn):
    __doc__ = LossGradients.__doc__

    def __repr__(self) -> str:
        return (f"<actviz LossResult of {self.bound!r}, target {self.target:g}: {len(self.z)} points z; "
                ".z .a .mse .cross_entropy, str() for the table, .figure()>")


@dataclasses.dataclass(frozen=True, repr=False)
class PhaseDiagram(_Drawn):
    """The order/chaos phase diagram of one activation (:func:`actviz.phase`): the mean-field quantities
    on a (σ_w², σ_b²) grid, the edge of chaos at the σ_b² asked for, and the initialisations marked on it.

    ``grid``: :class:`actviz.propagation.PhaseGrid` (q*, χ₁, ξ_q, c*, ξ_c per cell); ``critical``: one
    :class:`~actviz.propagation.CriticalPoint` per σ_b² asked for (for a ReLU-like φ the edge is one
    point, ``critical[0].edge_is_point``); ``edge``: the edge-of-chaos curve over the grid, arrays
    ``(sigma_w2, sigma_b2)``; ``marks``: :class:`~actviz.propagation.PhasePoint` of the initialisations
    marked (PyTorch's gain, bias-free, where PyTorch has one; yours, where given), ``mark_kinds`` naming
    each (``"torch"``, ``"yours"``). ``.figure()`` draws it; ``to_dict()`` is the json of ``actviz phase``.
    """

    grid: propagation.PhaseGrid
    critical: tuple[propagation.CriticalPoint, ...]
    edge: tuple[Any, Any]
    marks: tuple[propagation.PhasePoint, ...] = ()
    mark_kinds: tuple[str, ...] = ()

    def __repr__(self) -> str:
        return (f"<actviz PhaseDiagram of {self.bound!r}: {len(self.critical)} σ_b² on the edge of chaos; "
                ".critical .grid .edge, str() for the table, .figure()>")

    @property
    def bound(self) -> Any:
        return self.grid.bound

    @property
    def edge_is_point(self) -> bool:
        return any(c.edge_is_point for c in self.critical)

    def _report(self) -> Any:
        from .deep_text import phase_report

        return phase_report(self)

    def to_frame(self) -> Any:
        """The edge of chaos in pandas: one row per σ_b² asked for (``sigma_b2``, ``sigma_w2``, ``q_star``)."""
        from .display import require_pandas

        pd = require_pandas()
        return pd.DataFrame({"name": [self.bound.name] * len(self.critical),
                             "sigma_b2": [c.sigma_b2 for c in self.critical],
                             "sigma_w2": [c.sigma_w2 for c in self.critical],
                             "q_star": [c.q_star for c in self.critical]})

    def to_dict(self) -> dict[str, Any]:
        out = self.grid._record()
        out["edge_is_point"] = self.edge_is_point
        out["critical"] = [{"sigma_b2": c.sigma_b2, "sigma_w2": c.sigma_w2 if math.isfinite(c.sigma_w2) else None,
                            "q_star": c.q_star} for c in self.critical]
        out["marks"] = [{"kind": kind, **{k: v for k, v in m.to_dict().items() if k not in ("name", "params")}}
                        for kind, m in zip(self.mark_kinds, self.marks)]
        return out
