"""Expression trees written as matplotlib mathtext, in the catalogue's notation.

``x*tanh(softplus(x))`` -> ``x\\,\\tanh(\\mathrm{softplus}(x))``; products juxtaposed (``bx``, ``2x``),
quotients as fractions, powers of functions as ``\\tanh^{2}(u)``, eᵘ as ``e^{u}``, σ for the sigmoid.
mathtext has no ``cases``: pieces are written as the catalogue does, "a if x > 0, else b".
"""

from __future__ import annotations

import re

from .grammar import Tree, has_x

__all__ = ["to_mathtext", "symbol"]

_GREEK = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu",
          "nu", "xi", "rho", "sigma", "tau", "phi", "chi", "psi", "omega", "Gamma", "Delta", "Theta", "Lambda",
          "Xi", "Sigma", "Phi", "Psi", "Omega"}
_NAMED = {"sin": r"\sin", "cos": r"\cos", "tan": r"\tan", "sinh": r"\sinh", "cosh": r"\cosh", "tanh": r"\tanh",
          "arctan": r"\arctan", "log": r"\log", "arcsinh": r"\mathrm{arcsinh}", "erf": r"\mathrm{erf}",
          "erfc": r"\mathrm{erfc}", "sigmoid": r"\sigma", "softplus": r"\mathrm{softplus}", "sign": r"\mathrm{sign}",
          "heaviside": r"\mathrm{H}", "relu": r"\mathrm{ReLU}", "max": r"\max", "min": r"\min"}
_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}
_CMP = {"<": "<", "<=": r"\leq", ">": ">", ">=": r"\geq", "==": "=", "!=": r"\neq"}
ATOM, POW, FRAC, MUL, ADD, PIECES = 5, 4, 3.5, 2, 1, 0


def symbol(name: str) -> str:
    """A parameter's name as mathtext: ``\\beta``, ``b``, ``t_{l}``, ``\\mathrm{slope}``."""
    base, _, sub = name.partition("_")
    if base in _GREEK:
        head = "\\" + base
    elif len(base) == 1:
        head = base
    else:
        head = r"\mathrm{" + base + "}"
    return head + (r"_{" + (symbol(sub) if sub else "") + "}" if sub else "")


def number(v: float) -> str:
    """A constant as written: whole numbers plainly, others to 12 significant digits (0.1·3 is 0.3)."""
    v = float(f"{v:.12g}")
    if v == round(v) and abs(v) < 1e15:
        return str(int(v))
    text = repr(v)
    if "e" in text:
        mantissa, exponent = text.split("e")
        exp = str(int(exponent))
        return (f"{mantissa}\\times10^{{{exp}}}" if mantissa not in ("1", "1.0") else f"10^{{{exp}}}")
    return text


def _paren(body: str) -> str:
    return rf"\left({body}\right)" if r"\frac" in body else f"({body})"


def _print(t: Tree) -> tuple[str, float]:
    op = t[0]
    if op == "num":
        text = number(abs(t[1]))
        return ("-" + text, MUL) if t[1] < 0 else (text, ATOM)
    if op == "x":
        return "x", ATOM
    if op == "par":
        return symbol(t[1]), ATOM
    if op == "const":
        return (r"\pi" if t[1] == "pi" else "e"), ATOM
    if op == "neg":
        return "-" + _wrap(t[1], MUL + 0.1), MUL
    if op in ("add", "sub"):
        left = _wrap(t[1], ADD)
        b = t[2]
        sign = "+" if op == "add" else "-"
        if op == "add" and (b[0] == "neg" or (b[0] == "num" and b[1] < 0)):
            sign, b = "-", (b[1] if b[0] == "neg" else ("num", -b[1]))
            return f"{left} - {_wrap(b, ADD + 0.1)}", ADD
        lead = _factor_list(b)[0] if b[0] == "mul" else None
        if op in ("add", "sub") and lead is not None and lead[0] == "num" and lead[1] < 0:  # a + (−2)u: a − 2u
            rest = _factor_list(b)[1:]
            positive: Tree = ("num", -lead[1]) if lead[1] != -1 else rest.pop(0)
            for f in rest:
                positive = ("mul", positive, f)
            sign = "-" if op == "add" else "+"
            return f"{left} {sign} {_wrap(positive, ADD + 0.1)}", ADD
        right = _wrap(b, ADD if op == "add" else ADD + 0.1)
        return f"{left} {sign} {right}", ADD
    if op == "mul":
        return _product(t), MUL
    if op == "div":
        return rf"\frac{{{to_body(t[1])}}}{{{to_body(t[2])}}}", FRAC
    if op == "pow":
        return _power(t), POW
    if op == "where":
        return _pieces(t), PIECES
    if op == "call":
        return _call(t)
    return _condition(t), PIECES


