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
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .analysis import Properties, format_number, format_size, region_text
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
    _c("range_min_closed", "min attained", lambda p: _maybe(p.to_dict()["range_min_closed"]),
       lambda p: p.to_dict()["range_min_closed"]),
    _c("range_max_closed", "max attained", lambda p: _maybe(p.to_dict()["range_max_closed"]),
       lambda p: p.to_dict()["range_max_closed"]),
    _c("ranges", "Range of f / f′", lambda p: f"{p.range_text}\nf′ {p.derivative_range_text}",
       lambda p: {"range": p.range_text, "derivative_range": p.derivative_range_text}),
    _c("derivative_range", "f′ range", lambda p: p.derivative_range_text, lambda p: p.derivative_range_text),
    _c("min_derivative", "min f′", lambda p: format_number(p.min_derivative), lambda p: p.min_derivative),
    _c("max_derivative", "max f′", lambda p: format_number(p.max_derivative), lambda p: p.max_derivative),
    _c("saturation", "Saturation", saturation_text, lambda p: p.saturation, _saturation_style,
       "f′ → 0 on that side; hard: f′ = 0 exactly beyond a point (a dead zone)."),
    _c("saturation_left", "Left sat.", lambda p: p.saturation_left, lambda p: p.saturation_left),
    _c("saturation_right", "Right sat.", lambda p: p.saturation_right, lambda p: p.saturation_right),
    _c("zero_centred", "Centred", lambda p: _yes(p.zero_centred), lambda p: p.zero_centred,
       lambda p: "green" if p.zero_centred else "yellow", "|E f(Z)| < 0.05 for Z ~ N(0, 1)."),
    _c("monotonic", "Monotonic", _monotonic_text, lambda p: p.monotonic,
       lambda p: "" if p.monotonic else "magenta"),
    _c("monotonic_direction", "Direction", lambda p: p.monotonic_direction, lambda p: p.monotonic_direction),
    _c("derivative_monotonic", "f′ monotonic", lambda p: _yes(p.derivative_monotonic), lambda p: p.derivative_monotonic),
    _c("dead_zone", "Dead zone", lambda p: _yes(p.dead_zone), lambda p: p.dead_zone,
       lambda p: "bold red" if p.dead_zone else "green", "f′ = 0 on a whole half-line: units can die."),
    _c("zero_gradient", "f′ = 0 on", lambda p: p.zero_gradient_text, lambda p: p.zero_gradient_text,
       lambda p: "" if not p.zero_gradient_intervals else "yellow",
       "where f′ is exactly 0 (a bounded band passes no gradient but is not a dead zone)."),
    _c("identity_near_origin", "≈ x at 0", lambda p: _yes(p.identity_near_origin), lambda p: p.identity_near_origin),
    _c("symmetry", "Symmetry", lambda p: p.symmetry, lambda p: p.symmetry),
    _c("continuity", "Smoothness", lambda p: p.smoothness_text, lambda p: p.continuity,
       lambda p: "red" if p.material_jump else "", "Cᵏ: k continuous derivatives; a jump is given with its size "
       "(negligible: below 10⁻⁶ of the size of f)."),
    _c("max_jump", "Max jump", lambda p: format_size(p.max_jump), lambda p: p.max_jump),
    _c("mean_output", "E f(Z)", lambda p: _stat(p.mean_output), lambda p: _finite(p.mean_output),
       help="mean of f(Z) for Z ~ N(0, 1)."),
    _c("output_variance", "Var f(Z)", lambda p: _stat(p.output_variance), lambda p: _finite(p.output_variance),
       help="variance of f(Z) for Z ~ N(0, 1)."),
    _c("mean_derivative", "E f′(Z)", lambda p: _stat(p.mean_derivative), lambda p: _finite(p.mean_derivative),
       help="mean of f′(Z) for Z ~ N(0, 1): how much gradient passes on average."),
]

#: every column, by key (the keys are also the JSON keys)
COLUMNS: dict[str, Column] = {c.key: c for c in _COLUMN_LIST}

#: the keys of one JSON object / CSV row when no --columns are given
MACHINE_KEYS = (
    "name", "family", "params", "formula", "range", "range_min", "range_max", "max_derivative",
    "min_derivative", "monotonic", "derivative_monotonic", "identity_near_origin", "symmetry", "continuity",
    "saturation", "saturation_left", "saturation_right", "dead_zone", "zero_centred", "mean_output",
    "output_variance", "mean_derivative",
    # added after the keys (existing keys and their order are unchanged)
    "range_min_closed", "range_max_closed", "derivative_range", "monotonic_direction", "max_jump", "zero_gradient",
)

