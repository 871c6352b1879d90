"""What ``actviz precision`` prints: the table of errors per activation, format and form, and a verdict
in one line for each, in the language in force (rich renderables and markdown).

The numbers come from :mod:`actviz.dtypes` (through :mod:`actviz.api`); every word is a message
(``precision.*``), every number is formatted by :mod:`actviz.text`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Group, RenderableType

from . import text
from .dtypes import ULP_BOUND
from .messages import msg
from .richtext import Text

if TYPE_CHECKING:  # pragma: no cover
    from .dtypes import FormError, Precision

__all__ = ["precision_report", "precision_markdown", "verdict", "format_label"]

_HEADERS = ("precision.activation", "precision.form", "precision.max_ulp", "precision.nonfinite", "precision.flushed", "precision.overflow_at", "precision.flush_at")


def format_label(r: Precision) -> str:
    """``float16``, or ``float16 (FTZ)`` where subnormal numbers flush to zero."""
    return r.dtype + (msg("precision.ftz_short") if r.format.ftz else "")


def _x(v: float | None) -> str:
    return msg("precision.never") if v is None else text.number(v)


def _ulp(v: float) -> str:
    return text.number(v) if v < 1e4 else f"{v:.3g}".replace("e+0", "e").replace("e+", "e")


def _rows(results: Sequence[Precision], split: bool = True) -> list[list[str]]:
    """Two rows per activation and format (textbook, actviz); the first cell says which: the name above the
    format (``split``, a terminal's narrow column), or both on the first row."""
    rows = []
    for r in results:
        for e in (r.naive, r.stable):
            if split:
                what = text.spec_label(r.bound) if e.kind == "naive" else format_label(r)
            else:
                what = f"{text.spec_label(r.bound)} · {format_label(r)}" if e.kind == "naive" else ""
            rows.append([what, msg("precision." + e.kind), _ulp(e.max_ulp), str(e.nonfinite), str(e.flushed), _x(e.overflow_at), _x(e.flush_at)])
    return rows


def verdict(e: FormError) -> str:
    """What one form does in one format, in a line: where it overflows or flushes, and how far it is."""
    parts = []
    if e.nonfinite:
        sides = [msg("precision.v_from", x=text.number(e.overflow_at)) if e.overflow_at is not None else "",
                 msg("precision.v_from_below", x=text.number(e.overflow_below)) if e.overflow_below is not None else ""]
        parts.append(msg("precision.v_nonfinite", n=e.nonfinite, where="".join(sides)))
    if e.flush_at is not None:
        parts.append(msg("precision.v_flush", x=text.number(e.flush_at)))
    if e.max_ulp <= ULP_BOUND:
        key = "precision.v_within_else" if parts else "precision.v_within"
        parts.append(msg(key, ulp=_ulp(max(e.max_ulp, 0.5))))
    elif e.beyond_conditioning == 0 and e.sensitivity_at_max is not None:
        parts.append(msg("precision.v_conditioned", ulp=_ulp(e.max_ulp), x=text.number(e.max_ulp_at),
                         k=text.number(e.sensitivity_at_max)))
    else:
        parts.append(msg("precision.v_beyond", ulp=_ulp(e.max_ulp), x=_x(e.max_ulp_at), n=e.beyond_conditioning))
    return msg("text.list_sep_strong").join(parts)


def _verdicts(results: Sequence[Precision]) -> list[str]:
    out = []
    for r in results:
        for e in (r.naive, r.stable):
            how = msg("precision.naive_as", formula=e.formula) if e.kind == "naive" else msg("precision.stable")
            out.append(msg("precision.v_line", name=text.spec_label(r.bound), format=format_label(r), form=how,
                           verdict=verdict(e)))
    return out


def _note(results: Sequence[Precision]) -> str:
    note = msg("precision.note", bound=text.number(ULP_BOUND))
    if any(r.format.ftz for r in results):
        note += " " + msg("precision.note_ftz")
    return note


def precision_report(results: Sequence[Precision]) -> RenderableType:
    """The table, a verdict per activation, format and form, and what the numbers mean."""
    from rich import box
    from rich.table import Table

    table = Table(title=msg("precision.title"), box=box.SIMPLE_HEAD, pad_edge=False, header_style="bold",
                  padding=(0, 1), collapse_padding=True)
    rows = _rows(results)
    for i, key in enumerate(_HEADERS):
        if i == 0:
            table.add_column(msg(key), overflow="fold", ratio=1,
                             min_width=max(cell_len(w) for c in [msg(key), *(r[0] for r in rows)] for w in c.split() or [""]))
        else:  # numbers are never cut: the name column folds instead
            table.add_column(msg(key), justify="right" if i > 1 else "left", no_wrap=True,
                             min_width=max(cell_len(msg(key)), *(cell_len(r[i]) for r in rows)))
    for i, row in enumerate(rows):
        table.add_row(*row, end_section=i % 2 == 1)
    parts: list[RenderableType] = [table]
    parts += [Text(line) for line in _verdicts(results)]
    parts += [Text(""), Text(_note(results))]
    return Group(*parts)


def precision_markdown(results: Sequence[Precision]) -> str:
    """The same as a markdown table, the verdicts as a list, and the note."""
    out = ["| " + " | ".join(msg(k) for k in _HEADERS) + " |", "|" + "|".join(["---"] * 2 + ["---:"] * 5) + "|"]
    out += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in _rows(results, split=False)]
    out += ["", *(f"- {line}" for line in _verdicts(results)), "", _note(results)]
    return "\n".join(out) + "\n"
