"""Practical advice derived from the properties: one sentence per consequence (info cards)."""

from __future__ import annotations

from .properties import Properties
from . import text
from .tables import stat

__all__ = ["GENERAL_ADVICE", "advice"]


GENERAL_ADVICE = (
    "How to choose (as in the reference notes): start with ReLU; if units die, try Leaky ReLU or ELU; "
    "then PReLU or RReLU. Keep sigmoid/softmax for outputs that are probabilities."
)


def advice(p: Properties) -> list[str]:
    """Practical consequences of the derived properties, one sentence each."""
    out: list[str] = []
    unbounded = tuple(i for i in p.zero_gradient_intervals if i not in p.zero_gradient)
    if p.dead_zone:
        where = text.region(unbounded) if unbounded else "a whole half-line"
        if where == "every x":
            out.append("f′ is exactly 0 for every x: no gradient passes through it at all, so gradient "
                       "descent cannot train the layers below it.")
        else:
            out.append(f"f′ is exactly 0 for {where}: a unit stuck there gets no gradient and can die "
                       "(Leaky ReLU or ELU avoid this).")
    if p.zero_gradient:
        out.append(f"f′ is exactly 0 for {text.region(p.zero_gradient)}: inputs in this bounded band pass no "
                   "gradient back (not a dead zone: outside the band gradients flow again).")
    if p.saturation == "both":
        out.append("Saturates on both sides: f′ → 0 far out, so gradients vanish through deep stacks; "
                   "better for gates and outputs than for deep hidden layers.")
    elif p.saturation in ("left", "right") and not p.dead_zone:
        out.append(f"Saturates softly on the {p.saturation} only: robust to noise there while gradients "
                   "still flow on the other side.")
    elif p.saturation == "none" and p.range_max is None and p.range_min is None:
        out.append("Never saturates and is unbounded: gradients do not vanish, but activations can grow.")
    hi = p.max_derivative
    if hi is not None and 0 < hi < 0.5 and p.saturation == "both":
        out.append(f"max f′ = {text.number(hi)} < 1: its own factor in the chain rule shrinks the gradient at "
                   f"least {text.number(1 / hi)}-fold per layer; the weights can make up part of that "
                   "('actviz gradient' measures the whole chain): the vanishing gradient.")
    if not p.zero_centred:
        sign = "positive" if p.mean_output > 0 else "negative"
        out.append(f"Not zero-centred (mean output {stat(p.mean_output)} under N(0, 1) input, {sign}): "
                   "weight updates of a neuron tend to share a sign, so training zig-zags.")
    elif p.family != "linear":
        out.append("Zero-centred under N(0, 1) input, which helps optimisation.")
    if abs(p.mean_output) < 1e-3 and abs(p.output_variance - 1.0) < 1e-3:
        out.append("Keeps mean 0 and variance 1 under N(0, 1) input (self-normalising).")
    if not p.monotonic:
        out.append(_monotonic_advice(p))
    if p.identity_near_origin:
        out.append("Behaves like the identity near 0 (f(0) = 0, f′(0) = 1), which makes initialisation easy.")
    if p.continuity_order < 0:
        where = ", ".join(text.number(x) for x, _ in p.jumps)
        if p.material_jump:
            jump = f"a jump of {text.size(p.max_jump)} at x = {where}" if len(p.jumps) == 1 else \
                f"jumps of up to {text.size(p.max_jump)} at x = {where}"
            out.append(f"Discontinuous ({jump}): its derivative says nothing about the jump, so gradient "
                       "descent cannot learn across it.")
        elif p.jumps:
            out.append(f"Its jump of {text.size(p.max_jump)} at x = {where} is negligible (less than 10⁻⁶ of "
                       f"the size of f, which reaches {p.f_scale:.3g} there): in training it behaves as continuous.")
        else:
            out.append("Discontinuous by definition, but no jump is visible in float64: in training it "
                       "behaves as continuous.")
    return out


def _monotonic_advice(p: Properties) -> str:
    """Why f is not monotonic, from what the analysis found: interior extrema, corners, jumps."""
    parts = []
    smooth = [t for t in p.turns if t[0] in ("minimum", "maximum")]
    if smooth:
        kind, x, v, _ = smooth[0]
        what = f"a {kind} of {text.number(v)} at x = {text.number(x)}"
        if len(p.extrema) > 1:
            times = f"at {len(p.extrema)} points" if len(p.extrema) <= 5 else "again and again"
            parts.append(f"f′ changes sign {times} (nearest 0: {what}), so f has several bumps or oscillates")
        else:
            parts.append(f"{what} where f′ changes sign; such a bump or dip adds expressiveness at some "
                         "extra cost")
    for kind, x, a, b in p.turns:
        if kind.startswith("corner"):
            parts.append(f"slopes of opposite sign meet at x = {text.number(x)} (f′ = {text.number(a)} on "
                         f"the left, {text.number(b)} on the right): a {kind}")
        elif kind == "jump":
            way = "down" if b < a else "up"
            parts.append(f"f jumps {way} at x = {text.number(x)} (from {text.number(a)} to "
                         f"{text.number(b)}) against its slope there")
    if not parts:
        parts.append("f both rises and falls")
    return "Not monotonic: " + "; ".join(parts) + "."
