"""What ``gain``, ``phase`` and ``propagate`` print: rich renderables and markdown, in the language in force.

The numbers come from :mod:`actviz.propagation` (through :mod:`actviz.api`); every word is a message
(``deep.*``), every number is formatted by :mod:`actviz.text`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from rich.console import Group, RenderableType

from . import propagation as prop
from . import text
from .errors import ParameterError
from .messages import msg
from .richtext import Text

if TYPE_CHECKING:  # pragma: no cover
    from .results import PhaseDiagram
    from .spec import Bound

__all__ = ["gain_report", "gain_markdown", "phase_report", "propagation_report", "info_rows", "init_lines",
           "torch_chi1"]


#: below this a quadrature's result is rounding (the rule is accurate to about 1e-13): shown as 0
_ROUNDING = 1e-12


def _number(v: float | None) -> str:
    if v is None:
        return msg("deep.none")
    if math.isnan(v):
        return msg("deep.none")
    if math.isinf(v):
        return "∞" if v > 0 else "−∞"
    return text.number(0.0 if abs(v) < _ROUNDING else v)


def torch_chi1(record: prop.Moments) -> prop.PhasePoint | None:
    """Mean field at PyTorch's gain (σ_w² = gain², no bias), or None where PyTorch has no gain."""
    g = record.torch_gain
    if g is None:
        return None
    try:
        return prop.point(record.bound, g * g, 0.0)
    except ParameterError:
        return None


def init_lines(record: prop.Moments) -> dict[str, str]:
    """Lines that initialise a layer's weights with the forward gain (normal, std = gain/√fan_in)."""
    g = record.gain_forward
    if g is None or g == 0.0:
        return {}
    shown, scale = f"{g:.6g}", f"{g * g:.6g}"
    return {
        "torch": f"torch.nn.init.normal_(layer.weight, std={shown} / layer.in_features**0.5)",
        "jax": f'jax.nn.initializers.variance_scaling({scale}, "fan_in", "normal")',
        "keras": f'keras.initializers.VarianceScaling({scale}, "fan_in", "untruncated_normal")',
    }


def _torch_lines(records: Sequence[prop.Moments]) -> list[str]:
    """What PyTorch's own gain does, for each activation that has one."""
    out = []
    for r in records:
        at = torch_chi1(r)
        if r.torch_gain is not None and at is not None:
            near = at.phase != "critical" and abs(at.chi1 - 1.0) < 0.01  # SELU's 3/4: 1.004, barely chaotic
            out.append(msg("deep.torch_line", name=text.spec_label(r.bound), gain=text.gain_text(r.torch_gain),
                           chi=text.number(at.chi1), phase=msg("deep.phase_words." + ("near" if near else at.phase))))
    return out


def _gain_rows(records: Sequence[prop.Moments]) -> list[list[str]]:
    return [[text.spec_label(r.bound), _number(r.mean), _number(r.second_moment), _number(r.variance),
             _number(r.derivative_second_moment), _number(r.gain_forward), _number(r.gain_backward),
             _number(r.gamma)] for r in records]


_GAIN_HEADERS = ("deep.activation", "deep.mean", "deep.second_moment", "deep.variance", "deep.derivative_second_moment",
                 "deep.gain_forward", "deep.gain_backward", "deep.gamma")


def gain_report(records: Sequence[prop.Moments]) -> RenderableType:
    """The gains of each activation, what PyTorch's gain implies, and lines to paste."""
    from rich import box
    from rich.table import Table

    table = Table(title=msg("deep.gain_title"), box=box.SIMPLE_HEAD, pad_edge=False, header_style="bold")
    rows = _gain_rows(records)
    for i, key in enumerate(_GAIN_HEADERS):
        if i == 0:
            table.add_column(msg(key), overflow="fold", ratio=1)
        else:  # numbers are never cut: the name column folds instead
            table.add_column(msg(key), justify="right", no_wrap=True,
                             min_width=max(cell_len(msg(key)), *(cell_len(r[i]) for r in rows)))
    for row in rows:
        table.add_row(*row)
    parts: list[RenderableType] = [table, Text(msg("deep.gain_note")), Text("")]  # richtext: wraps Chinese
    torch = _torch_lines(records)
    if torch:
        parts += [Text(msg("deep.torch_title"), style="bold"), *(Text(line) for line in torch), Text("")]
    lines = [(text.spec_label(r.bound), init_lines(r)) for r in records]
    if any(code for _, code in lines):
        parts.append(Text(msg("deep.init_title"), style="bold"))
        for label, code in lines:
            if code:
                parts.append(Text(label, style="bold"))
                parts += [Text(f"  {line}", style="cyan", no_wrap=True, overflow="ignore") for line in code.values()]
    return Group(*parts)


def gain_markdown(records: Sequence[prop.Moments]) -> str:
    """The same as a markdown table, the note, and the lines as code."""
    headers = [msg(k) for k in _GAIN_HEADERS]
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join(["---"] + ["---:"] * 7) + "|"]
    out += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in _gain_rows(records)]
    out += ["", msg("deep.gain_note")]
    torch = _torch_lines(records)
    if torch:
        out += ["", f"**{msg('deep.torch_title')}**", "", *(f"- {line}" for line in torch)]
    for r in records:
        code = init_lines(r)
        if code:
            out += ["", f"**{text.spec_label(r.bound)}**", "", "```python", *code.values(), "```"]
    return "\n".join(out) + "\n"


