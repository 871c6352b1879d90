"""Every number, interval, label and minus sign actviz shows is written here, once.

One rule for numbers (:func:`number`): integers plainly, everything else to 4 significant digits,
trailing zeros kept when they carry precision (−0.1700 is −0.16997 rounded) and dropped when the
value is exact (0.25, 0.01); positional between 10⁻³ and 10⁶, scientific outside (2.1e−09); the
typographic minus sign (−), never a negative zero; ∞ for infinities.

Labels of a bound activation: :func:`title` for figures ("Leaky ReLU (α = 0.1)"), :func:`spec_label`
for tables and messages ("leaky_relu (alpha=0.1)"), :func:`file_stem` for default file names
("leaky_relu_alpha_0.1").

stdlib only (and the spec's types): every other module may import this one.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from fractions import Fraction
from typing import TYPE_CHECKING

from . import notation
from .facts import Undecided
from .formulas import _SUP, flat_fraction
from .formulas import plain_formula as _plain_formula
from .messages import chinese_name, family_heading, is_chinese, msg
from .notation import MINUS, assignments, ends, fixed, interval, minus, pieces, size, spec_label, spec_text, spec_value

if TYPE_CHECKING:  # pragma: no cover
    from .lessons import LossGradients
    from .options import Window
    from .properties import Properties
    from .spec import Activation, Bound, Value

__all__ = [
    "MINUS", "minus", "ascii_spelling", "ascii_fallback", "number", "fixed", "size", "sci_from_log10", "interval",
    "pieces", "ends", "region", "limit", "evidence",
    "continuity", "assignments", "spec_label", "spec_text", "file_stem", "shown_params", "param_text",
    "title", "symbol_text", "symbols", "symbols_text", "formula_math", "flat_math", "derivative_formula_math",
    "vector_note", "plain_formula", "value", "spec_value", "plural", "plain_title", "window", "for_encoding", "percent",
    "heading", "count", "family_title", "gradient_verdict_note", "gradient_verdict", "loss_formulas",
    "loss_domain_text", "loss_domain_note", "range_set", "derivative_set", "zero_gradient", "smoothness",
]



# -- numbers ----------------------------------------------------------------------------------------



def plain_formula(tex: str) -> str:
    """A formula as plain Unicode text; a piecewise one in the language in force (in Chinese
    "x（当 x>0 时），否则 α(eˣ−1)", the form of a Chinese textbook, not "x if x>0, else ...")."""
    out = _plain_formula(tex)
    if is_chinese() and " if " in out:
        out = out.replace(" if ", msg("formula.if")).replace(", else ", msg("formula.else"))
    return out

def evidence(shown: str) -> str:
    """What evaluation suggests, marked as such: ``≈ 1 (numerical, undecided)``."""
    return msg("text.evidence", shown=shown)


def limit(value: float | Undecided | None) -> str:
    """A limit at ±∞ for people: ``1``, ``−∞``, ``none (oscillates)``, or where it is undecided its
    estimate far out marked as evidence (``≈ 1 (numerical, undecided)``), else ``undecided``."""
    if value is None:
        return msg("info.oscillates")
    if isinstance(value, Undecided):
        return msg("word.undecided") if value.estimate is None else evidence(number(value.estimate))
    return number(value)


def value(v: Value) -> str:
    """A parameter value for reading (titles, cards): a number by :func:`number`, a choice as it is."""
    return v if isinstance(v, str) else number(v)


def sci_from_log10(log10: float) -> str:
    """A number given by its log10, in scientific notation even far below float64's range
    (``1.00e−641``); ``0`` for log10 = −∞."""
    if log10 == -math.inf:
        return "0"
    if log10 > -300:
        return minus(f"{10.0**log10:.3g}")
    exponent = math.floor(log10)
    return minus(f"{10.0 ** (log10 - exponent):.2f}e{exponent}")


def capitalized(fragment: str, code: Iterable[str] = ()) -> str:
    """A note's fragment as the start of a sentence: ``"also takes ..."`` -> ``"Also takes ..."``; a
    fragment that starts with code, a symbol or a variable keeps it as written (``approximate=True``,
    ``α is ...``, ``jax.nn.gelu``, ``x > 0 ...``), and so does one that starts with a word of ``code``
    (a parameter's name: ``threshold and value are required ...``)."""
    word = re.match(r"(?:[a-z]{2,}|a)(?![\w=.(\[])", fragment)  # a word, not a variable such as x
    return fragment[0].upper() + fragment[1:] if word and word.group() not in set(code) else fragment


def plural(n: int, word: str, words: str | None = None) -> str:
    """``1 layer``, ``20 layers``."""
    return f"{n} {word if n == 1 else (words or word + 's')}"


def count(n: int, what: str) -> str:
    """``20 layers`` / ``20 层``: a count of the thing named by message ``count.<what>`` in the language
    in force (its English text is "singular|plural")."""
    words = msg("count." + what).split("|")
    return f"{n} {words[0]}" if len(words) == 1 else plural(n, words[0], words[1])


# -- plain ASCII, for a terminal or file whose encoding cannot hold a symbol ------------------------------


def ascii_spelling(text: str) -> str:
    """``text`` with every symbol spelled in ASCII (:func:`for_encoding` for "ascii"): ``C⁰`` -> ``C^0``,
    ``(−∞, 0]`` -> ``(-inf, 0]``, ``f′`` -> ``f'``, ``σ`` -> ``sigma``; '?' where there is no spelling."""
    return for_encoding(text, "ascii")


def ascii_fallback(error: UnicodeError) -> tuple[str, int]:
    """A codecs error handler (registered as ``actviz-ascii`` by the command line): what an encoding
    cannot hold is written in its ASCII spelling instead of failing."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return ascii_spelling(error.object[error.start:error.end]), error.end


# -- intervals and sets ---------------------------------------------------------------------------------


def region(intervals: Iterable[tuple[float, float, bool, bool]]) -> str:
    """Intervals in words: ``x ≤ 0``, ``x ≤ 0 and x ≥ 6``, ``−0.5 ≤ x ≤ 0.5``, ``every x``."""
    parts = []
    for low, high, lc, hc in intervals:
        lo_op, hi_op = ("≤" if lc else "<"), ("≤" if hc else "<")
        if not math.isfinite(low) and not math.isfinite(high):
            return msg("text.every_x")
        if not math.isfinite(low):
            parts.append(f"x {hi_op} {number(high)}")
        elif not math.isfinite(high):
            parts.append(f"x {'≥' if lc else '>'} {number(low)}")
        else:
            parts.append(f"{number(low)} {lo_op} x {hi_op} {number(high)}")
    return msg("text.and").join(parts)


def continuity(order: float) -> str:
    """``C∞``, ``C²``, ``C¹``, ``C⁰`` or ``discontinuous`` (in the language in force)."""
    return msg("text.discontinuous") if order < 0 else notation.continuity(order)


def number(value: float | Undecided | None, digits: int = 4) -> str:
    """:func:`actviz.notation.number`, and ``undecided`` (in the language in force) for a value
    resting on an undecided limit."""
    return msg("word.undecided") if isinstance(value, Undecided) else notation.number(value, digits)


# -- the facts of a Properties, in words -----------------------------------------------------------


def range_set(p: Properties) -> str:
    """The range as its exact set (``(0, 1)``, ``{0} ∪ (1, ∞)``), or ``undecided`` in words."""
    return notation.pieces(p.range_set) if p.range_decided else msg("word.undecided")


def derivative_set(p: Properties) -> str:
    """The values f′ takes, as :func:`range_set`."""
    return notation.pieces(p.derivative_set) if p.derivative_range_decided else msg("word.undecided")


def zero_gradient(p: Properties) -> str:
    """Every interval where f′ is exactly 0 (``[−0.5, 0.5]``, ``(−∞, 0] ∪ [6, ∞)``), or ``none`` in words."""
    return " ∪ ".join(interval(*i) for i in p.zero_gradient_intervals) or msg("word.none")


def smoothness(p: Properties) -> str:
    """``C∞``, ``C¹``, …; for a discontinuous f with the size of its jumps, e.g.
    ``discontinuous: jump 1 at x = 0`` or ``discontinuous: jump 2.1e−09 at x = 20 (negligible)``."""
    shown = continuity(p.continuity_order)
    if p.continuity_order >= 0:
        return shown
    if not p.jumps:
        return shown + msg("smoothness.no_jump") if p.kinks else shown
    xs = ", ".join(number(x) for x, _ in p.jumps)
    what = msg("smoothness.jump" if len(p.jumps) == 1 else "smoothness.jumps", size=size(p.max_jump), at=xs)
    return f"{shown}: {what}" + ("" if p.material_jump else msg("smoothness.negligible"))


def family_title(family: str) -> str:
    """The heading of ``family`` in the language in force: the catalogue's, an expression's, else the
    family's name as given (an activation you register names its own family)."""
    from .catalog import FAMILIES, OTHER_FAMILIES

    return family_heading(family, FAMILIES.get(family) or OTHER_FAMILIES.get(family) or family)


# -- labels of activations and their parameters ------------------------------------------------------------


def file_stem(bound: Bound) -> str:
    """``leaky_relu_alpha_0.1``: the name and the non-default parameters, for default file names."""
    parts = [bound.name.replace(".", "_")]  # a framework's definition: jax.gelu -> jax_gelu
    for k, v in bound.non_defaults.items():
        parts.append(f"{k}_{v:g}" if isinstance(v, float) else f"{k}_{v}")
    return "_".join(parts)


def shown_params(bound: Bound) -> dict[str, Value]:
    """Parameters worth printing in a title: every non-default value and every non-zero numeric
    default (a leaky ReLU's α = 0.01 must be visible; a plain ReLU's α = 0 is noise); a function with
    two or more numeric parameters shows all of them, zeros too (Threshold's t = 1, v = 0). A
    framework's definition shows its choices too (JAX GELU (approximate = tanh)): that is what differs."""
    act = bound.act
    every = sum(not p.is_choice and not p.off for p in act.params) >= 2
    shown = {}
    for p in act.params:
        v = bound.params[p.name]
        if p.off and v == math.inf and v == p.default:  # switched off, as by default: nothing to say
            continue
        if v != p.default or (not p.is_choice and (v != 0 or every)) or (p.is_choice and act.framework):
            shown[p.name] = v
    return shown


_GREEK = {r"\alpha": "\u03b1", r"\beta": "\u03b2", r"\lambda": "\u03bb", r"\gamma": "\u03b3",
          r"\tau": "\u03c4", r"\theta": "\u03b8", r"\sigma": "\u03c3", r"\mu": "\u03bc",
          r"\varepsilon": "\u03b5"}


def symbol_text(symbol: str) -> str:
    """A parameter's symbol as text: plain Unicode where it can be (α, a), mathtext otherwise
    (``$t_l$``). Plain text keeps titles cheap to lay out and easy to search."""
    if not symbol:
        return ""
    if symbol in _GREEK:
        return _GREEK[symbol]
    if symbol.isalpha() and len(symbol) == 1:
        return symbol
    return f"${symbol}$"


def symbols(act: Activation) -> list[tuple[str, str]]:
    """(symbol as text, parameter name) for the parameters a formula writes as a symbol:
    ``[("t", "threshold"), ("v", "value")]``; ``t_l`` for mathtext subscripts."""
    out = []
    for p in act.params:
        if p.symbol:
            out.append((plain_formula(p.symbol), p.name))
    return out


def symbols_text(act: Activation) -> str:
    """``t = threshold, v = value`` (empty when no parameter has a symbol)."""
    return ", ".join(f"{sym} = {name}" for sym, name in symbols(act))


def shown_assignments(bound: Bound) -> str:
    """``upper=0.3333``: the parameters worth showing (:func:`shown_params`: a plain ReLU's α = 0 is not),
    each value for people (4 significant digits); a spec keeps every digit (:func:`spec_text`)."""
    return ", ".join(f"{k}={value(v)}" for k, v in shown_params(bound).items())


def powers(shown: str, *, plain: bool) -> str:
    """A number's ``e−09`` typeset as a power of ten: ``10⁻⁹``, ``2.1×10⁻⁹`` (``plain``: Unicode), else
    mathtext ``$10^{-9}$``, for titles and captions, where people read it."""
    match = re.fullmatch(r"(−?)(\d+(?:\.\d+)?)e([−+]?)0*(\d+)", shown)
    if not match:
        return shown
    sign, mantissa, esign, exponent = match.groups()
    esign = "−" if esign == "−" else ""
    if plain:
        power = "10" + (esign + exponent).translate(_SUP)
    else:
        power = "$10^{" + ("-" if esign else "") + exponent + "}$"
    return sign + (power if mantissa == "1" else f"{mantissa}×{power}")


def param_text(bound: Bound, *, every: bool = False, plain: bool = False) -> str:
    """``"α = 0.1, $t_l$ = 2"``; empty when nothing is worth showing (``every``: all parameters;
    ``plain``: symbols in plain Unicode, ``t_l``, for terminals)."""
    values = bound.params if every else shown_params(bound)
    symbol = (lambda s: _GREEK.get(s) or plain_formula(s)) if plain else symbol_text
    return ", ".join(f"{symbol(p.symbol) or p.name} = {powers(value(values[p.name]), plain=plain)}"
                     for p in bound.act.params if p.name in values)


def title(bound: Bound) -> str:
    """``"Leaky ReLU (α = 0.1)"``: the label and the parameter values that matter. (In Chinese the
    symbols are plain text, ``t_l``: a Chinese figure keeps mathtext out of its texts.)"""
    shown = param_text(bound, plain=is_chinese())
    return f"{bound.label} ({shown})" if shown else bound.label


def plain_title(bound: Bound) -> str:
    """:func:`title` without mathtext, for terminals: ``"SReLU (t_l = −1, a_l = 0.1, ...)"``."""
    shown = param_text(bound, plain=True)
    return f"{bound.label} ({shown})" if shown else bound.label


def heading(bound: Bound, *, plain: bool = False) -> str:
    """:func:`title` with the Chinese name where one is in common use and Chinese is in force:
    ``"Leaky ReLU（带泄露修正线性单元，α = 0.1）"``; in English, :func:`title` (``plain``:
    :func:`plain_title`)."""
    name = chinese_name(bound.act.origin)
    if not name:
        return plain_title(bound) if plain else title(bound)
    shown = param_text(bound, plain=True)
    return f"{bound.label}（{name}{'，' + shown if shown else ''}）"


def gain_text(g: float) -> str:
    """PyTorch's gain as it is usually written: ``5/3``, ``3/4``, ``1``, ``√2``, else a number."""
    f = Fraction(g).limit_denominator(12)
    if abs(float(f) - g) <= 1e-12 * max(1.0, g):
        return str(f.numerator) if f.denominator == 1 else f"{f.numerator}/{f.denominator}"
    f2 = Fraction(g * g).limit_denominator(12)
    if abs(float(f2) - g * g) <= 1e-12 * max(1.0, g * g):
        inside = str(f2.numerator) if f2.denominator == 1 else f"({f2.numerator}/{f2.denominator})"
        return f"√{inside}"
    return number(g)


def init_text(init: str, gain: float) -> str:
    """A lesson's initialisation: ``He``, ``Xavier``, or ``gain 1.846`` (the activation's forward gain)."""
    if init == "gain":
        return msg("lesson.init_gain", gain=number(gain))
    return {"he": "He", "xavier": "Xavier"}.get(init, init)


def window(shown: Window) -> str:
    """The x-range of a plot: ``x ∈ [−5, 5]``."""
    return f"x ∈ {interval(shown.xmin, shown.xmax, True, True)}"


# -- formulas ---------------------------------------------------------------------------------------------


def formula_math(bound: Bound, *, display: bool = False) -> str:
    """The formula as mathtext for these parameters, ``$...$``; ``display=True`` sets fractions full
    size (\\dfrac)."""
    return _math(bound.formula, display)


def derivative_formula_math(bound: Bound, *, display: bool = False) -> str:
    """The derivative's formula as mathtext for these parameters, ``$...$``."""
    return _math(bound.derivative_formula, display)


def _math(tex: str, display: bool) -> str:
    return f"${tex.replace(chr(92) + 'frac', chr(92) + 'dfrac') if display else tex}$"


def flat_math(bound: Bound) -> str:
    """The formula as mathtext on one line: fractions as a/b, Σ with its index beside it. For a small
    panel where the stacked form would have to shrink to illegible type (softmax's e^xᵢ over Σⱼ e^xⱼ)."""
    return f"${_flat(bound.formula)}$"


def _flat(tex: str) -> str:
    out, i = [], 0
    while i < len(tex):
        if frac := flat_fraction(tex, i, lambda num, den: f"{_paren(_flat(num))}/{_paren(_flat(den))}",
                                 lambda frac: r"\left(" + frac + r"\right)"):
            out.append(frac[0])
            i = frac[1]
        elif tex.startswith(r"\sum", i):
            out.append(r"\Sigma")
            i += 4
        else:
            out.append(tex[i])
            i += 1
    return "".join(out)


def _paren(term: str) -> str:
    """``term`` in parentheses where it is not a single factor (a sum, a product with a space)."""
    depth = 0
    for c in term:
        depth += c in "({["
        depth -= c in ")}]"
        if depth == 0 and c in "+-, " and term not in ("",):
            return r"\left(" + term + r"\right)"
    return term


def vector_note(rest: Iterable[float]) -> str:
    """What the x-axis of a vector activation's curve means (Unicode: no mathtext parse)."""
    return msg("text.vector_note", rest=", ".join(number(v) for v in rest))


# -- encodings ---------------------------------------------------------------------------------------

_ASCII = {
    MINUS: "-", "\u2032": "'", "\u2033": "''", "∈": "in", "·": "*", "×": "x", "∞": "inf", "≤": "<=", "≥": ">=",
    "≠": "!=", "≈": "~", "∂": "d", "Σ": "sum", "√": "sqrt", "…": "...", "—": "-", "–": "-", "•": "*",
    "→": "->", "←": "<-", "±": "+/-", "∪": "U", "∅": "{}", "½": "1/2", "ℓ": "l", "⁄": "/", "✓": "v", "✗": "x",
    "ŷ": "y_hat", "Δ": "d", "λ": "lambda",  # Unicode names λ "LAMDA"
    "▒": "#", "░": ".", "█": "#",
    "─": "-", "━": "-", "│": "|", "┃": "|", "└": "+", "┘": "+", "┌": "+", "┐": "+", "┬": "+", "┴": "+",
    "┤": "+", "├": "+", "┼": "+", "╌": "-", "┄": "-", "┈": "-",
}


def for_encoding(text: str, encoding: str) -> str:
    """``text`` as a stream in ``encoding`` can hold it: every character the encoding lacks is spelled
    in ASCII (− as -, ∞ as inf, α as alpha, x₁ as x_1, eˣ as e^x, box drawing as - | +), and '?'
    where there is no spelling. Text the encoding holds is returned as it is."""
    import codecs
    import unicodedata

    try:
        codecs.lookup(encoding)
        text.encode(encoding)
        return text
    except LookupError:  # an encoding Python does not know: leave the text to the stream
        return text
    except UnicodeEncodeError:
        pass
    out: list[str] = []
    mark = ""  # "^" or "_" while inside a run of superscripts or subscripts
    for ch in text:
        try:
            ch.encode(encoding)
            out.append(ch)
            mark = ""
            continue
        except UnicodeEncodeError:
            pass
        kind = unicodedata.decomposition(ch).split(" ", 1)[0]
        if kind in ("<super>", "<sub>"):
            sign = "^" if kind == "<super>" else "_"
            base = unicodedata.normalize("NFKD", ch)
            out.append(("" if mark == sign else sign) + _ASCII.get(base, base))
            mark = sign
            continue
        mark = ""
        name = unicodedata.name(ch, "")
        if ch in _ASCII:
            out.append(_ASCII[ch])
        elif name.startswith("GREEK SMALL LETTER ") and " " not in name[19:]:
            out.append(name[19:].lower())
        elif name.startswith("GREEK CAPITAL LETTER ") and " " not in name[21:]:
            out.append(name[21:].capitalize())
        else:
            base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
            out.append(base if base and base.isascii() else "?")
    return "".join(out)


# -- shares -------------------------------------------------------------------------------------------


def percent(share: float | None, decimals: int = 1) -> str:
    """A share in [0, 1] as a percentage with ``decimals`` decimals: ``percent(0.985)`` → ``"98.5 %"``
    (a no-break space before %, so the sign never wraps away from its number); ``—`` for ``None`` or NaN."""
    if share is None or not math.isfinite(share):
        return "—"
    return f"{fixed(100.0 * share, decimals)}\u00a0%"


# -- the lessons' words -------------------------------------------------------------------------------


def gradient_verdict_note() -> str:
    """How the table and the figure read a first/last ratio (in the language in force)."""
    from .lessons import EXPLODES_ABOVE, VANISHES_BELOW

    return msg("gradient.verdict_note", low=number(VANISHES_BELOW), high=number(EXPLODES_ABOVE))


def gradient_verdict(verdict: str) -> str:
    """A verdict of :func:`actviz.lessons.gradient_verdict` ("vanishes", ...) in the language in force."""
    return msg("gradient.verdict." + verdict.replace(" ", "_"))


def _tidy_end(value: float) -> str:
    """A refined end for reading: 6 significant digits, ends within 1e-6 of 0 shown as 0 (never
    −0), so −3.0000000000000004 reads −3 and tanh's 6e-63 reads 0."""
    v = float(value)
    return number(0.0 if abs(v) < 1e-6 else v, 6)


def loss_formulas(lg: LossGradients) -> tuple[str, str, str]:
    """(the output a, MSE's ∂L/∂z, cross-entropy's ∂L/∂z) as text, e.g. ``("σ(2z)",
    "(a − y)·2σ′(2z)", "2(a − y)")``.

    Sigmoid is written with its slope k substituted, a = σ(kz), so that the parameter's letter a
    is not mistaken for the output a; any other parameter is named as a parameter.
    """
    if lg.name == "sigmoid":
        k = float(lg.params.get("a", 1.0))
        if k == 1.0:
            return "σ(z)", "(a − y)·σ′(z)", "a − y"
        kk = number(k, 6)
        return f"σ({kk}z)", f"(a − y)·{kk}σ′({kk}z)", f"{kk}(a − y)"
    shown = ", ".join(f"{k} = {number(v, 6) if isinstance(v, float) else v}" for k, v in lg.params.items())
    whose = set(lg.params) & {"a", "y", "z", "L"}  # not the output a
    key = "loss.params_of" if whose else "loss.params"
    output = f"{lg.name}(z)" + (msg(key + ("s" if len(lg.params) > 1 else ""), name=lg.name, shown=shown)
                                if shown else "")
    return output, "(a − y)·f′(z)", "(a − y)·f′(z) / (a(1 − a))"


def loss_domain_text(lg: LossGradients) -> str | None:
    """Where 0 < f(z) < 1 within the window, e.g. ``"−3 < z < 3"`` or ``"z > 0 (to the end of the
    plotted range, z = 8)"``; ``None`` if it holds on the whole window."""
    lo, hi = lg.window
    if len(lg.domain) == 1 and lg.domain[0] == (lo, hi):
        return None
    parts = []
    for start, end in lg.domain:
        left, right = start == lo, end == hi
        s, e = _tidy_end(start), _tidy_end(end)
        if left and right:
            parts.append(msg("loss.domain.all", s=s, e=e))
        elif left:
            parts.append(msg("loss.domain.left", s=s, e=e))
        elif right:
            parts.append(msg("loss.domain.right", s=s, e=e))
        else:
            parts.append(f"{s} < z < {e}")
    return parts[0] if len(parts) == 1 else msg("text.list_sep").join(parts[:-1]) + msg("text.and") + parts[-1]


def loss_domain_note(lg: LossGradients) -> str | None:
    """A sentence saying where cross-entropy is defined, or ``None`` if it is defined everywhere."""
    where = loss_domain_text(lg)
    if where is None:
        return None
    return msg("loss.domain_note", label=spec_label(lg.bound), where=where)
