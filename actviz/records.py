"""What every per-activation result of the core has in common: it carries its bound activation; and the
one check that an activation is element-wise (a unit's output depends on its own input only).

A leaf of the core (only typing imports), so that the lessons, the training and the signal
propagation can all build on it without importing one another.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import ParameterError

if TYPE_CHECKING:  # pragma: no cover
    from .spec import Bound, Value

__all__ = ["OfActivation", "check_elementwise"]


class OfActivation:
    """A lesson's result for one activation (its dataclass field ``bound``): the name and the
    non-default parameters come from it, and :meth:`_record` starts the JSON record with them."""

    bound: Bound

    @property
    def name(self) -> str:
        return self.bound.name

    @property
    def params(self) -> dict[str, Value]:
        """The non-default parameters."""
        return self.bound.non_defaults

    def _record(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name}
        if self.params:
            out["params"] = dict(self.params)
        return out


def check_elementwise(bound: Bound, lesson: str) -> None:
    """Refuse a vector-valued activation (softmax family) for a per-unit lesson."""
    if bound.vector:
        raise ParameterError(
            f"{bound.name} is vector-valued (each output depends on the whole layer, its Jacobian is not "
            f"diagonal), so {lesson} needs an element-wise activation; see 'actviz softmax' for {bound.name}"
        )
