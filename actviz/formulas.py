"""The catalogue's mathtext formulas as readable Unicode text (terminals, CSV, ``repr``).

Pure string processing, stdlib only, so that every module (spec's ``repr`` included) can use it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

__all__ = ["plain_formula", "brace_group"]


_SYMBOLS = {
    r"\alpha": "α", r"\beta": "β", r"\lambda": "λ", r"\sigma": "σ", r"\mu": "μ", r"\varepsilon": "ε", r"\pi": "π", r"\Phi": "Φ",
    r"\varphi": "φ", r"\partial": "∂", r"\leq": "≤", r"\geq": "≥", r"\neq": "≠", r"\infty": "∞",
    r"\cdot": "·", r"\sum": "Σ", r"\tanh": "tanh", r"\log": "log", r"\max": "max", r"\min": "min",
    r"\sin": "sin", r"\cos": "cos", r"\arctan": "arctan", r"\exp": "exp",
}
_SUP = str.maketrans("0123456789+-−xi", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻ˣⁱ")
_SUB = str.maketrans("0123456789+-−ij", "₀₁₂₃₄₅₆₇₈₉₊₋₋ᵢⱼ")
_WORDS = ("tanh", "log", "max", "min", "sin", "cos", "arctan", "exp", "Σ")


def brace_group(text: str, start: int) -> tuple[str, int]:
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


def flat_fraction(tex: str, i: int, flat: Callable[[str, str], str],
                  group: Callable[[str], str]) -> tuple[str, int] | None:
    r"""The fraction ``\frac{num}{den}`` that starts at ``tex[i]`` written on one line, and the index
    after it (None where none starts there): ``flat(num, den)`` writes num/den, ``group`` brackets it
    where a factor follows it directly, as in (x/2)(1 + …). The one rule for formulas in one line, as
    Unicode text (:func:`plain_formula`) or mathtext (``actviz.text.flat_math``)."""
    if not (tex.startswith(r"\frac", i) and tex[i + 5 : i + 6] == "{"):
        return None
    num, j = brace_group(tex, i + 5)
    den, k = brace_group(tex, j)
    frac = flat(num, den)
    glued = k < len(tex) and tex[k] not in " +-=,)}" and not tex.startswith(r"\right", k)
    return (group(frac) if glued else frac), k


def _wrap(term: str) -> str:
    """``term`` in parentheses unless it is one factor (no operator or space outside brackets)."""
    depth = 0
    for c in term:
        depth += c in "([{"
        depth -= c in ")]}"
        if depth == 0 and c in " +-−=/,":
            return f"({term})"
    return term


_SCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻ˣⁱ₀₁₂₃₄₅₆₇₈₉₊₋ᵢⱼ′"


def _factors(term: str) -> int:
    """How many factors ``term`` multiplies side by side (``2√(x²+1)``: 2; ``√(x²+1)``, ``(1+|x|)²``,
    ``cosh(x)``: 1), for deciding whether a denominator needs parentheses."""
    i, n, count = 0, len(term), 0
    while i < n:
        c = term[i]
        if c == " ":
            i += 1
            continue
        count += 1
        while i < n and term[i] == "√":
            i += 1
        if i < n and (term[i].isdigit() or term[i] == "."):
            while i < n and (term[i].isdigit() or term[i] == "."):
                i += 1
        elif i < n and term[i].isalpha():
            while i < n and term[i].isalpha() and term[i] not in _SCRIPTS:
                i += 1
                if term[i - 1] in "xyz" and i < n and term[i].isalpha():  # x y: one letter is one factor
                    break
        if i < n and term[i] in "([|":
            close = {"(": ")", "[": "]", "|": "|"}[term[i]]
            depth, j = 0, i
            while j < n:
                if term[j] == term[i] and (close != "|" or j == i):
                    depth += 1
                elif term[j] == close:
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            i = j + 1
        while i < n and term[i] in _SCRIPTS:
            i += 1
        if i < n and term[i] not in " ([|√" and not term[i].isalnum():
            return count + 1  # an operator: not a plain product
    return count


def _plain_fraction(num: str, den: str) -> str:
    den_text = plain_formula(den)
    den_text = _wrap(den_text) if _factors(den_text) <= 1 else f"({den_text})"
    return f"{_wrap(plain_formula(num))}/{den_text}"


@functools.lru_cache(maxsize=4096)
def plain_formula(tex: str) -> str:
    """Turn a catalogue mathtext formula into readable Unicode text (for terminals and CSV).

    Remembered (a pure function of the string): the gallery's pages ask for the same formulas and their
    pieces again and again (explore.html: 1 900 calls, 250 different; 128 → 90 ms)."""
    out, i = [], 0
    while i < len(tex):
        if frac := flat_fraction(tex, i, _plain_fraction, lambda frac: f"({frac})"):
            out.append(frac[0])
            i = frac[1]
        elif tex.startswith(r"\sqrt", i) and tex[i + 5 : i + 6] == "{":
            body, j = brace_group(tex, i + 5)
            out.append("√" + _wrap(plain_formula(body)))
            i = j
        elif tex.startswith(r"\mathrm", i) and tex[i + 7 : i + 8] == "{":
            body, j = brace_group(tex, i + 7)
            out.append(body)
            i = j
        elif tex[i] in "^_":
            if tex[i + 1 : i + 2] == "{":
                body, j = brace_group(tex, i + 1)
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
