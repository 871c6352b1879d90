"""Rows from :class:`~actviz.analysis.Properties` -> rich Table, markdown, csv, json or LaTeX.

Nothing here prints: every function returns a string or a rich renderable for the caller to show.
Colour in the rich output carries meaning (saturating sides, dead zones, zero-centring); the
plain formats carry the same facts as text.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .analysis import Properties, format_number
from .errors import ActvizError, closest
from .spec import Activation

__all__ = [
    "FORMATS", "COLUMNS", "MACHINE_KEYS", "Column", "parse_columns", "default_columns", "render",
    "rich_table", "markdown_table", "csv_table", "json_table", "latex_table", "list_table",
    "info_card", "advice", "plain_formula", "saturation_text",
]

FORMATS = ("rich", "markdown", "csv", "json", "latex")


# -- mathtext -> readable text -------------------------------------------------------------------

_SYMBOLS = {
    r"\alpha": "α", r"\beta": "β", r"\lambda": "λ", r"\sigma": "σ", r"\pi": "π", r"\Phi": "Φ",
    r"\varphi": "φ", r"\partial": "∂", r"\leq": "≤", r"\geq": "≥", r"\neq": "≠", r"\infty": "∞",
    r"\cdot": "·", r"\sum": "Σ", r"\tanh": "tanh", r"\log": "log", r"\max": "max", r"\min": "min",
    r"\sin": "sin", r"\cos": "cos", r"\arctan": "arctan", r"\exp": "exp",
}
_SUP = str.maketrans("0123456789+-−xi", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻ˣⁱ")
_SUB = str.maketrans("0123456789+-−ij", "₀₁₂₃₄₅₆₇₈₉₊₋₋ᵢⱼ")
_WORDS = ("tanh", "log", "max", "min", "sin", "cos", "arctan", "exp", "Σ")


def _group(text: str, start: int) -> tuple[str, int]:
    """The brace group starting at ``text[start] == '{'``: (content, index after it)."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
            if depth == 0:
                return text[start + 1 : i], i + 1
    return text[start + 1 :], len(text)


def _wrap(term: str) -> str:
    """``term`` in parentheses unless it is one factor (no operator or space outside brackets)."""
    depth = 0
    for c in term:
        depth += c in "([{"
        depth -= c in ")]}"
        if depth == 0 and c in " +-−=/,":
            return f"({term})"
    return term


def plain_formula(tex: str) -> str:
    """Turn a catalogue mathtext formula into readable Unicode text (for terminals and CSV)."""
    out, i = [], 0
    while i < len(tex):
        if tex.startswith(r"\frac", i) and tex[i + 5 : i + 6] == "{":
            num, j = _group(tex, i + 5)
            den, k = _group(tex, j)
            frac = f"{_wrap(plain_formula(num))}/{_wrap(plain_formula(den))}"
            glued = k < len(tex) and tex[k] not in " +-=,)}" and not tex.startswith(r"\right", k)  # (x/2)(1 + …)
            out.append(f"({frac})" if glued else frac)
            i = k
        elif tex.startswith(r"\sqrt", i) and tex[i + 5 : i + 6] == "{":
            body, j = _group(tex, i + 5)
            out.append("√" + _wrap(plain_formula(body)))
            i = j
        elif tex.startswith(r"\mathrm", i) and tex[i + 7 : i + 8] == "{":
            body, j = _group(tex, i + 7)
            out.append(body)
            i = j
        elif tex[i] in "^_":
            if tex[i + 1 : i + 2] == "{":
                body, j = _group(tex, i + 1)
            else:
                body, j = tex[i + 1 : i + 2], i + 2
            body = plain_formula(body)
            table = _SUP if tex[i] == "^" else _SUB
            if all(c in "0123456789+-−xij" for c in body) and body.translate(table) != body:
                out.append(body.translate(table))
            elif tex[i] == "^":
                out.append("^" + (body if len(body) == 1 else f"({body})"))
            else:
                out.append("_" + body)
            i = j
        elif tex[i] == "\\":
            m = re.match(r"\\([A-Za-z]+|.)", tex[i:])
            word = m.group(0) if m else "\\"
            if word in _SYMBOLS:
                sym = _SYMBOLS[word]
                if sym in _WORDS and out and out[-1][-1:].isalnum():
                    out.append(" ")  # x\cos(x) -> x cos(x)
                out.append(sym)
            elif word in (r"\ ", r"\;", r"\:"):
                out.append(" ")
            elif word == r"\,":  # a thin space: a plain one, except before a parenthesis
                if not tex.startswith("(", i + 2):
                    out.append(" ")
            elif word in (r"\!", r"\left", r"\right"):
                pass
            else:
                out.append(word.lstrip("\\"))
            i += len(word)
        elif tex[i] in "{}":
            i += 1
        else:
            out.append(tex[i])
            i += 1
    text = "".join(out)
    text = re.sub(r"(Σ)_?([a-z])", lambda m: m.group(1) + m.group(2).translate(_SUB), text)
    return re.sub(r" {2,}", "  ", text.replace("-", "−").replace("'", "′")).strip()


