"""Your own activation: any expression in x, read safely, differentiated exactly, analysed like the
catalogue's.

``compile_expression("x*tanh(softplus(x))")`` returns an :class:`~actviz.spec.Activation` (family
``expression``) whose formula and derivative are mathtext, whose derivative is exact (symbolic
differentiation of the tree), and whose declared facts, the limits at ±∞, kinks and continuity,
are derived from the expression for any parameters; :mod:`actviz.analysis` derives everything else
from them, as for a catalogue entry. Names other than x, the functions and the constants pi and e
are parameters. :func:`define` names one, with default parameters, so that it can be registered.

Only numpy and the standard library are imported here: sympy loads only where a limit needs it,
mpmath only where a value needs 40 digits.
"""

from __future__ import annotations

import math
import re
import time
import zlib
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import numpy as np

from ..errors import ParameterError
from ..spec import Activation, Limit, Param, Value
from .calculus import derivative
from .grammar import RESERVED, Tree, params_of, parse
from .limits import SYMPY_BUDGET, SYMPY_SECONDS, evaluator, limit
from .mathtext import symbol, to_mathtext
from .numeric import domain_problem, pole
from .pieces import continuity_at_sites, sites

__all__ = ["FAMILY", "compile_expression", "define", "looks_like_expression", "split_spec", "slug", "Expression",
           "RESERVED", "missing_message"]

FAMILY = "expression"
_X = re.compile(r"(?<![A-Za-z0-9_.])x(?![A-Za-z0-9_])")
_OPERATORS = re.compile(r"[()+\-*/<>=,^.%&|~@\[\]{}'\"!]")


_ASSIGNMENTS = re.compile(r"[\w\s=.,+\-]*")  # what KEY=VALUE[,KEY=VALUE...] (even malformed) is made of


def _expression_like(text: str) -> bool:
    return bool(_X.search(text)) and bool(_OPERATORS.search(text))


def split_spec(text: str) -> tuple[str, str | None]:
    """``EXPRESSION[:KEY=VALUE,...]`` -> (expression, assignments or None). A ':' that does not start
    assignments (``lambda:``, ``x[1:2]``) stays in the expression, which the grammar then refuses."""
    head, sep, rest = text.partition(":")
    if not sep:
        return text, None
    if _expression_like(head) and _ASSIGNMENTS.fullmatch(rest):
        return head, rest
    return text, None


def looks_like_expression(text: str) -> bool:
    """Is ``text`` meant as an expression: the variable x and an operator or call (before any ``:k=v``)?"""
    return _expression_like(split_spec(text)[0])


_WORDS = {"**": "pow", "*": "", "/": "over", "+": "plus", "-": "minus", "<": "lt", ">": "gt", "<=": "le", ">=": "ge",
          "==": "eq", "!=": "ne"}


def slug(text: str) -> str:
    """A short, file-name-safe name for an expression: ``x*tanh(softplus(x))`` -> ``x_tanh_softplus_x``."""
    tokens = re.findall(r"\*\*|<=|>=|==|!=|[A-Za-z_][A-Za-z0-9_]*|\d+\.?\d*(?:e-?\d+)?|\.\d+|[*/+\-<>]", text)
    words = [_WORDS.get(t, t) for t in tokens]
    name = re.sub(r"_+", "_", "_".join(w for w in words if w)).strip("_").lower() or "expression"
    if len(name) > 48:
        name = f"{name[:39]}_{zlib.crc32(text.encode()):08x}"
    return name


def _key(params: Mapping[str, Any]) -> tuple:
    return tuple(sorted(params.items()))