_NARROW = ("name", "ranges", "saturation", "zero_centred", "monotonic")  # "hard" saturation = dead zone
_MEDIUM = ("name", "formula", "range", "derivative_range", "saturation", "zero_centred", "monotonic", "dead_zone")
_WIDE = _MEDIUM + ("continuity", "symmetry", "mean_derivative")
_PAPER = ("name", "formula", "range", "derivative_range", "saturation", "zero_centred", "monotonic", "dead_zone",
          "continuity")


def _maybe(v: bool | None) -> str:
    return "—" if v is None else _yes(v)


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


def _notes(rows: Sequence[Properties], columns: Sequence[str]) -> list[str]:
    """Footnotes for the columns shown (and the vector note when a vector activation is a row)."""
    notes = [f"{COLUMNS[k].header}: {COLUMNS[k].help}" for k in columns if COLUMNS[k].help]
    if any(p.vector for p in rows):
        notes.append("* vector activation, shown for 2 logits: x and 0 (softmax(x, 0)₁ = σ(x)).")
    return notes


def _table_overhead(n: int) -> int:
    """Width a SIMPLE_HEAD table with ``pad_edge=False`` adds to ``n`` columns' content:
    2 edge characters, n − 1 separators, padding 1 + 1 except at the outer edges."""
    return 2 + (n - 1) + 2 * n - 2


