"""actviz: plot, compare, tabulate and explain the activation functions of neural networks.

>>> import actviz
>>> act = actviz.get("elu")
>>> float(act(-50.0, alpha=2.0))
-2.0
"""

from __future__ import annotations

from ._version import __version__
from .catalog import FAMILIES, REGISTRY
from .errors import ActvizError, ParameterError, UnknownActivationError
from .spec import Activation, Param

__all__ = [
    "get", "names", "families", "Activation", "Param", "Properties",
    "ActvizError", "UnknownActivationError", "ParameterError", "__version__",
]


def get(name: str) -> Activation:
    """The activation called ``name`` (canonical name or alias; case, '-' and '_' are ignored)."""
    return REGISTRY[name]


def names(family: str | None = None) -> list[str]:
    """Canonical names in catalogue order, optionally of one family."""
    if family is None:
        return REGISTRY.names()
    return [act.name for act in REGISTRY.family(family)]


def families() -> dict[str, str]:
    """Family name -> heading, in catalogue order."""
    return dict(FAMILIES)


def __getattr__(name: str):  # Properties lives in analysis, which is imported only on use
    if name == "Properties":
        from .analysis import Properties

        return Properties
    raise AttributeError(f"module 'actviz' has no attribute {name!r}")