class Expression:
    """One parsed expression: its tree, exact derivative, evaluators, and its facts per parameters
    (each computed once for each set of parameter values)."""

    def __init__(self, text: str):
        self.text = text
        self.tree = parse(text)
        self.dtree = derivative(self.tree)
        self.params = params_of(self.tree)
        self.fn = evaluator(self.tree)
        self.raw_derivative = evaluator(self.dtree)
        self._facts: dict[tuple, Any] = {}

    def derivative_fn(self, x: Any, **params: float) -> np.ndarray:
        """f′, with its value at each join where f is differentiable (no kink there) the slopes' common
        limit: a corner convention of one piece must not add up where the sum is smooth (relu(x) − relu(−x)
        has f′(0) = 1, not relu′(0) + relu′(0) = 0)."""
        out = self.raw_derivative(x, **params)
        for k, v in self._cached("smooth joins", params, lambda: self._smooth_joins(params)):
            out = np.where(np.asarray(x) == k, v, out)
        return out

    def _smooth_joins(self, params: Mapping[str, float]) -> tuple[tuple[float, float], ...]:
        kinks = set(self.kinks(**params))
        out = []
        for k in self.joins(**params):
            if k in kinks or not math.isfinite(k):
                continue
            h = 1e-7 * max(1.0, abs(k))
            with np.errstate(all="ignore"):
                sides = self.raw_derivative(np.array([k - 2 * h, k - h, k + h, k + 2 * h]), **params)
            left, right = 2.0 * sides[1] - sides[0], 2.0 * sides[2] - sides[3]  # linear extrapolation to k
            at = float(self.raw_derivative(np.array([k]), **params)[0])
            slope = 0.5 * (left + right)
            if math.isfinite(slope) and abs(slope - at) > 1e-9 * max(1.0, abs(slope)):
                out.append((float(k), float(slope)))
        return tuple(out)

    def _cached(self, what: str, params: Mapping[str, Any], compute: Any) -> Any:
        key = (what, _key(params))
        if key not in self._facts:
            self._facts[key] = compute()
        return self._facts[key]

    def _limit(self, tree: Tree, side: float, params: Mapping[str, float]) -> Limit:
        """A limit (a number, None where none exists, or UNDECIDED), sympy's share of it drawn from a
        budget shared by the four limits of these parameters."""
        key = ("budget", _key(params))
        left = self._facts.get(key, SYMPY_BUDGET)
        start = time.perf_counter()
        value = limit(tree, side, params, min(SYMPY_SECONDS, left))
        self._facts[key] = left - (time.perf_counter() - start)
        return value

    def limits(self, **params: float) -> tuple[Limit, Limit]:
        return self._cached("limits", params,
                            lambda: (self._limit(self.tree, -1.0, params), self._limit(self.tree, 1.0, params)))

    def derivative_limits(self, **params: float) -> tuple[Limit, Limit]:
        return self._cached("dlimits", params,
                            lambda: (self._limit(self.dtree, -1.0, params), self._limit(self.dtree, 1.0, params)))

    def _pieces(self, params: Mapping[str, float]) -> tuple[float, tuple[float, ...]]:
        return self._cached("pieces", params, lambda: continuity_at_sites(self.tree, self._sites(params), params))

    def _sites(self, params: Mapping[str, float]) -> dict[float, bool]:
        return self._cached("sites", params, lambda: sites(self.tree, params))

    def kinks(self, **params: float) -> tuple[float, ...]:
        return self._pieces(params)[1]

    def joins(self, **params: float) -> tuple[float, ...]:
        """Every site where a piece switches (abs, max, where, ...), kinks or not."""
        return tuple(self._sites(params))

    def continuity(self, **params: float) -> float:
        return self._pieces(params)[0]

    def check(self, **params: Any) -> str | None:
        """Why these parameters cannot be used (a missing value, or not real for some x), or None."""
        missing = [k for k, v in params.items() if v is None]
        if missing:
            return missing_message(self.text, missing)
        problem = self._cached("domain", params, lambda: domain_problem(self.fn, params) or self._pole(params))
        if problem is None:
            return None
        from .. import text as fmt

        at, why = problem
        if why == "pole":
            return (f"{self.text!r} is infinite at x = {fmt.number(at)} (a pole: a divisor, a tangent's cosine or a "
                    "log's argument is 0 there): an activation must be finite for every real x")
        return (f"{self.text!r} is not a real number at x = {fmt.number(at)} (a log or square root of a negative "
                "number, or a fractional power of one): an activation must be defined for every real x")

    def _pole(self, params: Mapping[str, Any]) -> tuple[float, str] | None:
        at = pole(self.tree, self.fn, params)
        return None if at is None else (at, "pole")

    def activation(self, name: str, label: str, defaults: Mapping[str, Value | None], summary: str) -> Activation:
        params = tuple(
            Param(p, defaults.get(p), f"parameter {p} of {self.text}", symbol=symbol(p))  # type: ignore[arg-type]
            for p in self.params
        )
        return Activation(
            name=name,
            label=label,
            family=FAMILY,
            summary=summary,
            formula=to_mathtext(self.tree),
            derivative_formula=to_mathtext(self.dtree, "f'(x)"),
            fn=self.fn,
            derivative_fn=self.derivative_fn,
            params=params,
            limits=self.limits,
            derivative_limits=self.derivative_limits,
            kinks=self.kinks,
            joins=self.joins,
            continuity=self.continuity,
            notes=(
                f"Your expression {self.text}: the derivative is exact (differentiated symbolically); at a "
                "corner it takes the slope of the branch that holds there (max(a, b)′ = a′ where a ≥ b).",
                f"Limits at ±∞ are exact (rules, else sympy within {SYMPY_BUDGET:g} s in all); where neither "
                "decides, they are undecided, and so is what depends on them (range, saturation).",
            ),
            check=self.check,
            source=self.text,
        )