def _share(mins: list[int], maxs: list[int], avail: int) -> list[int]:
    """Column widths between ``mins`` and ``maxs`` summing to at most ``avail`` (``sum(mins) ≤ avail``):
    every column its natural width if all fit; else the spare width is water-filled, so that columns
    needing little get all they need and the others share the rest equally."""
    if sum(maxs) <= avail:
        return list(maxs)
    need = [max(0, mx - mn) for mn, mx in zip(mins, maxs)]
    spare = max(0, avail - sum(mins))
    level = 0  # the largest L with sum(min(need, L)) ≤ spare
    for cap in sorted(set(need)):
        if sum(min(n, cap) for n in need) > spare:
            break
        level = cap
    else:
        return list(maxs)
    widths = [mn + min(n, level) for mn, n in zip(mins, need)]
    left = avail - sum(widths)
    for i in sorted(range(len(need)), key=lambda i: need[i]):  # what remains: one more each, smallest needs first
        if left <= 0:
            break
        extra = min(need[i] - min(need[i], level), left // max(1, sum(n > level for n in need)) or 1, left)
        if extra > 0:
            widths[i] += extra
            left -= extra
    return widths


class FittedTable:
    """A table laid out for the width it is printed at.

    Each column is at least as wide as its longest word (header included), so no word is broken;
    the spare width is shared by need. When even those minimum widths do not fit, the columns are
    stacked in several tables, each repeating the first column, so no column asked for is dropped.
    Footnotes follow the tables as wrapped text (never cut).
    """

    def __init__(self, headers: Sequence[Text], rows: Sequence[Sequence[Text]], *, no_wrap: Sequence[bool],
                 column_style: Sequence[str | None], sections: Sequence[bool] = (), notes: Sequence[str] = (),
                 expand: bool = False, breakable: Sequence[bool] = (), prefer: tuple[int, int] | None = None,
                 caps: Sequence[int | None] = ()) -> None:
        self.headers, self.rows, self.no_wrap, self.column_style = list(headers), [list(r) for r in rows], no_wrap, column_style
        self.sections = list(sections) or [False] * len(self.rows)
        self.notes, self.expand = list(notes), expand
        self.breakable = list(breakable) or [False] * len(self.headers)  #: long words there may be folded
        self.prefer = prefer  #: (column, width): that column gets up to that width before the others grow
        self.caps = list(caps) or [None] * len(self.headers)  #: widest a column grows (its lines wrap beyond)

    def _range(self, console: Console, options: ConsoleOptions, i: int) -> tuple[int, int, int]:
        """(longest word, longest line of the cells, longest line including the header)."""
        cells = [self.headers[i], *(r[i] for r in self.rows)]
        measured = [Measurement.get(console, options, c) for c in cells]
        low = max(m.minimum for m in measured)
        body = max((m.maximum for m in measured[1:]), default=0)
        if self.breakable[i]:
            low = min(low, max(12, measured[0].minimum))
        if self.no_wrap[i]:  # its cells keep their lines; only the header may wrap between words
            low = max(low, body)
        cap = self.caps[i] if self.caps[i] is not None else 10**6
        return low, max(low, min(body, cap)), max(low, min(max(body, measured[0].maximum), cap))

    def groups(self, console: Console, options: ConsoleOptions) -> list[tuple[list[int], list[int]]]:
        """[(column indices, widths)] for each table to print."""
        width = options.max_width
        wide = options.update_width(10_000)
        ranges = [self._range(console, wide, i) for i in range(len(self.headers))]
        mins = [r[0] for r in ranges]
        n = len(ranges)
        if sum(mins) + _table_overhead(n) <= width or n == 1:
            return [(list(range(n)), self._widths(list(range(n)), ranges, width))]
        out: list[list[int]] = []
        group = [0]
        for i in range(1, n):
            if len(group) > 1 and sum(mins[j] for j in group) + mins[i] + _table_overhead(len(group) + 1) > width:
                out.append(group)
                group = [0]
            group.append(i)
        out.append(group)
        return [(g, self._widths(g, ranges, width)) for g in out]

    def _widths(self, cols: list[int], ranges: list[tuple[int, int, int]], width: int) -> list[int]:
        """Minimum widths, then unwrapped cells, then unwrapped headers, as far as the width allows."""
        avail = max(width - _table_overhead(len(cols)), 0)
        sub_min = [ranges[i][0] for i in cols]
        if sum(sub_min) > avail:  # narrower than its longest words: let rich fold what it must
            return [max(1, m * avail // max(1, sum(sub_min))) for m in sub_min]
        if self.prefer is not None and self.prefer[0] in cols:
            j = cols.index(self.prefer[0])
            sub_min[j] = min(max(sub_min[j], self.prefer[1], 0), ranges[cols[j]][1], avail - sum(sub_min) + sub_min[j])
        widths = _share(sub_min, [ranges[i][1] for i in cols], avail)
        for j in sorted(range(len(cols)), key=lambda j: ranges[cols[j]][2] - widths[j]):  # unwrap what fits
            need = ranges[cols[j]][2] - widths[j]
            if 0 < need <= avail - sum(widths):
                widths[j] += need
        if self.expand and sum(widths) < avail:
            widths[-1] += avail - sum(widths)
        return widths

    def _table(self, cols: list[int], widths: list[int]) -> Table:
        table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, expand=False)
        for i, w in zip(cols, widths):
            table.add_column(self.headers[i], width=w, overflow="fold", style=self.column_style[i])
        for row, section in zip(self.rows, self.sections):
            if section:
                table.add_section()
            cells = [row[i] for i in cols]
            for i, cell in zip(cols, cells):
                if self.no_wrap[i]:  # the cell keeps its lines (its width is at least their length)
                    cell.no_wrap = True
            table.add_row(*cells)
        return table

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        groups = self.groups(console, options)
        for n, (cols, widths) in enumerate(groups):
            if n:
                yield Text("")
            yield self._table(cols, widths)
        for note in self.notes:
            yield Text(note)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        groups = self.groups(console, options)
        widest = max(sum(w) + _table_overhead(len(w)) for _, w in groups)
        return Measurement(min(widest, options.max_width), options.max_width if self.notes else widest)


def rich_table(rows: Sequence[Properties], columns: Sequence[str] = _NARROW) -> FittedTable:
    """A terminal table fitted to the console it is printed on: every column asked for is shown
    (stacked in several tables when they cannot fit side by side), no word is broken."""
    headers = [Text(COLUMNS[k].header) for k in columns]
    body: list[list[Text]] = []
    sections: list[bool] = []
    family = None
    for p in rows:
        sections.append(family is not None and p.family != family)  # a rule between families
        family = p.family
        cells = []
        for key in columns:
            col = COLUMNS[key]
            cells.append(_name_cell(p) if key == "name" else Text(col.text(p), style=col.style(p) if col.style else ""))
        body.append(cells)
    ranges = ("range", "derivative_range", "ranges", "zero_gradient")
    return FittedTable(headers, body, no_wrap=[k in ranges[:3] for k in columns],
                       column_style=["cyan" if k in ranges[:3] else None for k in columns],
                       sections=sections, notes=_notes(rows, columns),
                       caps=[{"name": 24, "formula": 40}.get(k) for k in columns])


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
_LATEX_MATH = {"−": "-", "∞": r"\infty", "′": "'", "σ": r"\sigma", "₁": "_1", "∪": r"\cup", "≤": r"\leq"}
_LATEX_TEXT = {"−": "$-$", "∞": r"$\infty$", "′": "$'$", "≈": r"$\approx$", "σ": r"$\sigma$", "₁": "$_1$",
               "≤": r"$\leq$", "≥": r"$\geq$", "∪": r"$\cup$", "→": r"$\to$"}


def _tex_escape(text: str) -> str:
    """Text-mode LaTeX: special characters escaped, the few Unicode symbols actviz prints as math."""
    return "".join(_LATEX_SPECIAL.get(c) or _LATEX_TEXT.get(c, c) for c in text)


def _tex_number(text: str) -> str:
    r"""A number from :func:`format_number` in math mode (without $): 2.1e−09 -> 2.1\times10^{-9}."""
    m = re.fullmatch(r"(−?[\d.]+)e([+−-]?)(\d+)", text)
    if m:
        sign = "-" if m.group(2) in "−-" and m.group(2) else ""
        return "".join(_LATEX_MATH.get(c, c) for c in m.group(1)) + r"\times10^{" + sign + str(int(m.group(3))) + "}"
    return "".join(_LATEX_MATH.get(c, c) for c in text)


def _tex_math(text: str) -> str:
    return "$" + "".join(_LATEX_MATH.get(c, c) for c in text) + "$"


def _tex_params(p: Properties) -> str:
    r"""``$\alpha=0.01$``, ``min\_val$=-1$``, ``approximate=\texttt{none}``: a parameter with a mathtext
    symbol reads as maths; string values are typewriter text, never math italic."""
    from .catalog import REGISTRY

    act = REGISTRY.get(p.name)
    symbols = {prm.name: prm.symbol for prm in act.params} if act is not None else {}
    parts = []
    for k, v in p.params.items():
        sym = symbols.get(k, "")
        if isinstance(v, str):
            value = r"\texttt{" + _tex_escape(v) + "}"
            parts.append(f"${sym}=${value}" if sym else f"{_tex_escape(k)}={value}")
        else:
            number = _tex_number(format_number(v) if isinstance(v, float) else str(v))
            parts.append(f"${sym}={number}$" if sym else f"{_tex_escape(k)}$={number}$")
    return ", ".join(parts)


def _tex_smoothness(p: Properties) -> str:
    if p.continuity_order >= 0:
        return "$C^{" + ("\\infty" if p.continuity_order == math.inf else str(int(p.continuity_order))) + "}$"
    if not p.jumps:
        return _tex_escape(p.smoothness_text)
    xs = ", ".join(_tex_number(format_number(x)) for x, _ in p.jumps)
    size = _tex_number(format_size(p.max_jump))
    what = f"jump ${size}$ at $x = {xs}$" if len(p.jumps) == 1 else f"jumps up to ${size}$ at $x = {xs}$"
    return f"discontinuous: {what}" + ("" if p.material_jump else " (negligible)")


_TEX_NUMBERS = ("range_min", "range_max", "min_derivative", "max_derivative", "mean_output", "output_variance",
                "mean_derivative", "max_jump")


def _tex_cell(p: Properties, key: str) -> str:
    if key == "name":
        name = r"\texttt{" + _tex_escape(p.name) + "}" + ("$^*$" if p.vector else "")
        return name + (f" ({_tex_params(p)})" if p.params else "")
    if key == "params":
        return _tex_params(p) or "---"
    if key == "formula":
        return "$" + p.formula + "$"
    if key == "continuity":
        return _tex_smoothness(p)
    text = COLUMNS[key].text(p)
    if key in _TEX_NUMBERS:
        return "---" if text == "—" else "$" + _tex_number(text) + "$"
    if key in ("range", "derivative_range") or (key == "zero_gradient" and p.zero_gradient_intervals):
        return _tex_math(text)
    if key == "ranges":
        return _tex_math(p.range_text) + r", $f'$ " + _tex_math(p.derivative_range_text)
    return _tex_escape(text).replace("—", "---")


def latex_table(rows: Sequence[Properties], columns: Sequence[str] = _PAPER) -> str:
    """A booktabs ``tabular`` ready to paste into a paper; its first line is a comment saying that
    it needs ``\\usepackage{booktabs}``."""
    headers = [_tex_escape(COLUMNS[k].header) for k in columns]
    lines = [r"% requires \usepackage{booktabs} in the preamble (for \toprule, \midrule, \bottomrule)",
             r"\begin{tabular}{" + "l" * len(columns) + "}", r"\toprule", " & ".join(headers) + r" \\", r"\midrule"]
    for p in rows:
        lines.append(" & ".join(_tex_cell(p, k) for k in columns) + r" \\")
    lines += [r"\bottomrule", r"\end{tabular}"]
    if any(p.vector for p in rows):
        lines.append(r"% * vector activation, shown for 2 logits (x, 0): its first output as a function of x")
    return "\n".join(lines) + "\n"


# -- list and info --------------------------------------------------------------------------------


def list_table(acts: Iterable[Activation], headings: dict[str, str] | None = None) -> FittedTable:
    """Canonical names, aliases, family and one-line summary; names are never broken (aliases
    fold after ", " only), the summary takes what width is left."""
    rows = [[Text(act.name), Text(", ".join(act.aliases) or "—"), Text(act.family), Text(act.summary)]
            for act in acts]  # Text, not markup: summaries contain brackets such as [lower, upper]
    headers = [Text(h) for h in ("Name", "Aliases", "Family", "Summary")]
    return FittedTable(headers, rows, no_wrap=[True, False, True, False],
                       column_style=["bold", "dim", "cyan", None], expand=True, breakable=[False, False, False, True],
                       prefer=(3, 40))


GENERAL_ADVICE = (
    "How to choose (as in the reference notes): start with ReLU; if units die, try Leaky ReLU or ELU; "
    "then PReLU or RReLU. Keep sigmoid/softmax for outputs that are probabilities."
)


def advice(p: Properties) -> list[str]:
    """Practical consequences of the derived properties, one sentence each."""
    out: list[str] = []
    unbounded = tuple(i for i in p.zero_gradient_intervals if i not in p.zero_gradient)
    if p.dead_zone:
        where = region_text(unbounded) if unbounded else "a whole half-line"
        if where == "every x":
            out.append("f′ is exactly 0 for every x: no gradient passes through it at all, so gradient "
                       "descent cannot train the layers below it.")
        else:
            out.append(f"f′ is exactly 0 for {where}: a unit stuck there gets no gradient and can die "
                       "(Leaky ReLU or ELU avoid this).")
    if p.zero_gradient:
        out.append(f"f′ is exactly 0 for {region_text(p.zero_gradient)}: inputs in this bounded band pass no "
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
        out.append(f"max f′ = {format_number(hi)} < 1: each layer shrinks the gradient at least "
                   f"{format_number(1 / hi)}-fold (vanishing gradient).")
    if not p.zero_centred:
        sign = "positive" if p.mean_output > 0 else "negative"
        out.append(f"Not zero-centred (mean output {_stat(p.mean_output)} under N(0, 1) input, {sign}): "
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
        where = ", ".join(format_number(x) for x, _ in p.jumps)
        if p.material_jump:
            jump = f"a jump of {format_size(p.max_jump)} at x = {where}" if len(p.jumps) == 1 else \
                f"jumps of up to {format_size(p.max_jump)} at x = {where}"
            out.append(f"Discontinuous ({jump}): its derivative says nothing about the jump, so gradient "
                       "descent cannot learn across it.")
        elif p.jumps:
            out.append(f"Its jump of {format_size(p.max_jump)} at x = {where} is negligible (less than 10⁻⁶ of "
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
        what = f"a {kind} of {format_number(v)} at x = {format_number(x)}"
        if len(p.extrema) > 1:
            times = f"at {len(p.extrema)} points" if len(p.extrema) <= 5 else "again and again"
            parts.append(f"f′ changes sign {times} (nearest 0: {what}), so f has several bumps or oscillates")
        else:
            parts.append(f"{what} where f′ changes sign; such a bump or dip adds expressiveness at some "
                         "extra cost")
    for kind, x, a, b in p.turns:
        if kind.startswith("corner"):
            parts.append(f"slopes of opposite sign meet at x = {format_number(x)} (f′ = {format_number(a)} on "
                         f"the left, {format_number(b)} on the right): a {kind}")
        elif kind == "jump":
            way = "down" if b < a else "up"
            parts.append(f"f jumps {way} at x = {format_number(x)} (from {format_number(a)} to "
                         f"{format_number(b)}) against its slope there")
    if not parts:
        parts.append("f both rises and falls")
    return "Not monotonic: " + "; ".join(parts) + "."


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
    props.add_row("f′ exactly 0 on", Text(p.zero_gradient_text, style="yellow" if p.zero_gradient else "")
                  .append("  (a bounded band: no gradient there, but not a dead zone)" if p.zero_gradient else ""))
    props.add_row("Monotonic", _monotonic_text(p))
    props.add_row("f′ monotonic", _yes(p.derivative_monotonic))
    props.add_row("Identity near 0", _yes(p.identity_near_origin))
    props.add_row("Symmetry", p.symmetry)
    others = [k for k in p.kinks if k not in {x for x, _ in p.jumps}]
    kinks = f"  ({'other ' if p.jumps else ''}kinks at {', '.join(format_number(k) for k in others)})" if others else ""
    props.add_row("Smoothness", Text(p.smoothness_text, style="red" if p.material_jump else "").append(kinks))
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