# -- columns --------------------------------------------------------------------------------------


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def saturation_text(p: Properties) -> str:
    """``none``, ``both (soft)``, ``left (hard)`` or ``left hard, right soft``."""
    left, right = p.saturation_left, p.saturation_right
    if p.saturation == "none":
        return "none"
    if p.saturation == "both":
        return f"both ({left})" if left == right else f"left {left}, right {right}"
    return f"left ({left})" if p.saturation == "left" else f"right ({right})"


def _params_text(params: dict[str, Any], sep: str = ", ") -> str:
    return sep.join(f"{k}={format_number(v) if isinstance(v, float) else v}" for k, v in params.items())


def _monotonic_text(p: Properties) -> str:
    return p.direction if p.monotonic else "no"


def _saturation_style(p: Properties) -> str:
    if p.saturation == "none":
        return "green"
    if "hard" in (p.saturation_left, p.saturation_right):
        return "bold red"
    return "red" if p.saturation == "both" else "yellow"


@dataclass(frozen=True)
class Column:
    """One table column: its key (as in JSON), header, text for people, value for machines."""

    key: str
    header: str
    text: Callable[[Properties], str]
    value: Callable[[Properties], Any]
    style: Callable[[Properties], str] | None = None
    help: str = ""


def _c(key: str, header: str, text: Callable[[Properties], str], value: Callable[[Properties], Any] | None = None,
       style: Callable[[Properties], str] | None = None, help: str = "") -> Column:
    return Column(key, header, text, value or (lambda p, k=key: p.to_dict()[k]), style, help)