def missing_message(text: str, missing: list[str]) -> str:
    from ..errors import option

    example = ",".join(f"{k}=1" for k in missing)
    which = "parameter " + missing[0] + " has" if len(missing) == 1 else "parameters " + ", ".join(missing) + " have"
    return (f"{text!r}: {which} no value: give it in the spec, e.g. '{text}:{example}', or with "
            f"{option('keyword parameter')} {' '.join(f'{k}=1' for k in missing)}")


@lru_cache(maxsize=128)
def _expression(text: str) -> Expression:
    return Expression(text)


_COMPILED: dict[str, Activation] = {}
CACHE_SIZE = 256


def compile_expression(text: str) -> Activation:
    """The activation of an expression in x (compiled once for each text, spaces aside, so the same
    expression gives the same Activation; its parameters have no defaults)."""
    key = "".join(text.split())
    act = _COMPILED.get(key)
    if act is None:
        act = _compile(" ".join(text.split()))
        if len(_COMPILED) >= CACHE_SIZE:
            _COMPILED.pop(next(iter(_COMPILED)))
        _COMPILED[key] = act
    return act


def _compile(text: str) -> Activation:
    expr = _expression(text)
    if not expr.params:  # refused here, with the text, rather than on first use
        problem = expr.check()
        if problem:
            raise ParameterError(problem)
    return expr.activation(slug(text), text, {}, f"The expression {text}, written by you.")


def define(name: str, expression: str, /, **defaults: Any) -> Activation:
    """An :class:`~actviz.spec.Activation` called ``name`` from ``expression``, every parameter
    given a default: ``define("xsig", "x*sigmoid(b*x)", b=1.0)``. Register it to use it by name."""
    from ..registry import normalize

    if not isinstance(name, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", name) or normalize(name) != name:
        raise ParameterError(f"the name {name!r} is not valid: lower case letters, digits and _, starting with a "
                             "letter, e.g. 'xsig'")
    if not isinstance(expression, str):
        raise ParameterError(f"the expression is text, not {type(expression).__name__}")
    text = " ".join(expression.split())
    expr = _expression(text)
    unknown = [k for k in defaults if k not in expr.params]
    if unknown:
        has = ", ".join(expr.params) if expr.params else "none"
        raise ParameterError(f"{text!r} has no parameter {unknown[0]!r}; its parameters: {has}")
    missing = [p for p in expr.params if p not in defaults]
    if missing:
        raise ParameterError(f"{text!r}: give a default for every parameter, e.g. define({name!r}, {text!r}, "
                             + ", ".join(f"{k}=1.0" for k in missing) + ")")
    values = {k: Param(k, 0.0, "").validate(v) for k, v in defaults.items()}
    act = expr.activation(name, name, values, f"{name}(x) = {text}, defined with actviz.define.")
    act.resolve()  # defined for every real x at the defaults
    return act
