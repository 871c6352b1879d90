"""What the activations of one family have in common, stated once.

:func:`member` makes a family's constructor: :class:`~actviz.spec.Activation` with the family's name,
the facts that follow from the family's maths, and the entry's words (its record in words.json, see
:mod:`~actviz.catalog.words`) filled in. An entry that is the exception gives its own value (a keyword
given to the constructor wins over the family's) and says why beside it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from ..spec import Activation
from . import words

INF = math.inf

#: the tails of max(0, x): f → 0 with f′ → 0 at −∞, f ~ x (f → ∞, f′ → 1) at +∞; those of every
#: x·g(x) whose gate g goes from 0 to 1 fast enough, and of the smooth rectifiers
RECTIFIER_TAILS: dict[str, Any] = dict(limits=(0.0, INF), derivative_limits=(0.0, 1.0))

#: the tails of a bump that dies out on both sides: f → 0 and f′ → 0 at ±∞
BUMP_TAILS: dict[str, Any] = dict(limits=(0.0, 0.0), derivative_limits=(0.0, 0.0))


def member(family: str, **shared: Any) -> Callable[..., Activation]:
    """The constructor of family ``family``'s activations, with the ``shared`` facts and the words filled in."""

    def make(*, name: str, **given: Any) -> Activation:
        return Activation(**{"family": family, **shared, **words.of(name, given), **given, "name": name})

    return make
