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
from .messages import MESSAGES, current, language, msg
from .options import check_format
from .properties import UNDECIDED_VALUE, Properties

__all__ = [
    "FORMATS", "PLAIN_FORMATS", "COLUMNS", "MACHINE_KEYS", "Column", "parse_columns", "default_columns",
    "render", "markdown_table", "csv_table", "json_table", "latex_table", "saturation_text",
    "monotonic_text", "saturation_style", "yes", "maybe", "stat", "symmetry_text",
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
    if key == "formula":
        return "$" + p.formula + "$"
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


def latex_table(rows: Sequence[Properties], columns: Sequence[str] = _PAPER) -> str:
    """A booktabs ``tabular`` ready to paste into a paper; its first line is a comment saying that
    it needs ``\\usepackage{booktabs}``."""
    headers = [_tex_escape(COLUMNS[k].header) for k in columns]
    lines = [msg("table.latex_requires"),
             r"\begin{tabular}{" + "l" * len(columns) + "}", r"\toprule", " & ".join(headers) + r" \\", r"\midrule"]
    for p in rows:
        lines.append(" & ".join(_tex_cell(p, k) for k in columns) + r" \\")
    lines += [r"\bottomrule", r"\end{tabular}"]
    for note in symbol_notes(rows, columns, tex=True):
        lines.append("% " + note)
    if any(p.vector for p in rows):
        lines.append(msg("table.vector_note_latex"))
    return "\n".join(lines) + "\n"




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