def _q(v: float | None) -> str:
    if v is None:
        return msg("deep.none")
    return msg("deep.q_star_infinite") if v > 1e8 else _number(v)


def phase_report(diagram: PhaseDiagram) -> RenderableType:
    """The edge of chaos at each σ_b² asked for, and the initialisations marked, with their phase."""
    from rich.table import Table

    name = text.spec_label(diagram.bound)
    parts: list[RenderableType] = []
    if diagram.edge_is_point:
        parts.append(Text(msg("deep.edge_point", name=name, w=text.number(diagram.critical[0].sigma_w2))))
    else:
        table = Table(title=msg("deep.critical_title", name=name))
        for key in ("deep.sigma_b2", "deep.sigma_w2", "deep.q_star"):
            table.add_column(msg(key), justify="right")
        for c in diagram.critical:
            table.add_row(text.number(c.sigma_b2), _number(c.sigma_w2), _q(c.q_star))
        parts.append(table)
        missing = [c.sigma_b2 for c in diagram.critical if not math.isfinite(c.sigma_w2)]
        if missing:
            parts.append(Text(msg("deep.no_edge", name=name, values=", ".join(text.number(b) for b in missing))))
    if diagram.marks:
        table = Table(title=msg("deep.marks_title"))
        table.add_column(msg("deep.mark"))
        for key in ("deep.sigma_w2", "deep.sigma_b2", "deep.q_star", "deep.chi1", "deep.xi_c"):
            table.add_column(msg(key), justify="right")
        table.add_column(msg("deep.phase"))
        for kind, m in zip(diagram.mark_kinds, diagram.marks):
            label = msg("deep.mark.torch", gain=text.gain_text(math.sqrt(m.sigma_w2))) if kind == "torch" else msg("deep.mark.yours")
            table.add_row(label, _number(m.sigma_w2), _number(m.sigma_b2), _q(m.q_star), _number(m.chi1),
                          _number(m.xi_c), msg("deep.phase." + m.phase))
        parts.append(table)
    parts.append(Text(msg("deep.phase_note")))
    return Group(*parts)


def _value(v: float) -> str:
    return _number(v) if math.isfinite(v) else msg("deep.none")


def propagation_report(results: Sequence[prop.Propagation]) -> RenderableType:
    """Per activation: σ_w², q*, χ₁ and its phase, and the last layer's q and c and the first layer's
    gradient, the mean field on one line and the simulated network below it."""
    from rich import box
    from rich.table import Table

    first = results[0].mean_field
    sim0 = results[0].simulation
    depth = first.depth
    table = Table(title=msg("deep.propagate_title", depth=depth, b=text.number(first.sigma_b2),
                            sim=msg("deep.sim", width=sim0.width, seed=sim0.seed) if sim0 else msg("deep.no_sim")),
                  box=box.SIMPLE_HEAD, pad_edge=False, header_style="bold")
    rows: list[tuple[list[Any], str | None]] = []
    for r in results:
        mf, sim = r.mean_field, r.simulation
        chi = mf.chi1
        phase = "" if chi is None else msg("deep.phase." + prop.phase_of(chi))
        shown_q = _q(mf.q_star) if mf.stable is not False else msg("deep.unstable", q=_q(mf.q_star))
        rows.append(([text.spec_label(r.bound), _number(mf.sigma_w2), shown_q, _number(chi), phase,
                      _value(float(mf.q[-1])), _value(float(mf.c[-1])), _value(float(mf.grad_ratio[0]))], None))
        if sim is not None:
            rows.append((["  " + msg("deep.network"), "", "", "", "", _value(float(sim.q[-1])),
                          _value(float(sim.c[-1])), _value(float(sim.grad_ratio[0]))], "dim"))
    headers = [msg(k) for k in ("deep.activation", "deep.sigma_w2", "deep.q_star", "deep.chi1", "deep.phase",
                                "deep.q_last", "deep.c_last", "deep.grad_first")]
    for i, header in enumerate(headers):
        widest = max(cell_len(header), *(cell_len(str(cells[i])) for cells, _ in rows))
        if i == 0:  # the name folds where the numbers need the room, never below a word's width
            table.add_column(header, overflow="fold", ratio=1, min_width=min(widest, 10))
        else:
            table.add_column(header, justify="left" if i == 4 else "right", no_wrap=True, min_width=widest)
    for cells, style in rows:
        table.add_row(*cells, style=style)
    note = "deep.propagate_note" if sim0 is not None else "deep.propagate_note_mean"
    return Group(table, Text(msg(note, q0=text.number(first.q0), c0=text.number(first.c0), depth=depth)))


def info_rows(bound: Bound) -> list[tuple[str, str]]:
    """The info card's lines: the three gains and the critical initialisation (none where the moments
    diverge or the activation is vector-valued)."""
    if bound.vector:
        return []
    try:
        m = prop.moments(bound)
        rows = [(msg("deep.info_gains"), msg("deep.info_gains_value", forward=_number(m.gain_forward),
                                             backward=_number(m.gain_backward), gamma=_number(m.gamma)))]
        c = prop.critical_point(bound, 0.05)
    except ParameterError:
        return rows if "rows" in locals() else []
    if c.edge_is_point:
        value = msg("deep.info_critical_point", w=_number(c.sigma_w2))
    elif not math.isfinite(c.sigma_w2):
        return rows
    else:
        value = msg("deep.info_critical_value", w=_number(c.sigma_w2), b=text.number(0.05), q=_q(c.q_star))
    return rows + [(msg("deep.info_critical"), value)]
