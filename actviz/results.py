"""What the lessons return through the API: the core's records, each able to draw itself.

The core (:mod:`actviz.lessons`, :mod:`actviz.training`) computes plain records; the API hands them
out as :class:`Results` (a list, one record per activation) or as :class:`SoftmaxResult` and
:class:`LossResult` (subclasses of the core records), which add ``.figure()``. Loaded only when a
lesson runs.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from . import training
from .errors import ParameterError
from .lessons import GradientFlow, LossGradients, SoftmaxExample
from .messages import language
from .options import check_dpi, check_theme

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["Results", "SoftmaxResult", "LossResult", "figure"]


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
    items = [result] if isinstance(result, (GradientFlow, training.TrainResult, training.ZigzagResult)) else result
    if isinstance(items, (list, tuple)) and items:
        if all(isinstance(f, GradientFlow) for f in items):
            return figures.gradient_figure(list(items), theme=theme, dpi=dpi)
        if all(isinstance(r, training.TrainResult) for r in items):
            from .render.training import train_figure

            return train_figure(list(items), theme=theme, dpi=dpi)
        if all(isinstance(r, training.ZigzagResult) for r in items):
            from .render.training import zigzag_figure

            return zigzag_figure(list(items), theme=theme, dpi=dpi)
    raise ParameterError("lesson_figure takes the result of gradient_flow(), softmax_example(), loss_gradients(), "
                         f"train() or zigzag(), not {type(result).__name__}")


class _Drawn:
    """``.figure()`` for a result; ``of(record)`` makes the drawing subclass of a core record."""

    def figure(self, *, theme: str = "light", dpi: float = 150, lang: str | None = None) -> Figure:
        """The lesson's figure of this result (``lang="zh"``: in Chinese)."""
        return figure(self, theme=theme, dpi=dpi, lang=lang)

    @classmethod
    def of(cls, record: Any) -> Any:
        return cls(**{f.name: getattr(record, f.name) for f in dataclasses.fields(record)})


class Results(_Drawn, list):
    """A lesson's results, one per activation: a list that draws itself with ``.figure()``."""


@dataclasses.dataclass(frozen=True)
class SoftmaxResult(SoftmaxExample, _Drawn):
    __doc__ = SoftmaxExample.__doc__


@dataclasses.dataclass(frozen=True)
class LossResult(LossGradients, _Drawn):
    __doc__ = LossGradients.__doc__
