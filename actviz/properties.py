"""What actviz derives about one activation for one set of parameters: :class:`Properties`.

Immutable: a Properties carries the :class:`~actviz.spec.Bound` activation it describes (read-only
parameters), so callers never look the registry up by name. :mod:`actviz.analysis` derives it;
:meth:`Properties.to_dict` is the machine-readable record (the keys of ``actviz table --format json``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import notation
from .delegate import delegated
from .facts import UNDECIDED, Limit, Undecided, undecided

if TYPE_CHECKING:
    from .spec import Bound

__all__ = ["Properties", "End", "ZERO_CENTRED", "MATERIAL_JUMP", "VECTOR_NOTE", "UNDECIDED_VALUE"]

ZERO_CENTRED = 0.05  # |E f(Z)| below this counts as zero-centred
SELF_NORMALISING = 1e-3  # |E f(Z)| and |Var f(Z) − 1| below this: (0, 1) is a fixed point of the mean-variance map
MATERIAL_JUMP = 1e-6  # a jump larger than this times the scale of f matters for training
UNDECIDED_VALUE = "undecided"  #: what to_dict (JSON, CSV) gives for a value resting on an undecided limit
VECTOR_NOTE = "vector activation: properties are for 2 logits, the first x varying and the other held at 0"


@dataclass(frozen=True)
class End:
    """One end of a range: its value (±inf when unbounded), whether it is attained, and where."""

    value: float
    closed: bool
    at: float | None = None  #: an x attaining it (None when open or unbounded)

    @property
    def bounded(self) -> bool:
        return math.isfinite(self.value)

    @property
    def number(self) -> float | None:
        """The value, or None when unbounded (for JSON)."""
        return self.value if self.bounded else None


@dataclass(frozen=True)
class Properties:
    """Everything actviz derives about one activation for one set of parameters.

    A limit at ±∞ that could not be decided (:class:`~actviz.spec.Undecided`, an expression whose
    limit sympy did not settle in time) is never shown as a fact, nor is anything resting on it: with
    one of ``limits`` undecided the range is undecided (:attr:`range_decided`), with one of
    ``derivative_limits`` the values of f′ and the saturation on that side. The fields ``range_set``,
    ``low``, ``high`` (and f′'s) then hold the evidence only, derived with the limit estimated far
    out; the properties and :meth:`to_dict` say undecided.
    """

    bound: Bound  #: the activation with the parameters these properties are for
    #: the exact image of f: maximal disjoint pieces (low, high, low closed, high closed), increasing;
    #: a point is (v, v, True, True). binary_step: ((0, 0, True, True), (1, 1, True, True))
    range_set: tuple[tuple[float, float, bool, bool], ...]
    #: the exact set of values of f′, where f′ exists (a convention at a kink, relu′(0) = 0, is left out)
    derivative_set: tuple[tuple[float, float, bool, bool], ...]
    low: End  #: infimum of f
    high: End  #: supremum of f
    derivative_low: End  #: infimum of f′
    derivative_high: End  #: supremum of f′
    limits: tuple[Limit, Limit]  #: lim f at −∞, +∞ (None: no limit; Undecided: not decided)
    derivative_limits: tuple[Limit, Limit]
    kinks: tuple[float, ...]
    monotonic: bool
    direction: str  #: "increasing", "decreasing", "constant" or "none"
    derivative_monotonic: bool
    identity_near_origin: bool
    symmetry: str  #: "odd", "even" or "none"
    continuity_order: float  #: -1 discontinuous, k for C^k, inf for C∞
    saturation_left: str  #: "none", "soft", "hard" or "undecided" (the limit of f′ on that side is)
    saturation_right: str
    dead_zone: bool
    mean_output: float
    output_variance: float
    mean_derivative: float
    note: str = ""
    extrema: tuple[tuple[float, float], ...] = field(default=(), repr=False)  #: interior (x, f(x)) critical points
    #: (x, size) of every jump of f: max − min of f(k−), f(k), f(k+) at a kink, where visible in float64
    jumps: tuple[tuple[float, float], ...] = ()
    f_scale: float = 1.0  #: max |f| for |x| ≤ 12 and at the kinks: the yardstick for a jump's size
    #: maximal intervals of positive length where f′ is exactly 0: (low, high, low closed, high closed)
    zero_gradient_intervals: tuple[tuple[float, float, bool, bool], ...] = ()
    #: why f is not monotonic: ("minimum" | "maximum", x, f(x), f(x)) for the interior extrema
    #: nearest 0, ("corner minimum" | "corner maximum", x, f′(x−), f′(x+)) where slopes of opposite
    #: sign meet, ("jump", x, f(x−), f(x+)) where f jumps against its slope
    turns: tuple[tuple[str, float, float, float], ...] = ()
    #: bounds on the absolute errors of mean_output, output_variance, mean_derivative (inf where one is NaN)
    moment_errors: tuple[float, float, float] = (0.0, 0.0, 0.0)
    #: the spectral norm of the Jacobian of the layer-to-layer map of (mean, variance) at (0, 1) (Klambauer
    #: et al. 2017; :func:`actviz.analysis.normal_moments`): below 1, (0, 1) attracts where it is a fixed point
    normalising_rate: float = math.nan
    #: E f′(Z)² for Z ~ N(0, 1), f′ without the Dirac deltas of jumps (the backward gain's moment)
    derivative_square_mean: float = math.nan

    # -- the activation -----------------------------------------------------------------------
    name = delegated("bound", "name")
    label = delegated("bound", "label")
    family = delegated("bound", "family")
    vector = delegated("bound", "vector")
    formula = delegated("bound", "formula")
    derivative_formula = delegated("bound", "derivative_formula")
    params = delegated("bound", "params", "The parameters (read-only).")
    non_defaults = delegated("bound", "non_defaults", "The parameters that differ from the defaults.")

    # -- decided or not ---------------------------------------------------------------------
    @property
    def range_decided(self) -> bool:
        """Both limits of f at ±∞ are decided (a number or none), so the range is a fact."""
        return not any(undecided(v) for v in self.limits)

    @property
    def derivative_range_decided(self) -> bool:
        """Both limits of f′ at ±∞ are decided, so the set of values of f′ is a fact."""
        return not any(undecided(v) for v in self.derivative_limits)

    # -- display ---------------------------------------------------------------------------
    @property
    def range_text(self) -> str:
        """The range as the exact set, e.g. ``(0, 1)``, ``[−0.2785, ∞)``, ``{0, 1}``, ``{0} ∪ (1, ∞)``;
        ``undecided`` where a limit of f at ±∞ is."""
        return notation.pieces(self.range_set) if self.range_decided else UNDECIDED_VALUE

    @property
    def derivative_range_text(self) -> str:
        """The values f′ takes, e.g. ``(0, 0.25]``, ``{0, 1}``, ``(0, 0.5) ∪ {1}``; ``undecided``
        where a limit of f′ at ±∞ is."""
        return notation.pieces(self.derivative_set) if self.derivative_range_decided else UNDECIDED_VALUE

    @property
    def range_evidence(self) -> str:
        """The range as evaluation suggests it, an undecided limit taken as its estimate far out:
        evidence, not a fact (the same as :attr:`range_text` when the range is decided)."""
        return notation.pieces(self.range_set)

    @property
    def derivative_range_evidence(self) -> str:
        return notation.pieces(self.derivative_set)

    @property
    def range_min(self) -> float | None | Undecided:
        """The infimum of f (None: unbounded below; UNDECIDED: a limit of f is)."""
        return self.low.number if self.range_decided else UNDECIDED

    @property
    def range_max(self) -> float | None | Undecided:
        return self.high.number if self.range_decided else UNDECIDED

    @property
    def min_derivative(self) -> float | None | Undecided:
        return self.derivative_low.number if self.derivative_range_decided else UNDECIDED

    @property
    def max_derivative(self) -> float | None | Undecided:
        return self.derivative_high.number if self.derivative_range_decided else UNDECIDED

    @property
    def saturation(self) -> str:
        """ "none", "left", "right" or "both": the sides where f′ → 0; "undecided" where a side is."""
        if "undecided" in (self.saturation_left, self.saturation_right):
            return "undecided"
        left, right = self.saturation_left != "none", self.saturation_right != "none"
        return {(False, False): "none", (True, False): "left", (False, True): "right"}.get((left, right), "both")

    @property
    def zero_centred(self) -> bool:
        return abs(self.mean_output) < ZERO_CENTRED

    @property
    def self_normalising(self) -> bool:
        """Self-normalising (SELU's property): under N(0, 1) input the output has mean 0 and variance 1 (to
        10⁻³), and that pair is an *attracting* fixed point of the layer-to-layer map of mean and variance
        (:attr:`normalising_rate` < 1). Not the identity (rate 1: neutral) nor star_relu (rate 2: repelling)."""
        return (abs(self.mean_output) < SELF_NORMALISING and abs(self.output_variance - 1.0) < SELF_NORMALISING
                and self.normalising_rate < 1.0)

    @property
    def one_signed(self) -> str:
        """ "positive" where every value of f is ≥ 0, "negative" where every one is ≤ 0 (and f is not
        constant), else "": the inputs of a neuron fed by f then share one sign (the zig-zag)."""
        if not self.range_decided or (self.low.value == self.high.value):
            return ""
        if self.low.value >= 0.0:
            return "positive"
        if self.high.value <= 0.0:
            return "negative"
        return ""

    @property
    def continuity(self) -> str:
        return notation.continuity(self.continuity_order)

    @property
    def max_jump(self) -> float:
        """The largest jump of f (0 when none is visible in float64)."""
        return max((size for _, size in self.jumps), default=0.0)

    @property
    def material_jump(self) -> bool:
        """A jump larger than :data:`MATERIAL_JUMP` times the scale of f (one that matters for training)."""
        return self.max_jump > MATERIAL_JUMP * self.f_scale

    @property
    def monotonic_direction(self) -> str:
        """ "increasing", "decreasing" or "none" (non-strict; "constant" for a constant f)."""
        return self.direction

    @property
    def zero_gradient(self) -> tuple[tuple[float, float, bool, bool], ...]:
        """The *bounded* intervals where f′ is exactly 0 (the unbounded ones are the dead zone)."""
        return tuple(i for i in self.zero_gradient_intervals if math.isfinite(i[0]) and math.isfinite(i[1]))

    @property
    def zero_gradient_text(self) -> str:
        """Every interval where f′ is exactly 0, e.g. ``[−0.5, 0.5]`` or ``(−∞, 0] ∪ [6, ∞)``; ``none``."""
        return " ∪ ".join(notation.interval(*i) for i in self.zero_gradient_intervals) or "none"

    @property
    def bounded(self) -> str:
        """ "both", "below", "above" or "none"; "undecided" where the range is."""
        if not self.range_decided:
            return "undecided"
        lo, hi = self.low.bounded, self.high.bounded
        return {(True, True): "both", (True, False): "below", (False, True): "above"}.get((lo, hi), "none")

    def to_dict(self) -> dict[str, Any]:
        """The machine-readable record (the keys of ``actviz table --format json``); ``"undecided"``
        for every value resting on an undecided limit."""
        f_ok, df_ok = self.range_decided, self.derivative_range_decided

        def decided(ok: bool, value: Any) -> Any:
            return value if ok else UNDECIDED_VALUE

        return {
            "name": self.name,
            "family": self.family,
            "params": dict(self.params),
            "formula": self.formula,
            "derivative_formula": self.derivative_formula,
            "range": decided(f_ok, self.range_text),
            "range_min": decided(f_ok, self.low.number),
            "range_max": decided(f_ok, self.high.number),
            "range_min_closed": decided(f_ok, self.low.closed if self.low.bounded else None),
            "range_max_closed": decided(f_ok, self.high.closed if self.high.bounded else None),
            "argmin": decided(f_ok, self.low.at),
            "argmax": decided(f_ok, self.high.at),
            "derivative_range": decided(df_ok, self.derivative_range_text),
            "range_set": decided(f_ok, piece_records(self.range_set)),
            "derivative_set": decided(df_ok, piece_records(self.derivative_set)),
            "max_derivative": decided(df_ok, self.derivative_high.number),
            "min_derivative": decided(df_ok, self.derivative_low.number),
            "monotonic": self.monotonic,
            "monotonic_direction": self.monotonic_direction,
            "derivative_monotonic": self.derivative_monotonic,
            "identity_near_origin": self.identity_near_origin,
            "symmetry": self.symmetry,
            "continuity": self.continuity,
            "max_jump": self.max_jump,
            "saturation": self.saturation,
            "saturation_left": self.saturation_left,
            "saturation_right": self.saturation_right,
            "dead_zone": self.dead_zone,
            "zero_gradient": self.zero_gradient_text,
            "zero_centred": self.zero_centred,
            "mean_output": self.mean_output,
            "output_variance": self.output_variance,
            "mean_derivative": self.mean_derivative,
            "mean_output_error": self.moment_errors[0],
            "output_variance_error": self.moment_errors[1],
            "mean_derivative_error": self.moment_errors[2],
            "self_normalising": self.self_normalising,
            "vector": self.vector,
        }


def piece_records(pieces: tuple[tuple[float, float, bool, bool], ...]) -> list[dict[str, Any]]:
    """A set for JSON: ``{"point": v}`` or ``{"min": a, "max": b, "min_closed": .., "max_closed": ..}``
    (null where unbounded; an unbounded end is never closed)."""
    out: list[dict[str, Any]] = []
    for lo, hi, lc, hc in pieces:
        if lo == hi and lc and hc:
            out.append({"point": lo})
        else:
            out.append({"min": lo if math.isfinite(lo) else None, "max": hi if math.isfinite(hi) else None,
                        "min_closed": bool(lc and math.isfinite(lo)), "max_closed": bool(hc and math.isfinite(hi))})
    return out
