"""Rows of :class:`~actviz.properties.Properties` -> columns, and the plain formats: markdown, csv,
json and LaTeX (strings). The terminal's rich tables (actviz.terminal) use the same columns.

Nothing here prints or imports rich.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from . import text
from .errors import ParameterError, closest
from .errors import option as opt
from .messages import MESSAGES, current, is_chinese, language, msg
from .options import check_format
from .properties import UNDECIDED_VALUE, Properties

__all__ = [
    "FORMATS", "PLAIN_FORMATS", "COLUMNS", "MACHINE_KEYS", "Column", "parse_columns", "default_columns",
    "render", "markdown_table", "csv_table", "json_table", "latex_table", "saturation_text",
    "monotonic_text", "saturation_style", "yes", "maybe", "stat", "symmetry_text",
    "INFO_FORMATS", "info_facts", "info_title", "info_latex", "info_markdown", "info_json", "render_info",
]

FORMATS = ("rich", "markdown", "csv", "json", "latex")
PLAIN_FORMATS = FORMATS[1:]


# -- columns --------------------------------------------------------------------------------------


def yes(value: bool) -> str:
    return msg("word.yes") if value else msg("word.no")


def _word(value: str) -> str:
    """An enumerated value of a property ("soft", "increasing", "odd", "none") for people."""
    return msg("word." + value)


def saturation_text(p: Properties) -> str:
    """``none``, ``both (soft)``, ``left (hard)`` or ``left hard, right soft``; ``undecided`` or
    ``left soft, right undecided`` where the limit of f′ on a side is undecided."""
    left, right = _word(p.saturation_left), _word(p.saturation_right)
    if p.saturation == "undecided":
        return left if left == right else msg("saturation.mixed", left=left, right=right)
    if p.saturation == "none":
        return _word("none")
    if p.saturation == "both":
        return msg("saturation.both", kind=left) if left == right else msg("saturation.mixed", left=left, right=right)
    return msg("saturation.left", kind=left) if p.saturation == "left" else msg("saturation.right", kind=right)


def monotonic_text(p: Properties) -> str:
    return _word(p.direction) if p.monotonic else msg("word.no")


def symmetry_text(p: Properties) -> str:
    """``odd``, ``even`` or ``none``."""
    return _word(p.symmetry)


def saturation_style(p: Properties) -> str:
    if p.saturation == "undecided":
        return "dim"
    if p.saturation == "none":
        return "green"
    if "hard" in (p.saturation_left, p.saturation_right):
        return "bold red"
    return "red" if p.saturation == "both" else "yellow"


@dataclass(frozen=True)
class Column:
    """One table column: its key (as in JSON), text for people, value for machines; its header and
    footnote are the messages ``column.<key>`` and ``column.<key>.help``, in the language in force."""

    key: str
    text: Callable[[Properties], str]
    value: Callable[[Properties], Any]
    style: Callable[[Properties], str] | None = None

    @property
    def header(self) -> str:
        return msg("column." + self.key)

    @property
    def help(self) -> str:
        key = f"column.{self.key}.help"
        return msg(key) if key in MESSAGES else ""


def _c(key: str, shown: Callable[[Properties], str], value: Callable[[Properties], Any] | None = None,
       style: Callable[[Properties], str] | None = None) -> Column:
    return Column(key, shown, value or (lambda p, k=key: p.to_dict()[k]), style)


_COLUMN_LIST = [
    _c("name", lambda p: p.name, lambda p: p.name),
    _c("label", lambda p: p.label, lambda p: p.label),
    _c("family", lambda p: p.family, lambda p: p.family),
    _c("params", lambda p: text.assignments(p.params) or "—", lambda p: dict(p.params)),
    _c("formula", lambda p: text.plain_formula(p.formula), lambda p: p.formula),
    _c("range", text.range_set),
    _c("range_min", lambda p: text.number(p.range_min)),
    _c("range_max", lambda p: text.number(p.range_max)),
    _c("range_min_closed", lambda p: maybe(p.to_dict()["range_min_closed"])),
    _c("range_max_closed", lambda p: maybe(p.to_dict()["range_max_closed"])),
    _c("ranges", lambda p: f"{text.range_set(p)}\nf′ {text.derivative_set(p)}",
       lambda p: {"range": p.range_text, "derivative_range": p.derivative_range_text}),
    _c("derivative_range", text.derivative_set),
    _c("range_set", text.range_set),
    _c("derivative_set", text.derivative_set),
    _c("min_derivative", lambda p: text.number(p.min_derivative)),
    _c("max_derivative", lambda p: text.number(p.max_derivative)),
    _c("saturation", saturation_text, lambda p: p.saturation, saturation_style),
    _c("saturation_left", lambda p: _word(p.saturation_left), lambda p: p.saturation_left),
    _c("saturation_right", lambda p: _word(p.saturation_right), lambda p: p.saturation_right),
    _c("zero_centred", lambda p: yes(p.zero_centred), lambda p: p.zero_centred,
       lambda p: "green" if p.zero_centred else "yellow"),
    _c("monotonic", monotonic_text, lambda p: p.monotonic, lambda p: "" if p.monotonic else "magenta"),
    _c("monotonic_direction", lambda p: _word(p.monotonic_direction), lambda p: p.monotonic_direction),
    _c("derivative_monotonic", lambda p: yes(p.derivative_monotonic), lambda p: p.derivative_monotonic),
    _c("dead_zone", lambda p: yes(p.dead_zone), lambda p: p.dead_zone,
       lambda p: "bold red" if p.dead_zone else "green"),
    _c("zero_gradient", text.zero_gradient, lambda p: p.zero_gradient_text,
       lambda p: "" if not p.zero_gradient_intervals else "yellow"),
    _c("identity_near_origin", lambda p: yes(p.identity_near_origin), lambda p: p.identity_near_origin),
    _c("symmetry", symmetry_text, lambda p: p.symmetry),
    _c("continuity", text.smoothness, lambda p: p.continuity, lambda p: "red" if p.material_jump else ""),
    _c("max_jump", lambda p: text.size(p.max_jump), lambda p: p.max_jump),
    _c("mean_output", lambda p: stat(p.mean_output), lambda p: _finite(p.mean_output)),
    _c("output_variance", lambda p: stat(p.output_variance), lambda p: _finite(p.output_variance)),
    _c("mean_derivative", lambda p: stat(p.mean_derivative), lambda p: _finite(p.mean_derivative)),
    _c("mean_output_error", lambda p: text.size(p.moment_errors[0]), lambda p: _finite(p.moment_errors[0])),
    _c("output_variance_error", lambda p: text.size(p.moment_errors[1]), lambda p: _finite(p.moment_errors[1])),
    _c("mean_derivative_error", lambda p: text.size(p.moment_errors[2]), lambda p: _finite(p.moment_errors[2])),
    _c("self_normalising", lambda p: yes(p.self_normalising), lambda p: p.self_normalising),
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
    "range_set", "derivative_set", "mean_output_error", "output_variance_error", "mean_derivative_error",
    "self_normalising",
)

_NARROW = ("name", "ranges", "saturation", "zero_centred", "monotonic")  # "hard" saturation = dead zone
_MEDIUM = ("name", "formula", "range", "derivative_range", "saturation", "zero_centred", "monotonic", "dead_zone")
_WIDE = _MEDIUM + ("continuity", "symmetry", "mean_derivative")
_PAPER = ("name", "formula", "range", "derivative_range", "saturation", "zero_centred", "monotonic", "dead_zone",
          "continuity")


def maybe(v: bool | str | None) -> str:
    """yes, no, ``—`` (None: no such end), or ``undecided``."""
    if v == UNDECIDED_VALUE:
        return msg("word.undecided")
    return "—" if v is None else yes(bool(v))


def stat(v: float) -> str:
    """A statistic under N(0, 1) input, to 3 decimals; — where it does not exist."""
    return text.fixed(v, 3)


def _finite(v: float) -> float | None:
    return v if math.isfinite(v) else None


def parse_columns(text: str | Sequence[str] | None) -> tuple[str, ...] | None:
    """``"name,range"`` (or a list of such) -> validated column keys; None means the default."""
    if text is None:
        return None
    parts = [text] if isinstance(text, str) else list(text)
    keys = [k.strip().lower().replace("-", "_") for part in parts for k in part.split(",") if k.strip()]
    if not keys:
        raise ParameterError(f"{opt('columns')} is empty: give a comma-separated list, valid columns: "
                             + ", ".join(COLUMNS))
    for k in keys:
        if k not in COLUMNS:
            hint = closest(k, COLUMNS, n=1)
            did = f"did you mean {hint[0]!r}? " if hint else ""
            raise ParameterError(f"unknown column {k!r}; {did}valid columns are " + ", ".join(COLUMNS))
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


def render(rows: Sequence[Properties], fmt: str = "markdown", columns: Sequence[str] | None = None) -> str:
    """Rows in a plain format: ``markdown``, ``csv``, ``json`` or ``latex`` (``rich``: see actviz.terminal)."""
    check_format(fmt, PLAIN_FORMATS)
    cols = tuple(columns) if columns else default_columns(fmt)
    return {"markdown": markdown_table, "csv": csv_table, "json": json_table, "latex": latex_table}[fmt](rows, cols)


# -- markdown, csv, json, latex -------------------------------------------------------------------


def _md_escape(text: str) -> str:
    return text.replace("|", r"\|")


def _md_cell(p: Properties, key: str) -> str:
    """One cell of a pipe table: never a raw newline (it would end the row), ``<br>`` instead."""
    if key == "name":
        name = f"**{p.name}**" + (r"\*" if p.vector else "")
        shown = text.shown_assignments(p.bound)
        return name + (f" ({shown})" if shown else "")
    if key == "formula":
        return "$" + _md_escape(p.formula) + "$"
    return _md_escape(COLUMNS[key].text(p)).replace("\n", "<br>")


def symbol_notes(rows: Sequence[Properties], columns: Sequence[str], *, tex: bool = False) -> list[str]:
    """Where the formula column is shown: which parameter each formula symbol stands for, per
    activation (``threshold: t = threshold, v = value``; ``tex``: symbols as LaTeX maths)."""
    if "formula" not in columns:
        return []
    seen: dict[str, str] = {}
    for p in rows:
        if tex:
            mapping = ", ".join(f"${prm.symbol}$ = {_tex_escape(prm.name)}" for prm in p.bound.act.params if prm.symbol)
        else:
            mapping = text.symbols_text(p.bound.act)
        if mapping:
            seen.setdefault(_tex_escape(p.name) if tex else p.name, mapping)
    return [msg("table.symbols", symbols=msg("text.list_sep_strong").join(f"{name}: {m}" for name, m in seen.items()))] \
        if seen else []


def markdown_table(rows: Sequence[Properties], columns: Sequence[str] = _PAPER) -> str:
    """A GitHub-flavoured pipe table (formulas as $…$ math), ready to paste into a post."""
    lines = ["| " + " | ".join(COLUMNS[k].header for k in columns) + " |",
             "|" + "|".join(" --- " for _ in columns) + "|"]
    for p in rows:
        lines.append("| " + " | ".join(_md_cell(p, k) for k in columns) + " |")
    notes = symbol_notes(rows, columns)
    if any(p.vector for p in rows):
        notes.append(msg("table.vector_note_markdown"))
    if notes:
        lines += ["", *(_md_escape(n) if not n.startswith("\\*") else n for n in notes)]
    return "\n".join(lines) + "\n"


def _machine(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def json_table(rows: Sequence[Properties], columns: Sequence[str] = MACHINE_KEYS) -> str:
    """A JSON list of objects in the order given; numbers as numbers, null where unbounded. Data, the
    same in every language (``"discontinuous"``, ``"none"``)."""
    keys = columns if "name" in columns else ("name", *columns)
    with language("en"):
        data = [{k: _machine(COLUMNS[k].value(p)) for k in keys} for p in rows]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return text.assignments(value, sep="; ")
    if isinstance(value, list):  # a set's pieces: JSON, as in --format json
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else ""
    return str(value)


def csv_table(rows: Sequence[Properties], columns: Sequence[str] = MACHINE_KEYS) -> str:
    """CSV with a header row; the same columns as JSON (booleans as true/false, empty = unbounded); the
    same in every language."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    with language("en"):
        for p in rows:
            writer.writerow([_csv_value(_machine(COLUMNS[k].value(p))) for k in columns])
    return buf.getvalue()