def _wrap(t: Tree, at_least: float) -> str:
    text, prec = _print(t)
    return text if prec >= at_least else _paren(text)


def _factor_list(t: Tree) -> list[Tree]:
    return _factor_list(t[1]) + _factor_list(t[2]) if t[0] == "mul" else [t]


def _product(t: Tree) -> str:
    out = ""
    prev: Tree | None = None
    for f in _factor_list(t):
        text = _wrap(f, MUL + 0.1) if prev is not None else _wrap(f, MUL)
        if prev is None:
            out = text
        elif re.search(r"\\[A-Za-z]+$", out) and text[0].isalpha():  # \beta x, not \betax
            out += " " + text
        elif text[0].isdigit() or text.startswith("-"):
            out += r" \cdot " + text
        elif (prev[0] == "num" and prev[1] >= 0) or (_simple(prev) and _simple(f)):
            out += text
        else:
            out += r"\," + text
        prev = f
    return out


def _simple(t: Tree) -> bool:
    """One letter (x, b, \\beta): juxtaposed without a space."""
    return t[0] in ("x", "const") or (t[0] == "par" and len(t[1]) == 1) or (
        t[0] == "par" and t[1] in _GREEK)


def _power(t: Tree) -> str:
    base, exponent = t[1], to_body(t[2])
    if base[0] == "call" and base[1] in _NAMED and base[1] not in ("max", "min"):
        inner = to_body(base[2])
        return f"{_NAMED[base[1]]}^{{{exponent}}}{_paren(inner)}"
    return f"{_wrap(base, ATOM)}^{{{exponent}}}"


def _call(t: Tree) -> tuple[str, float]:
    name, args = t[1], t[2:]
    if name == "exp":
        return f"e^{{{to_body(args[0])}}}", POW
    if name == "expm1":
        return f"e^{{{to_body(args[0])}}} - 1", ADD
    if name == "log1p":
        return r"\log" + _paren("1 + " + _wrap(args[0], ADD)), ATOM
    if name == "sqrt":
        return rf"\sqrt{{{to_body(args[0])}}}", ATOM
    if name == "abs":
        return f"|{to_body(args[0])}|", ATOM
    body = r",\ ".join(to_body(a) for a in args)
    return _NAMED[name] + _paren(body), ATOM


def _pieces(t: Tree) -> str:
    parts = []
    while t[0] == "where":
        parts.append(rf"{_wrap(t[2], ADD)}\ \mathrm{{if}}\ {_condition(t[1])}")
        t = t[3]
    return r",\ ".join(parts) + rf",\ \mathrm{{else}}\ {_wrap(t, ADD)}"


def _condition(c: Tree) -> str:
    if c[0] == "cmp":
        op, a, b = c[1], c[2], c[3]
        if not has_x(a) and has_x(b):  # 0 >= x reads better as x <= 0
            op, a, b = _FLIP[op], b, a
        return f"{to_body(a)} {_CMP[op]} {to_body(b)}"
    if c[0] == "not":
        return r"\mathrm{not}\ " + _paren(_condition(c[1]))
    word = r"\ \mathrm{and}\ " if c[0] == "and" else r"\ \mathrm{or}\ "
    parts = []
    for part in (c[1], c[2]):
        text = _condition(part)
        parts.append(_paren(text) if part[0] in ("and", "or") and part[0] != c[0] else text)
    return word.join(parts)


def to_body(t: Tree) -> str:
    """The tree as mathtext without ``$`` (to go after ``f(x) = ``)."""
    return _print(t)[0]


def to_mathtext(t: Tree, lhs: str = "f(x)") -> str:
    """``f(x) = ...``: the formula in the catalogue's form (mathtext, without the ``$``)."""
    return f"{lhs} = {to_body(t)}"