_COLUMN_LIST = [
    _c("name", "Name", lambda p: p.name, lambda p: p.name),
    _c("label", "Label", lambda p: p.label, lambda p: p.label),
    _c("family", "Family", lambda p: p.family, lambda p: p.family),
    _c("params", "Parameters", lambda p: _params_text(p.params) or "—", lambda p: dict(p.params)),
    _c("formula", "Formula", lambda p: plain_formula(p.formula), lambda p: p.formula),
    _c("range", "Range", lambda p: p.range_text, lambda p: p.range_text),
    _c("range_min", "min f", lambda p: format_number(p.range_min), lambda p: p.range_min),
    _c("range_max", "max f", lambda p: format_number(p.range_max), lambda p: p.range_max),
    _c("ranges", "Range of f / f′", lambda p: f"{p.range_text}\nf′ {p.derivative_range_text}",
       lambda p: {"range": p.range_text, "derivative_range": p.derivative_range_text}),
    _c("derivative_range", "f′ range", lambda p: p.derivative_range_text, lambda p: p.derivative_range_text),
    _c("min_derivative", "min f′", lambda p: format_number(p.min_derivative), lambda p: p.min_derivative),
    _c("max_derivative", "max f′", lambda p: format_number(p.max_derivative), lambda p: p.max_derivative),
    _c("saturation", "Saturation", saturation_text, lambda p: p.saturation, _saturation_style,
       "sides where f′ → 0; hard: f′ = 0 exactly beyond some point"),
    _c("saturation_left", "Left sat.", lambda p: p.saturation_left, lambda p: p.saturation_left),
    _c("saturation_right", "Right sat.", lambda p: p.saturation_right, lambda p: p.saturation_right),
    _c("zero_centred", "Centred", lambda p: _yes(p.zero_centred), lambda p: p.zero_centred,
       lambda p: "green" if p.zero_centred else "yellow", "|E f(Z)| < 0.05 for Z ~ N(0, 1)"),
    _c("monotonic", "Monotonic", _monotonic_text, lambda p: p.monotonic,
       lambda p: "" if p.monotonic else "magenta"),
    _c("derivative_monotonic", "f′ monotonic", lambda p: _yes(p.derivative_monotonic), lambda p: p.derivative_monotonic),
    _c("dead_zone", "Dead zone", lambda p: _yes(p.dead_zone), lambda p: p.dead_zone,
       lambda p: "bold red" if p.dead_zone else "green", "f′ = 0 on a whole half-line: units can die"),
    _c("identity_near_origin", "≈ x at 0", lambda p: _yes(p.identity_near_origin), lambda p: p.identity_near_origin),
    _c("symmetry", "Symmetry", lambda p: p.symmetry, lambda p: p.symmetry),
    _c("continuity", "Smoothness", lambda p: p.continuity, lambda p: p.continuity,
       lambda p: "red" if p.continuity_order < 0 else ""),
    _c("mean_output", "E f(Z)", lambda p: _stat(p.mean_output), lambda p: _finite(p.mean_output)),
    _c("output_variance", "Var f(Z)", lambda p: _stat(p.output_variance), lambda p: _finite(p.output_variance)),
    _c("mean_derivative", "E f′(Z)", lambda p: _stat(p.mean_derivative), lambda p: _finite(p.mean_derivative)),
]

#: every column, by key (the keys are also the JSON keys)
COLUMNS: dict[str, Column] = {c.key: c for c in _COLUMN_LIST}

#: the keys of one JSON object / CSV row when no --columns are given
MACHINE_KEYS = (
    "name", "family", "params", "formula", "range", "range_min", "range_max", "max_derivative",
    "min_derivative", "monotonic", "derivative_monotonic", "identity_near_origin", "symmetry", "continuity",
    "saturation", "saturation_left", "saturation_right", "dead_zone", "zero_centred", "mean_output",
    "output_variance", "mean_derivative",
)

_NARROW = ("name", "ranges", "saturation", "zero_centred", "monotonic")  # "hard" saturation = dead zone
_MEDIUM = ("name", "formula", "range", "derivative_range", "saturation", "zero_centred", "monotonic", "dead_zone")
_WIDE = _MEDIUM + ("continuity", "symmetry", "mean_derivative")
_PAPER = ("name", "formula", "range", "derivative_range", "saturation", "zero_centred", "monotonic", "dead_zone",
          "continuity")


def _stat(v: float) -> str:
    return "—" if not math.isfinite(v) else f"{v:.3f}".replace("-", "−")


def _finite(v: float) -> float | None:
    return v if math.isfinite(v) else None


def parse_columns(text: str | Sequence[str] | None) -> tuple[str, ...] | None:
    """``"name,range"`` (or a list of such) -> validated column keys; None means the default."""
    if text is None:
        return None
    parts = [text] if isinstance(text, str) else list(text)
    keys = [k.strip().lower().replace("-", "_") for part in parts for k in part.split(",") if k.strip()]
    if not keys:
        raise ActvizError("--columns is empty: give a comma-separated list, valid columns: " + ", ".join(COLUMNS))
    for k in keys:
        if k not in COLUMNS:
            hint = closest(k, COLUMNS, n=1)
            did = f"did you mean {hint[0]!r}? " if hint else ""
            raise ActvizError(f"unknown column {k!r}; {did}valid columns are " + ", ".join(COLUMNS))
    return tuple(dict.fromkeys(keys))