_LATEX_SPECIAL = {"&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": r"\{", "}": r"\}",
                  "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "\\": r"\textbackslash{}"}
_LATEX_MATH = {"−": "-", "∞": r"\infty", "′": "'", "σ": r"\sigma", "₁": "_1", "∪": r"\cup", "≤": r"\leq", "±": r"\pm"}
_LATEX_TEXT = {"−": "$-$", "∞": r"$\infty$", "′": "$'$", "≈": r"$\approx$", "±": r"$\pm$", "σ": r"$\sigma$", "₁": "$_1$",
               "≤": r"$\leq$", "≥": r"$\geq$", "∪": r"$\cup$", "→": r"$\to$"}


def _tex_escape(text: str) -> str:
    """Text-mode LaTeX: special characters escaped, the few Unicode symbols actviz prints as math (side by
    side, one piece of maths: ``−∞`` -> ``$-\\infty$``)."""
    return re.sub(r"(?<!\\)\$\$", "", "".join(_LATEX_SPECIAL.get(c) or _LATEX_TEXT.get(c, c) for c in text))


def _tex_number(text: str) -> str:
    r"""A number from :func:`format_number` in math mode (without $): 2.1e−09 -> 2.1\times10^{-9}."""
    m = re.fullmatch(r"(−?[\d.]+)e([+−-]?)(\d+)", text)
    if m:
        sign = "-" if m.group(2) in "−-" and m.group(2) else ""
        return "".join(_LATEX_MATH.get(c, c) for c in m.group(1)) + r"\times10^{" + sign + str(int(m.group(3))) + "}"
    return "".join(_LATEX_MATH.get(c, c) for c in text)


def _tex_math(text: str) -> str:
    """Display text (a range, a set) as LaTeX maths: ``{0, 1}`` -> ``$\\{0, 1\\}$``, ``∪`` -> ``\\cup``."""
    return "$" + "".join(_LATEX_MATH.get(c, c) for c in text).replace("{", r"\{").replace("}", r"\}") + "$"


def _tex_params(p: Properties, values: Any = None) -> str:
    r"""``$\alpha=0.01$``, ``min\_val$=-1$``, ``approximate=\texttt{none}``: a parameter with a mathtext
    symbol reads as maths; string values are typewriter text, never math italic."""
    symbols = {prm.name: prm.symbol for prm in p.bound.act.params}
    parts = []
    for k, v in (p.params if values is None else values).items():
        sym = symbols.get(k, "")
        if isinstance(v, str):
            value = r"\texttt{" + _tex_escape(v) + "}"
            parts.append(f"${sym}=${value}" if sym else f"{_tex_escape(k)}={value}")
        else:
            number = _tex_number(text.number(v) if isinstance(v, float) else str(v))
            parts.append(f"${sym}={number}$" if sym else f"{_tex_escape(k)}$={number}$")
    return ", ".join(parts)


def _tex_smoothness(p: Properties) -> str:
    if p.continuity_order >= 0:
        return "$C^{" + ("\\infty" if p.continuity_order == math.inf else str(int(p.continuity_order))) + "}$"
    if not p.jumps:
        return _tex_escape(text.smoothness(p))
    xs = ", ".join(_tex_number(text.number(x)) for x, _ in p.jumps)
    size = _tex_number(text.size(p.max_jump))
    what = msg("smoothness.jump" if len(p.jumps) == 1 else "smoothness.jumps", size=f"${size}$", at=f"${xs}$")
    return f"{_tex_escape(msg('text.discontinuous'))}: " + what.replace("x = $", "$x = ") + \
        ("" if p.material_jump else _tex_escape(msg("smoothness.negligible")))


_TEX_NUMBERS = ("range_min", "range_max", "min_derivative", "max_derivative", "mean_output", "output_variance",
                "mean_derivative", "max_jump")


def _tex_cell(p: Properties, key: str) -> str:
    if key == "name":
        name = r"\texttt{" + _tex_escape(p.name) + "}" + ("$^*$" if p.vector else "")
        shown = text.shown_params(p.bound)  # a plain ReLU's α = 0 is noise in a paper's table too
        return name + (f" ({_tex_params(p, shown)})" if shown else "")
    if key == "params":
        return _tex_params(p) or "---"
    if key == "formula":  # a line may break after each piece of a formula written in pieces
        return "$" + p.formula.replace(r",\ \ ", r",\allowbreak\ \ ") + "$"
    if key == "continuity":
        return _tex_smoothness(p)
    shown = COLUMNS[key].text(p)
    if COLUMNS[key].value(p) == UNDECIDED_VALUE:
        return _tex_escape(shown)
    if key in _TEX_NUMBERS:
        return "---" if shown == "—" else "$" + _tex_number(shown) + "$"
    if key in ("range", "derivative_range") or (key == "zero_gradient" and p.zero_gradient_intervals):
        return _tex_math(shown)
    if key == "ranges":
        f, df = (_tex_math(t) if ok else _tex_escape(t) for t, ok in ((text.range_set(p), p.range_decided),
                                                                      (text.derivative_set(p), p.derivative_range_decided)))
        return f + r", $f'$ " + df
    return _tex_escape(shown).replace("—", "---")


# -- LaTeX laid out for a paper ------------------------------------------------------------------------
#
# A paper's table must fit \textwidth; LaTeX cannot be asked how wide a cell is from here, so each column's
# width is estimated from its text at 10 pt (Computer Modern: lower case and digits 5 pt, capitals 7.2 pt,
# typewriter 5.25 pt, a Chinese character 10 pt; measured with \settowidth, rounded up), and the columns
# are shared out among as few tables as fit. Every column wraps (ragged right), so an estimate that is a
# little off costs a line break, never an overfull box: only a column's longest unbreakable word must fit.

#: the narrowest \textwidth of a two-column paper the tables fit: \documentclass[twocolumn]{article} on
#: A4 (453 pt; on US letter, the class's default, 469 pt)
TEX_TEXTWIDTH = 453.0
#: \tabcolsep in actviz's tables (LaTeX's default is 6 pt), in pt
TEX_TABCOLSEP = 4.0
#: the estimated lines of one float (rows, headers and rules), so that a table* fits a page (article's
#: \textheight holds 45 lines of 10 pt text; its caption takes the rest)
TEX_LINES = 43
#: how many times taller a line of ctexart is than one of article (10.5 pt type, \linespread 1.3: 16.4 pt
#: against 12 pt), so a page of Chinese holds that many times fewer lines
TEX_CTEX_LINESPREAD = 1.37
#: the width a column asks for before others are moved to a table of their own (its text wraps beyond it)
_TEX_CAP = {"formula": 170.0, "name": 90.0}
_TEX_CAP_OTHER = 80.0
#: the margin on a width that must fit (a word's), for letters this estimate reads as average
_SAFE = 1.06
#: the width a formula may need whole: TeX breaks maths only after a relation or binary operator
_TEX_FORMULA_MIN = 150.0


def _is_cjk(c: str) -> bool:
    return "\u2e80" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef" or "\u3000" <= c <= "\u303f"


_NARROW_CHARS = {**dict.fromkeys("ijlft.,:;'()[]!|", 3.2), "r": 3.9, "s": 4.0, "m": 8.4, "w": 7.3, "M": 9.2, "W": 10.3}


def _pt(shown: str, *, mono: bool = False) -> float:
    """The estimated width of ``shown`` (display text, as the terminal prints it) set at 10 pt."""
    if mono:
        return 5.25 * len(shown)
    return sum(10.0 if _is_cjk(c) else _NARROW_CHARS.get(c) or (7.5 if c.isupper() else 3.4 if c == " " else 5.0)
               for c in shown)


def _unbreakable(shown: str) -> float:
    """The widest piece of ``shown`` that a line cannot break: a word; Chinese breaks between characters."""
    widest = 0.0
    for word in shown.split():
        for run in re.split(r"[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]", word):
            widest = max(widest, _pt(run))
        if any(_is_cjk(c) for c in word):
            widest = max(widest, 20.0)
    return widest


def _cell_widths(p: Properties, key: str) -> tuple[float, float]:
    """(natural width, widest unbreakable piece) of one cell, estimated in pt."""
    if key == "name":
        shown = text.shown_assignments(p.bound)
        name = _pt(p.name, mono=True) + (5.0 if p.vector else 0.0)
        params = [_pt(part) + 5.0 for part in shown.split(", ")] if shown else []
        return name + (sum(params) + 10.0 if params else 0.0), _SAFE * max([name, *params])
    if key == "formula":
        natural = _pt(text.plain_formula(p.formula))
        return natural, min(natural, _TEX_FORMULA_MIN)
    shown = COLUMNS[key].text(p)
    if key in ("range", "derivative_range", "range_set", "derivative_set", "zero_gradient", "ranges"):
        pieces = [piece for line in shown.split("\n") for piece in line.split(" ∪ ")]
        return max(_pt(line) for line in shown.split("\n")), _SAFE * max(_pt(piece) for piece in pieces)
    return max(_pt(line) for line in shown.split("\n")), _SAFE * _unbreakable(shown)


@dataclass(frozen=True)
class _TexColumn:
    key: str
    natural: float  # the widest cell, unwrapped
    minimum: float  # the widest unbreakable piece of any cell or of the header

    @property
    def wanted(self) -> float:
        """The width this column asks for: its text unwrapped up to a cap, never less than its minimum."""
        return max(self.minimum, min(self.natural, _TEX_CAP.get(self.key, _TEX_CAP_OTHER)))


def _tex_columns(rows: Sequence[Properties], columns: Sequence[str]) -> list[_TexColumn]:
    out = []
    for key in columns:
        widths = [_cell_widths(p, key) for p in rows]
        header = _SAFE * _unbreakable(COLUMNS[key].header)
        out.append(_TexColumn(key, max((w[0] for w in widths), default=header),
                              max([header, *(w[1] for w in widths)])))
    return out


def _span(cols: Sequence[_TexColumn]) -> float:
    """The width a table of these columns asks for, with the space between columns (none at the edges)."""
    return sum(c.wanted for c in cols) + TEX_TABCOLSEP * (2 * len(cols) - 2)


def _column_parts(cols: Sequence[_TexColumn]) -> list[list[_TexColumn]]:
    """The columns shared out among as few tables as fit TEX_TEXTWIDTH, the widest as narrow as it can be;
    the name (when shown) heads every table. Columns keep their order."""
    key = [c for c in cols if c.key == "name"][:1]
    rest = [c for c in cols if c not in key]
    n = len(rest)
    if not n:
        return [list(key)]
    # best[k][i]: (the widest table, where the next table starts) for rest[i:] in k tables
    best: list[list[tuple[float, int]]] = [[(math.inf, n)] * (n + 1), [(_span(key + rest[i:]), n) for i in range(n + 1)]]
    for k in range(1, n + 1):
        if k > 1:
            best.append([min(((max(_span(key + rest[i:j]), best[k - 1][j][0]), j) for j in range(i + 1, n - k + 2)),
                             default=(math.inf, n)) for i in range(n + 1)])
        if best[k][0][0] <= TEX_TEXTWIDTH or k == n:
            parts, i = [], 0
            for left in range(k, 0, -1):
                j = best[left][i][1]
                parts.append(key + rest[i:j])
                i = j
            return parts
    raise AssertionError("unreachable")  # pragma: no cover


def _column_spec(cols: Sequence[_TexColumn]) -> str:
    """X columns, ragged right, each a share of \\textwidth in proportion to the width it asks for (tabularx:
    the shares of \\hsize add up to the number of X columns)."""
    total = sum(c.wanted for c in cols)
    shares = [round(len(cols) * c.wanted / total, 3) for c in cols]
    shares[-1] = round(len(cols) - sum(shares[:-1]), 3)
    return "@{}" + "".join(r">{\raggedright\arraybackslash\hsize=" + f"{s:.3f}" + r"\hsize\linewidth=\hsize}X"
                           for s in shares) + "@{}"


def _widths(cols: Sequence[_TexColumn]) -> list[float]:
    """The estimated widths the columns get on the narrowest page (their shares of TEX_TEXTWIDTH)."""
    room = TEX_TEXTWIDTH - TEX_TABCOLSEP * (2 * len(cols) - 2)
    total = sum(c.wanted for c in cols)
    return [room * c.wanted / total for c in cols]


def _lines(natural: float, width: float) -> int:
    return max(1, math.ceil(natural / width - 1e-9))


def _row_lines(p: Properties, cols: Sequence[_TexColumn]) -> float:
    """The estimated height of a row in lines, at the widths the columns get."""
    lines = max(_lines(_cell_widths(p, c.key)[0], w) for c, w in zip(cols, _widths(cols)))
    return lines + (0.4 if "formula" in {c.key for c in cols} and r"\frac" in p.formula else 0.0)


def _row_chunks(rows: Sequence[Properties], parts: Sequence[Sequence[_TexColumn]]) -> list[list[Properties]]:
    """The rows in as few floats as fit a page, each about as tall as the others; a float holds every
    table of its rows."""
    heights = [sum(_row_lines(p, cols) for cols in parts) for p in rows]
    heads = sum(max(_lines(_pt(COLUMNS[c.key].header), w) for c, w in zip(cols, _widths(cols))) + 2.0
                for cols in parts)  # each table's header, its rules and the space between tables
    per_float = TEX_LINES / (TEX_CTEX_LINESPREAD if is_chinese() else 1.0) - heads
    n = max(1, math.ceil(sum(heights) / max(per_float, 1.0)))
    while True:
        chunks: list[list[Properties]] = [[]]
        used = 0.0
        target = sum(heights) / n
        for p, h in zip(rows, heights):
            if chunks[-1] and used + h / 2 > target * len(chunks) and len(chunks) < n:
                chunks.append([])
            chunks[-1].append(p)
            used += h
        chunk_heights, at = [], 0
        for chunk in chunks:
            chunk_heights.append(sum(heights[at:at + len(chunk)]))
            at += len(chunk)
        if max(chunk_heights) <= per_float or n >= len(rows):
            return chunks
        n += 1


def _tabularx(rows: Sequence[Properties], cols: Sequence[_TexColumn]) -> list[str]:
    keys = [c.key for c in cols]
    lines = [r"\begin{tabularx}{\textwidth}{" + _column_spec(cols) + "}", r"\toprule",
             " & ".join(_tex_escape(COLUMNS[k].header) for k in keys) + r" \\", r"\midrule"]
    lines += [" & ".join(_tex_cell(p, k) for k in keys) + r" \\" for p in rows]
    return lines + [r"\bottomrule", r"\end{tabularx}"]


def latex_table(rows: Sequence[Properties], columns: Sequence[str] = _PAPER) -> str:
    """Booktabs ``tabularx`` tables \\textwidth wide, ready to paste into a ``table*`` of a two-column
    paper: columns wrap (ragged right) and are shared out among as many tables as it takes to fit
    (:data:`TEX_TEXTWIDTH`), the name heading each; rows too many for a page go on to a next ``table*``.
    The first line, a comment, says what it needs (``\\usepackage{booktabs,tabularx}``)."""
    cols = _tex_columns(rows, columns)
    parts = _column_parts(cols)
    chunks = _row_chunks(rows, parts) if rows else [[]]
    lines = [msg("table.latex_requires"), rf"\setlength{{\tabcolsep}}{{{TEX_TABCOLSEP:g}pt}}"]
    first = 1
    for i, chunk in enumerate(chunks):
        if i:
            lines += ["", msg("table.latex_next", first=first, last=first + len(chunk) - 1, count=len(rows)),
                      rf"\setlength{{\tabcolsep}}{{{TEX_TABCOLSEP:g}pt}}"]
        for j, cols_of in enumerate(parts):
            if j:
                lines.append(r"\par\bigskip")
            lines += _tabularx(chunk, cols_of)
        first += len(chunk)
    for note in symbol_notes(rows, columns, tex=True):
        lines.append("% " + note)
    if any(p.vector for p in rows):
        lines.append(msg("table.vector_note_latex"))
    return "\n".join(lines) + "\n"


# -- one activation: actviz info --format markdown|json|latex ------------------------------------------------

INFO_FORMATS = ("rich", "markdown", "json", "latex")


def _at(p: Properties) -> tuple[str, str]:
    """Where the range's closed ends are reached, as the card says it: ``("−0.7518", "")``."""
    low = text.number(p.low.at) if p.low.closed and p.low.at is not None and p.extrema else ""
    high = text.number(p.high.at) if p.high.closed and p.high.at is not None and p.extrema else ""
    return low, high


def _limit_tex(v: Any) -> str:
    shown = text.limit(v)
    return "$" + _tex_number(shown) + "$" if re.fullmatch(r"−?(∞|[\d.]+(e[+−-]?\d+)?)", shown) else _tex_escape(shown)


def info_facts(p: Properties) -> list[tuple[str, str, str]]:
    """The facts ``actviz info`` shows under its derived properties, as (label, text, LaTeX): the range
    (where its ends are reached), f′'s values, the limits, saturation, dead zone, where f′ is exactly 0,
    monotonicity, symmetry, smoothness (and kinks), zero-centring and the moments under N(0, 1); first
    the parameters, where there are any. The texts are the card's, in the language in force."""
    rows: list[tuple[str, str, str]] = []
    if p.params:
        shown = ", ".join(f"{text.plain_formula(prm.symbol) if prm.symbol else prm.name} = {text.value(p.params[prm.name])}"
                          + (f" ({prm.name})" if prm.symbol and prm.symbol != prm.name else "") for prm in p.bound.act.params)
        tex = ", ".join(_tex_params(p, {prm.name: p.params[prm.name]})
                        + (f" ({_tex_escape(prm.name)})" if prm.symbol and prm.symbol != prm.name else "")
                        for prm in p.bound.act.params)
        rows.append((msg("info.parameters"), shown, tex))
    if p.range_decided:
        where = [(msg(key, at=msg("info.at_x", x="\x00")).strip(), x) for key, x in zip(("info.min_at", "info.max_at"), _at(p)) if x]
        rows.append((msg("info.range"), " ".join([text.range_set(p), *(w.replace("\x00", x) for w, x in where)]),
                     " ".join([_tex_math(text.range_set(p)), *(_tex_escape(w).replace("x = \x00", f"$x = {_tex_number(x)}$")
                                                              for w, x in where)])))
    else:
        shown = text.evidence(p.range_evidence)
        rows.append((msg("info.range"), shown, _tex_escape(shown)))
    shown = text.derivative_set(p) if p.derivative_range_decided else text.evidence(p.derivative_range_evidence)
    rows.append((msg("info.derivative_range"), shown, _tex_math(shown) if p.derivative_range_decided else _tex_escape(shown)))
    rows.append((msg("info.limits"), f"{text.limit(p.limits[0])}, {text.limit(p.limits[1])}",
                 f"{_limit_tex(p.limits[0])}, {_limit_tex(p.limits[1])}"))
    rows.append((msg("info.saturation"), saturation_text(p), _tex_escape(saturation_text(p))))
    rows.append((msg("info.dead_zone"), yes(p.dead_zone), _tex_escape(yes(p.dead_zone))))
    shown = text.zero_gradient(p)
    rows.append((msg("info.zero_gradient"), shown, _tex_math(shown) if p.zero_gradient_intervals else _tex_escape(shown)))
    rows.append((msg("info.monotonic"), monotonic_text(p), _tex_escape(monotonic_text(p))))
    rows.append((msg("info.derivative_monotonic"), yes(p.derivative_monotonic), _tex_escape(yes(p.derivative_monotonic))))
    rows.append((msg("info.identity"), yes(p.identity_near_origin), _tex_escape(yes(p.identity_near_origin))))
    rows.append((msg("info.symmetry"), symmetry_text(p), _tex_escape(symmetry_text(p))))
    others = [k for k in p.kinks if k not in {x for x, _ in p.jumps}]
    kinks = msg("info.other_kinks" if p.jumps else "info.kinks", at="\x00").strip() if others else ""
    at = ", ".join(text.number(k) for k in others)
    rows.append((msg("info.smoothness"), " ".join(filter(None, [text.smoothness(p), kinks.replace("\x00", at)])),
                 " ".join(filter(None, [_tex_smoothness(p), _tex_escape(kinks).replace(
                     "\x00", ", ".join(f"${_tex_number(text.number(k))}$" for k in others))]))))
    rows.append((msg("info.zero_centred"), yes(p.zero_centred), _tex_escape(yes(p.zero_centred))))
    stats = (("E f(Z)", r"\mathrm{E}\,f(Z)", p.mean_output), ("Var f(Z)", r"\mathrm{Var}\,f(Z)", p.output_variance),
             ("E f′(Z)", r"\mathrm{E}\,f'(Z)", p.mean_derivative))
    rows.append((msg("info.under_normal"), ", ".join(f"{name} = {stat(v)}" for name, _, v in stats),
                 ", ".join(f"${tex} = {_tex_number(stat(v))}$" if math.isfinite(v) else f"${tex}$ ---" for _, tex, v in stats)))
    if p.note:
        from .messages import localized

        note = msg("text.sentence", text=localized("info.vector_note", text.capitalized(p.note)))
        rows.append((msg("info.note"), note, _tex_escape(note)))
    return rows


def info_title(p: Properties) -> tuple[str, str]:
    """(text, LaTeX) naming the activation: ``GELU (gelu)``, ``x*tanh(x)`` (an expression is its own label)."""
    label, name = p.bound.label, p.name
    if p.bound.act.family == "expression" or label == name:
        return label, r"\texttt{" + _tex_escape(label) + "}"
    return f"{label} ({name})", _tex_escape(label) + r" (\texttt{" + _tex_escape(name) + "})"


def _tex_label(label: str) -> str:
    """A fact's label in LaTeX: ``Under Z ~ N(0,1)`` with its distribution as maths."""
    return _tex_escape(label.replace("Z ~ N(0,1)", "\x00")).replace("\x00", r"$Z \sim N(0,1)$")


#: the widest right-hand side of a displayed formula's line (estimated as plain text, which is wider than
#: the maths where it has fractions), so that it fits a column of a two-column paper (221 pt on A4)
_INFO_FORMULA_LINE = 160.0


def _top_level_cuts(tex: str, marks: tuple[str, ...]) -> list[int]:
    """Where one of ``marks`` stands outside every brace, bracket and parenthesis of ``tex``."""
    cuts, depth = [], 0
    for i, c in enumerate(tex):
        depth += c in "{(["
        depth -= c in "})]"
        if depth == 0 and i and any(tex.startswith(m, i) for m in marks):
            cuts.append(i)
    return cuts


def _plain_width(tex: str) -> float:
    return _pt(text.plain_formula(tex))


def _formula_lines(rhs: str) -> list[str]:
    r"""The right-hand side of a formula in lines no wider than a column: after each of its pieces
    (``,\ \ ``) where it has several, then before a top-level ``+`` or ``−`` (the line after begins with
    it), and a product still too wide between two of its factors (the line after begins with ×)."""
    if _plain_width(rhs) <= _INFO_FORMULA_LINE:
        return [rhs]
    pieces, start = [], 0
    for i in _top_level_cuts(rhs, (r",\ \ ",)):
        pieces.append(rhs[start:i + 1])
        start = i + len(r",\ \ ")
    pieces.append(rhs[start:])
    lines: list[str] = []
    for piece in pieces:
        start, line_start = 0, 0
        cuts = [i for i in _top_level_cuts(piece, (" + ", " - ")) if i > 0]
        for i in [*cuts, len(piece)]:
            if i < len(piece) and _plain_width(piece[line_start:i]) <= _INFO_FORMULA_LINE:
                start = i
                continue
            if start > line_start and _plain_width(piece[line_start:i]) > _INFO_FORMULA_LINE:
                lines.append(piece[line_start:start].rstrip())
                line_start = start
            start = i
        lines.append(piece[line_start:].rstrip())
    out = []
    for line in lines:  # still too wide: a product, cut between two factors (the line after begins with ×)
        cuts = [i for i in _top_level_cuts(line, (r"\left", r"\,")) if line[:i].strip()]
        if _plain_width(line) > _INFO_FORMULA_LINE and cuts:
            cut = min(cuts, key=lambda i: max(_plain_width(line[:i]), _plain_width(line[i:])))
            out += [line[:cut].rstrip(), r"\times " + line[cut:].removeprefix(r"\,")]
        else:
            out.append(line)
    return ["{}" + line.lstrip() if line.lstrip()[:1] in "+-" or line.startswith(r"\times") else line for line in out]


def _display_formula(tex: str) -> str:
    r"""One formula as lines of an ``align*``: ``f(x) &= ...`` aligned at its first top-level ``=``; a
    long one broken (:func:`_formula_lines`), the lines after the first indented under its right-hand side."""
    eq = next(iter(_top_level_cuts(tex, ("=",))), -1)
    lhs, rhs = (tex[:eq].rstrip(), tex[eq + 1:].lstrip()) if eq >= 0 else ("", tex)
    lines = _formula_lines(rhs)
    first = (f"{lhs} &= " if lhs else "&") + lines[0]
    return (r" \\" + "\n" + r"  &\quad ").join([first, *lines[1:]])


def info_latex(p: Properties) -> str:
    """A snippet for a paper: the formula and its derivative (``align*``), then the facts as a two-column
    booktabs ``tabularx``, together in a ``minipage`` as wide as the column it is pasted into (``\\linewidth``:
    it never breaks across columns or pages); its first line, a comment, says what it needs."""
    title, title_tex = info_title(p)
    lines = [msg("info.latex_requires", name=title), r"\par\noindent\begin{minipage}{\linewidth}", r"\begin{align*}",
             "  " + _display_formula(p.formula) + r" \\", "  " + _display_formula(p.bound.derivative_formula),
             r"\end{align*}",
             r"\begin{tabularx}{\linewidth}{@{}>{\raggedright\arraybackslash}p{0.3\linewidth}"
             r">{\raggedright\arraybackslash}X@{}}", r"\toprule",
             r"\multicolumn{2}{@{}l@{}}{" + title_tex + r"} \\", r"\midrule"]
    lines += [f"{_tex_label(label)} & {tex}" + r" \\" for label, _, tex in info_facts(p)]
    lines += [r"\bottomrule", r"\end{tabularx}", r"\end{minipage}"]
    return "\n".join(lines) + "\n"


def info_markdown(p: Properties) -> str:
    """The formula and its derivative as ``$$…$$`` maths, then the facts as a two-column pipe table."""
    title, _ = info_title(p)
    lines = [f"**{_md_escape(title)}**", "", f"$${p.formula}$$", "", f"$${p.bound.derivative_formula}$$", "",
             f"| {msg('info.property')} | {msg('info.value')} |", "| --- | --- |"]
    lines += [f"| {_md_escape(label)} | {_md_escape(shown)} |" for label, shown, _ in info_facts(p)]
    return "\n".join(lines) + "\n"


def info_json(p: Properties) -> str:
    """Every fact of the card as data, the same in every language: the properties' own record
    (:meth:`~actviz.properties.Properties.to_dict`: full precision, sets as pieces) with the label, the
    limits at ∓∞ as text and the kinks."""
    with language("en"):
        data = {"label": p.label, **{k: _machine(v) for k, v in p.to_dict().items()},
                "limits": [text.limit(v) for v in p.limits], "kinks": [float(k) for k in p.kinks]}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def render_info(p: Properties, fmt: str) -> str:
    """One activation in a plain format: ``markdown``, ``json`` or ``latex`` (``rich``: actviz.terminal)."""
    check_format(fmt, INFO_FORMATS[1:])
    return {"markdown": info_markdown, "json": info_json, "latex": info_latex}[fmt](p)


# -- the frameworks side by side (actviz frameworks) -------------------------------------------------------

FRAMEWORK_FORMATS = ("rich", "markdown", "json", "csv")


def framework_cell(comparison: Any, framework: str, *, short: bool = False) -> str:
    """How one framework calls the function, ``leaky_relu(x, negative_slope=0.2)``, or ``—``; ``short``:
    its spelling only where it is not actviz's name, and the parameters (``negative_slope=0.2``, ``✓``)."""
    full = comparison.signature(framework)
    d = comparison.definitions[framework]
    if not short or d is None:
        return full
    params = full[full.index("(") + 1:-1].removeprefix("x").removeprefix(", ")
    name = "" if d.spelling == comparison.name else d.spelling
    return " ".join(part for part in (name, params) if part) or "✓"


def disagreement_text(comparison: Any) -> str:
    """``default: alpha: 0.01 (torch, jax); 0.2 (keras, tf)`` for each disagreement, ``; ``-joined; ``none``
    (English: what --format csv writes)."""
    return "; ".join(f"{kind}: {what}" for kind, what in comparison.in_language("en").disagreements) or "none"


def checked_text() -> str:
    """``PyTorch 2.13.0, JAX 0.10.2 (jaxlib 0.10.2), ...``: the versions the definitions were checked against."""
    from .frameworks import CHECKED, FRAMEWORKS
    from .messages import definition_text

    return msg("frameworks.list_sep").join(f"{FRAMEWORKS[fw].title} {definition_text(fw, '', 'checked', v)}"
                                           for fw, v in CHECKED.items())


def render_frameworks(comparisons: Sequence[Any], fmt: str = "markdown") -> str:
    """The comparisons (actviz.presets.compare) as markdown, csv or json (``rich``: see actviz.terminal).
    Markdown in the language in force; csv and json are data, the same in every language (English texts,
    the kinds as keys)."""
    from .frameworks import CHECKED, FRAMEWORKS

    check_format(fmt, FRAMEWORK_FORMATS[1:])
    if fmt == "json":
        return json.dumps({"checked": dict(CHECKED), "functions": [c.to_dict() for c in comparisons]},
                          ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(["name", *FRAMEWORKS, "disagreements", "kinds"])
        for c in comparisons:
            writer.writerow([c.name, *(framework_cell(c, fw) for fw in FRAMEWORKS), disagreement_text(c),
                             " ".join(dict.fromkeys(k for k, _ in c.disagreements))])
        return buf.getvalue()
    head = [msg("frameworks.name_markdown"), *(FRAMEWORKS[fw].title for fw in FRAMEWORKS),
            msg("frameworks.disagreements_markdown")]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for c in comparisons:
        found = c.in_language(current()).disagreements
        cells = [f"**{c.name}**", *(f"`{framework_cell(c, fw)}`" if c.definitions[fw] else "—" for fw in FRAMEWORKS),
                 "<br>".join(msg("frameworks.kind_label", kind=f"**{msg('frameworks.kind.' + k)}**") + _md_escape(w)
                             for k, w in found) or msg("word.none")]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n\n" + msg("frameworks.checked_markdown", versions=checked_text()) + "\n"
