"""Practical advice derived from the properties: one sentence per consequence (info cards)."""

from __future__ import annotations

from . import text
from .messages import msg
from .properties import Properties
from .tables import stat

__all__ = ["general_advice", "advice"]


def general_advice() -> str:
    """How to choose, as the reference notes advise (in the language in force)."""
    return msg("advice.general")


def advice(p: Properties) -> list[str]:
    """Practical consequences of the derived properties, one sentence each."""
    out: list[str] = []
    if not (p.range_decided and p.derivative_range_decided):
        out.append(msg("advice.undecided"))  # and nothing below rests on an undecided limit
    unbounded = tuple(i for i in p.zero_gradient_intervals if i not in p.zero_gradient)
    if p.dead_zone:
        where = text.region(unbounded) if unbounded else msg("advice.half_line")
        if where == msg("text.every_x"):
            out.append(msg("advice.dead_everywhere"))
        else:
            out.append(msg("advice.dead_zone", where=where))
    if p.zero_gradient:
        out.append(msg("advice.zero_band", where=text.region(p.zero_gradient)))
    if p.saturation == "both":
        out.append(msg("advice.saturates_both"))
    elif p.saturation in ("left", "right") and not p.dead_zone:
        out.append(msg("advice.saturates_" + p.saturation))
    elif p.saturation == "none" and p.range_max is None and p.range_min is None:
        out.append(msg("advice.never_saturates"))
    hi = p.max_derivative
    if isinstance(hi, float) and 0 < hi < 0.5 and p.saturation == "both":
        out.append(msg("advice.vanishing", hi=text.number(hi), fold=text.number(1 / hi)))
    if not p.zero_centred:
        sign = msg("word.positive") if p.mean_output > 0 else msg("word.negative")
        out.append(msg("advice.not_centred", mean=stat(p.mean_output), sign=sign))
    elif p.family != "linear":
        out.append(msg("advice.centred"))
    if p.one_signed:  # the zig-zag needs inputs of one sign (the zigzag lesson), not a non-zero mean
        out.append(msg("advice.one_signed", sign=_one_sign(p)))
    if p.self_normalising:  # an attracting fixed point of mean and variance, not merely mean 0 and variance 1
        out.append(msg("advice.self_normalising", rate=text.number(p.normalising_rate)))
    if not p.monotonic:
        out.append(_monotonic_advice(p))
    if p.identity_near_origin:
        out.append(msg("advice.identity"))
    if p.continuity_order < 0:
        where = ", ".join(text.number(x) for x, _ in p.jumps)
        if p.material_jump:
            jump = msg("advice.jump" if len(p.jumps) == 1 else "advice.jumps", size=text.size(p.max_jump), at=where)
            out.append(msg("advice.discontinuous", jump=jump))
        elif p.jumps:
            out.append(msg("advice.negligible_jump", size=text.size(p.max_jump), at=where, scale=f"{p.f_scale:.3g}"))
        else:
            out.append(msg("advice.no_visible_jump"))
    return out


def _monotonic_advice(p: Properties) -> str:
    """Why f is not monotonic, from what the analysis found: interior extrema, corners, jumps."""
    parts = []
    smooth = [t for t in p.turns if t[0] in ("minimum", "maximum")]
    if smooth:
        kind, x, v, _ = smooth[0]
        what = msg("advice.extremum", kind=msg("word." + kind), v=text.number(v), x=text.number(x))
        if len(p.extrema) > 1:
            times = msg("advice.at_points", n=len(p.extrema)) if len(p.extrema) <= 5 else msg("advice.again")
            parts.append(msg("advice.several_bumps", times=times, what=what))
        else:
            parts.append(msg("advice.one_bump", what=what))
    for kind, x, a, b in p.turns:
        if kind.startswith("corner"):
            parts.append(msg("advice.corner", x=text.number(x), a=text.number(a), b=text.number(b),
                             kind=msg("word." + kind.replace(" ", "_"))))
        elif kind == "jump":
            way = msg("word.down") if b < a else msg("word.up")
            parts.append(msg("advice.jump_against", way=way, x=text.number(x), a=text.number(a), b=text.number(b)))
    if not parts:
        parts.append(msg("advice.rises_and_falls"))
    return msg("advice.not_monotonic", why=msg("text.list_sep_strong").join(parts))


def _one_sign(p: Properties) -> str:
    """``> 0``, ``≥ 0``, ``< 0`` or ``≤ 0``: what every output of a one-signed f is (notation)."""
    if p.one_signed == "positive":
        return "> 0" if p.low.value > 0 or not p.low.closed else "≥ 0"
    return "< 0" if p.high.value < 0 or not p.high.closed else "≤ 0"