def default_columns(fmt: str, width: int | None = None) -> tuple[str, ...]:
    """The columns shown when none are asked for: fewer on a narrow terminal."""
    if fmt in ("json", "csv"):
        return MACHINE_KEYS
    if fmt in ("markdown", "latex"):
        return _PAPER
    width = 80 if width is None else width
    if width < 120:
        return _NARROW
    return _MEDIUM if width < 170 else _WIDE


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ActvizError(f"unknown format {fmt!r}: choose one of " + ", ".join(FORMATS))


def render(rows: Sequence[Properties], fmt: str = "rich", columns: Sequence[str] | None = None,
           width: int | None = None) -> RenderableType | str:
    """Rows in ``fmt``: a rich Table for ``rich``, a string otherwise."""
    _check_format(fmt)
    cols = tuple(columns) if columns else default_columns(fmt, width)
    if fmt == "rich":
        return rich_table(rows, cols)
    return {"markdown": markdown_table, "csv": csv_table, "json": json_table, "latex": latex_table}[fmt](rows, cols)


# -- rich -----------------------------------------------------------------------------------------


def _name_cell(p: Properties) -> Text:
    text = Text(p.name + (" *" if p.vector else ""), style="bold")
    if p.params:
        text.append("\n" + _params_text(p.params), style="dim")
    return text


def _caption(rows: Sequence[Properties]) -> str:
    notes = ["Saturation: f′ → 0 on that side; hard: f′ = 0 exactly beyond a point (a dead zone).",
             "Centred: |E f(Z)| < 0.05 for Z ~ N(0, 1)."]
    if any(p.vector for p in rows):
        notes.append("* vector activation, shown for 2 logits: x and 0 (softmax(x, 0)₁ = σ(x)).")
    return "\n".join(notes)


def rich_table(rows: Sequence[Properties], columns: Sequence[str] = _NARROW) -> Table:
    """A terminal table; cells wrap, so it fits the console it is printed on."""
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", caption=_caption(rows), caption_justify="left",
                  pad_edge=False, expand=False)
    for key in columns:
        col = COLUMNS[key]
        table.add_column(
            col.header,
            overflow="fold",
            no_wrap=key in ("range", "derivative_range", "ranges"),
            min_width={"name": 16, "monotonic": 10, "saturation": 11}.get(key),
            max_width=40 if key == "formula" else None,
            style="cyan" if key in ("range", "derivative_range", "ranges") else None,
        )
    family = None
    for p in rows:
        if family is not None and p.family != family:
            table.add_section()  # a rule between families
        family = p.family
        cells: list[RenderableType] = []
        for key in columns:
            col = COLUMNS[key]
            if key == "name":
                cells.append(_name_cell(p))
            else:
                cells.append(Text(col.text(p), style=col.style(p) if col.style else ""))
        table.add_row(*cells)
    return table


# -- markdown, csv, json, latex -------------------------------------------------------------------


def _md_escape(text: str) -> str:
    return text.replace("|", r"\|")


def _md_cell(p: Properties, key: str) -> str:
    if key == "name":
        name = f"**{p.name}**" + (r"\*" if p.vector else "")
        return name + (f" ({_params_text(p.params)})" if p.params else "")
    if key == "formula":
        return "$" + _md_escape(p.formula) + "$"
    return _md_escape(COLUMNS[key].text(p))


def markdown_table(rows: Sequence[Properties], columns: Sequence[str] = _PAPER) -> str:
    """A GitHub-flavoured pipe table (formulas as $…$ math), ready to paste into a post."""
    lines = ["| " + " | ".join(COLUMNS[k].header for k in columns) + " |",
             "|" + "|".join(" --- " for _ in columns) + "|"]
    for p in rows:
        lines.append("| " + " | ".join(_md_cell(p, k) for k in columns) + " |")
    if any(p.vector for p in rows):
        lines += ["", r"\* Vector activation, shown for 2 logits (x, 0): its first output as a function of x."]
    return "\n".join(lines) + "\n"


def _machine(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def json_table(rows: Sequence[Properties], columns: Sequence[str] = MACHINE_KEYS) -> str:
    """A JSON list of objects in the order given; numbers as numbers, null where unbounded."""
    keys = columns if "name" in columns else ("name", *columns)
    data = [{k: _machine(COLUMNS[k].value(p)) for k in keys} for p in rows]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return _params_text(value, sep="; ")
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else ""
    return str(value)


def csv_table(rows: Sequence[Properties], columns: Sequence[str] = MACHINE_KEYS) -> str:
    """CSV with a header row; the same columns as JSON (booleans as true/false, empty = unbounded)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for p in rows:
        writer.writerow([_csv_value(_machine(COLUMNS[k].value(p))) for k in columns])
    return buf.getvalue()


_LATEX_SPECIAL = {"&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": r"\{", "}": r"\}",
                  "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "\\": r"\textbackslash{}"}
_LATEX_MATH = {"−": "-", "∞": r"\infty", "′": "'", "σ": r"\sigma", "₁": "_1"}


def _tex_escape(text: str) -> str:
    return "".join(_LATEX_SPECIAL.get(c, c) for c in text)


def _tex_math(text: str) -> str:
    return "$" + "".join(_LATEX_MATH.get(c, c) for c in text) + "$"


def _tex_cell(p: Properties, key: str) -> str:
    if key == "name":
        name = r"\texttt{" + _tex_escape(p.name) + "}" + ("$^*$" if p.vector else "")
        if p.params:
            name += " (" + ", ".join(f"{_tex_escape(k)}$={_tex_math(format_number(v))[1:-1] if isinstance(v, float) else v}$"
                                     for k, v in p.params.items()) + ")"
        return name
    if key == "formula":
        return "$" + p.formula + "$"
    text = COLUMNS[key].text(p)
    if key in ("range", "derivative_range", "range_min", "range_max", "min_derivative", "max_derivative",
               "mean_output", "output_variance", "mean_derivative"):
        return _tex_math(text)
    if key == "continuity":
        return text if p.continuity_order < 0 else _tex_math("C^{" + ("\\infty" if p.continuity_order == math.inf
                                                                        else str(int(p.continuity_order))) + "}")
    return _tex_escape(text)


def latex_table(rows: Sequence[Properties], columns: Sequence[str] = _PAPER) -> str:
    """A booktabs ``tabular`` (needs ``\\usepackage{booktabs}``), ready to paste into a paper."""
    headers = [_tex_escape(COLUMNS[k].header).replace("′", "$'$") for k in columns]
    lines = [r"\begin{tabular}{" + "l" * len(columns) + "}", r"\toprule", " & ".join(headers) + r" \\", r"\midrule"]
    for p in rows:
        lines.append(" & ".join(_tex_cell(p, k) for k in columns) + r" \\")
    lines += [r"\bottomrule", r"\end{tabular}"]
    if any(p.vector for p in rows):
        lines.append(r"% * vector activation, shown for 2 logits (x, 0): its first output as a function of x")
    return "\n".join(lines) + "\n"


# -- list and info --------------------------------------------------------------------------------


def list_table(acts: Iterable[Activation], headings: dict[str, str] | None = None) -> Table:
    """Canonical names, aliases, family and one-line summary."""
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, expand=True)
    table.add_column("Name", style="bold", no_wrap=True)
    table.add_column("Aliases", style="dim", overflow="fold", ratio=1)
    table.add_column("Family", style="cyan", no_wrap=True)
    table.add_column("Summary", overflow="fold", ratio=3)
    for act in acts:  # Text, not markup: summaries contain brackets such as [lower, upper]
        table.add_row(Text(act.name), Text(", ".join(act.aliases) or "—"), Text(act.family), Text(act.summary))
    return table


GENERAL_ADVICE = (
    "How to choose (as in the reference notes): start with ReLU; if units die, try Leaky ReLU or ELU; "
    "then PReLU or RReLU. Keep sigmoid/softmax for outputs that are probabilities."
)


def advice(p: Properties) -> list[str]:
    """Practical consequences of the derived properties, one sentence each."""
    out: list[str] = []
    if p.dead_zone:
        side = {"left": "negative", "right": "large"}.get(p.saturation, "")
        where = f" for {side} inputs" if side else " on a whole half-line"
        out.append(f"f′ is exactly 0{where}: a unit stuck there gets no gradient and can die "
                   "(Leaky ReLU or ELU avoid this).")
    if p.saturation == "both":
        out.append("Saturates on both sides: f′ → 0 far out, so gradients vanish through deep stacks; "
                   "better for gates and outputs than for deep hidden layers.")
    elif p.saturation in ("left", "right") and not p.dead_zone:
        out.append(f"Saturates softly on the {p.saturation} only: robust to noise there while gradients "
                   "still flow on the other side.")
    elif p.saturation == "none" and p.range_max is None and p.range_min is None:
        out.append("Never saturates and is unbounded: gradients do not vanish, but activations can grow.")
    hi = p.max_derivative
    if hi is not None and hi < 0.5 and p.saturation == "both":
        out.append(f"max f′ = {format_number(hi)} < 1: each layer shrinks the gradient at least "
                   f"{format_number(1 / hi) if hi > 0 else '∞'}-fold (vanishing gradient).")
    if not p.zero_centred:
        sign = "positive" if p.mean_output > 0 else "negative"
        out.append(f"Not zero-centred (mean output {_stat(p.mean_output)} under N(0, 1) input, {sign}): "
                   "weight updates of a neuron tend to share a sign, so training zig-zags.")
    elif p.family != "linear":
        out.append("Zero-centred under N(0, 1) input, which helps optimisation.")
    if abs(p.mean_output) < 1e-3 and abs(p.output_variance - 1.0) < 1e-3:
        out.append("Keeps mean 0 and variance 1 under N(0, 1) input (self-normalising).")
    if not p.monotonic:
        out.append("Not monotonic: a bump or dip near 0 adds expressiveness at some extra cost.")
    if p.identity_near_origin:
        out.append("Behaves like the identity near 0 (f(0) = 0, f′(0) = 1), which makes initialisation easy.")
    if p.continuity_order < 0:
        out.append("Discontinuous: its derivative says nothing about the jump, so gradient descent cannot "
                   "learn across it.")
    return out


class _KV(Table):
    """Two columns, key and value; plain strings are taken literally (no rich markup)."""

    def add_row(self, *cells: Any, **kwargs: Any) -> None:  # type: ignore[override]
        super().add_row(*(Text(c) if isinstance(c, str) else c for c in cells), **kwargs)


def _kv_table() -> Table:
    t = _KV(box=None, show_header=False, pad_edge=False, padding=(0, 2, 0, 0))
    t.add_column(style="bold", no_wrap=True)
    t.add_column(overflow="fold")
    return t


def _bullets(items: Iterable[str], style: str = "") -> Table:
    """A bulleted list whose wrapped lines hang under the text, not under the bullet."""
    t = Table.grid(padding=(0, 1, 0, 0))
    t.add_column(no_wrap=True)
    t.add_column(overflow="fold")
    for item in items:
        t.add_row("•", Text(item, style=style))
    return t


def info_card(act: Activation, p: Properties) -> RenderableType:
    """Everything actviz knows about one activation, for these parameters."""
    head = _kv_table()
    head.add_row("Formula", plain_formula(act.formula))
    head.add_row("Derivative", plain_formula(act.derivative_formula))
    head.add_row("Family", f"{act.family}")
    if act.aliases:
        head.add_row("Aliases", ", ".join(act.aliases))
    parts: list[RenderableType] = [Text(act.summary, style="italic"), Text(""), head]

    if act.params:
        params = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, title="Parameters",
                       title_justify="left", title_style="bold")
        params.add_column("Name", style="bold", no_wrap=True)
        params.add_column("Used", no_wrap=True)
        params.add_column("Default", no_wrap=True)
        params.add_column("Domain", overflow="fold")
        params.add_column("Meaning", overflow="fold", ratio=1)
        for prm in act.params:
            used = p.params[prm.name]
            shown = format_number(used) if isinstance(used, float) else str(used)
            default = format_number(prm.default) if isinstance(prm.default, float) else str(prm.default)
            params.add_row(Text(prm.name), Text(shown, style="bold yellow" if used != prm.default else ""),
                       Text(default), Text(prm.domain), Text(prm.help))
        parts += [Text(""), params]

    props = _kv_table()
    low_at = f" at x = {format_number(p.low.at)}" if p.low.closed and p.low.at is not None and p.extrema else ""
    high_at = f" at x = {format_number(p.high.at)}" if p.high.closed and p.high.at is not None and p.extrema else ""
    props.add_row("Range", Text(p.range_text, style="cyan").append(low_at and f"  (min{low_at})", style="")
                  .append(high_at and f"  (max{high_at})", style=""))
    props.add_row("f′ range", Text(p.derivative_range_text, style="cyan"))
    props.add_row("Limits at −∞, +∞", f"{_lim(p.limits[0])}, {_lim(p.limits[1])}")
    props.add_row("Saturation", Text(saturation_text(p), style=_saturation_style(p)))
    props.add_row("Dead zone", Text(_yes(p.dead_zone), style="bold red" if p.dead_zone else "green"))
    props.add_row("Monotonic", _monotonic_text(p))
    props.add_row("f′ monotonic", _yes(p.derivative_monotonic))
    props.add_row("Identity near 0", _yes(p.identity_near_origin))
    props.add_row("Symmetry", p.symmetry)
    props.add_row("Smoothness", p.continuity + (f"  (kinks at {', '.join(format_number(k) for k in p.kinks)})"
                                                 if p.kinks else ""))
    props.add_row("Zero-centred", Text(_yes(p.zero_centred), style="green" if p.zero_centred else "yellow"))
    props.add_row("Under Z ~ N(0,1)", f"E f(Z) = {_stat(p.mean_output)},  Var f(Z) = {_stat(p.output_variance)},  "
                                      f"E f′(Z) = {_stat(p.mean_derivative)}")
    if p.note:
        props.add_row("Note", Text(p.note[0].upper() + p.note[1:] + ".", style="yellow"))
    parts += [Text(""), Text("Derived properties", style="bold"), props]

    if act.notes:
        parts += [Text(""), Text("Notes", style="bold"), _bullets(act.notes)]
    parts += [Text(""), Text("Advice (derived from the properties above)", style="bold"), _bullets(advice(p)),
              _bullets([GENERAL_ADVICE], style="dim")]
    if act.reference and act.reference != "—":
        parts += [Text(""), Text.assemble(("Reference: ", "bold"), act.reference)]
    title = f"[bold]{act.label}[/bold] ({act.name})"
    if p.non_defaults:
        title += "  " + _params_text(p.non_defaults)
    return Panel(Group(*parts), title=title, title_align="left", box=box.ROUNDED, padding=(0, 1))


def _lim(v: float | None) -> str:
    return "none (oscillates)" if v is None else format_number(v)
