"""Exact derivatives of expression trees (see :mod:`.grammar`), with light simplification.

The constructors fold numbers and drop neutral terms (``0 + a``, ``1·a``, ``a¹``), put a product's
factors in reading order (numbers, constants, parameters, powers of x, then the rest: ``b x σ(bx)``)
and keep the derivative in the stable primitives the expression used (σ′(u) is written
σ(u)(1 − σ(u)), softplus′(u) = σ(u)). Where a function has a corner (abs, relu, max, min, where), the
derivative is the one of the branch that holds at the point: max(a, b)′ = a′ if a ≥ b, else b′.
"""

from __future__ import annotations

import math

from .grammar import Tree, has_x

__all__ = ["derivative", "num", "add", "sub", "mul", "div", "power", "neg", "call", "where"]

ZERO: Tree = ("num", 0.0)
ONE: Tree = ("num", 1.0)


def num(v: float) -> Tree:
    return ("num", float(v) + 0.0)


def _is(t: Tree, v: float) -> bool:
    return t[0] == "num" and t[1] == v


def neg(a: Tree) -> Tree:
    if a[0] == "num":
        return num(-a[1])
    if a[0] == "neg":
        return a[1]
    if a[0] == "sub":
        return ("sub", a[2], a[1])
    if a[0] == "mul" and a[1][0] == "num":
        return mul(num(-a[1][1]), a[2])
    return ("neg", a)


def add(a: Tree, b: Tree) -> Tree:
    if _is(a, 0.0):
        return b
    if _is(b, 0.0):
        return a
    if a[0] == "num" and b[0] == "num":
        return num(a[1] + b[1])
    if b[0] == "neg":
        return sub(a, b[1])
    if b[0] == "num" and b[1] < 0:
        return sub(a, num(-b[1]))
    if a[0] == "neg":
        return sub(b, a[1])
    return ("add", a, b)


def sub(a: Tree, b: Tree) -> Tree:
    if _is(b, 0.0):
        return a
    if _is(a, 0.0):
        return neg(b)
    if a == b:
        return ZERO
    if a[0] == "num" and b[0] == "num":
        return num(a[1] - b[1])
    if b[0] == "neg":
        return add(a, b[1])
    return ("sub", a, b)


def _factors(t: Tree) -> list[Tree]:
    if t[0] == "mul":
        return _factors(t[1]) + _factors(t[2])
    if t[0] == "neg":
        return [num(-1.0)] + _factors(t[1])
    return [t]


def _rank(t: Tree) -> int:
    if t[0] == "num":
        return 0
    if t[0] in ("const", "par") or (t[0] == "div" and not has_x(t)) or (t[0] == "call" and not has_x(t)):
        return 1
    if t[0] == "x" or (t[0] == "pow" and t[1][0] == "x"):
        return 2
    return 3


def mul(a: Tree, b: Tree) -> Tree:
    factors = _factors(a) + _factors(b)
    value, rest = 1.0, []
    for f in factors:
        if f[0] == "num":
            value *= f[1]
        else:
            rest.append(f)
    if value == 0.0:
        return ZERO
    rest.sort(key=_rank)  # stable: the order of equal ranks is kept
    if len(rest) == 1 and rest[0][0] == "where":  # c·(a if p, else b) -> (c·a if p, else c·b)
        w = rest[0]
        return where(w[1], mul(num(value), w[2]), mul(num(value), w[3]))
    for i, f in enumerate(rest):  # u·(0 if p, else v) -> (0 if p, else u·v)
        if f[0] == "where" and (_is(f[2], 0.0) or _is(f[3], 0.0)):
            others = rest[:i] + rest[i + 1:]
            u = _product(value, others)
            return where(f[1], mul(u, f[2]), mul(u, f[3]))
    return _product(value, rest)


def _product(value: float, rest: list[Tree]) -> Tree:
    if not rest:
        return num(value)
    out = rest[0]
    for f in rest[1:]:
        out = ("mul", out, f)
    if value == 1.0:
        return out
    if value == -1.0:
        return ("neg", out)
    return ("mul", num(value), out)


def div(a: Tree, b: Tree) -> Tree:
    if _is(b, 1.0):
        return a
    if _is(a, 0.0):
        return ZERO
    if a[0] == "num" and b[0] == "num" and b[1] != 0:
        return num(a[1] / b[1])
    if a[0] == "neg":
        return neg(div(a[1], b))
    if a == b:
        return ONE
    return ("div", a, b)


def power(a: Tree, b: Tree) -> Tree:
    if _is(b, 0.0):
        return ONE
    if _is(b, 1.0):
        return a
    if a[0] == "num" and b[0] == "num":
        try:
            return num(math.pow(a[1], b[1]))
        except (OverflowError, ValueError, ZeroDivisionError):
            pass
    return ("pow", a, b)


def call(name: str, *args: Tree) -> Tree:
    return ("call", name, *args)


def where(cond: Tree, a: Tree, b: Tree) -> Tree:
    return a if a == b else ("where", cond, a, b)


def _sigmoid_prime(u: Tree) -> Tree:
    s = call("sigmoid", u)
    return ("mul", s, ("sub", ONE, s))


_TWO_OVER_SQRT_PI: Tree = ("div", num(2.0), call("sqrt", ("const", "pi")))


def derivative(t: Tree) -> Tree:
    """d t / dx as a tree (exact; at a corner, the slope of the branch that holds there)."""
    op = t[0]
    if op in ("num", "par", "const"):
        return ZERO
    if op == "x":
        return ONE
    if op == "neg":
        return neg(derivative(t[1]))
    if op in ("add", "sub"):
        return (add if op == "add" else sub)(derivative(t[1]), derivative(t[2]))
    if op == "mul":
        a, b = t[1], t[2]
        return add(mul(derivative(a), b), mul(a, derivative(b)))
    if op == "div":
        a, b = t[1], t[2]
        da, db = derivative(a), derivative(b)
        if _is(db, 0.0):
            return div(da, b)
        return sub(div(da, b), div(mul(a, db), power(b, num(2.0))))
    if op == "pow":
        a, b = t[1], t[2]
        if not has_x(b):
            if b[0] == "num":
                return mul(mul(b, power(a, num(b[1] - 1.0))), derivative(a))
            return mul(mul(b, power(a, sub(b, ONE))), derivative(a))
        if not has_x(a):
            return mul(mul(derivative(b), call("log", a)), t)
        return mul(t, add(mul(derivative(b), call("log", a)), div(mul(b, derivative(a)), a)))
    if op == "where":
        return where(t[1], derivative(t[2]), derivative(t[3]))
    if op == "call":
        return _call_derivative(t)
    raise ValueError(f"no derivative for {op}")  # pragma: no cover - the grammar has no other node


def _call_derivative(t: Tree) -> Tree:
    name, args = t[1], t[2:]
    if name in ("max", "min"):
        a = args[0]
        b = args[1] if len(args) == 2 else call(name, *args[1:])
        op = ">=" if name == "max" else "<="
        return where(("cmp", op, a, b), derivative(a), derivative(b))
    u = args[0]
    du = derivative(u)
    if _is(du, 0.0) or name in ("sign", "heaviside"):
        return ZERO
    if name == "relu":
        return where(("cmp", ">", u, ZERO), du, ZERO)
    outer = {
        "exp": lambda: t,
        "expm1": lambda: call("exp", u),
        "log": lambda: div(ONE, u),
        "log1p": lambda: div(ONE, add(ONE, u)),
        "sqrt": lambda: div(ONE, mul(num(2.0), t)),
        "abs": lambda: call("sign", u),
        "sin": lambda: call("cos", u),
        "cos": lambda: neg(call("sin", u)),
        "tan": lambda: add(ONE, power(t, num(2.0))),
        "sinh": lambda: call("cosh", u),
        "cosh": lambda: call("sinh", u),
        "tanh": lambda: sub(ONE, power(t, num(2.0))),
        "arctan": lambda: div(ONE, add(ONE, power(u, num(2.0)))),
        "arcsinh": lambda: div(ONE, call("sqrt", add(power(u, num(2.0)), ONE))),
        "erf": lambda: mul(_TWO_OVER_SQRT_PI, call("exp", neg(power(u, num(2.0))))),
        "erfc": lambda: neg(mul(_TWO_OVER_SQRT_PI, call("exp", neg(power(u, num(2.0)))))),
        "sigmoid": lambda: _sigmoid_prime(u),
        "softplus": lambda: call("sigmoid", u),
    }[name]()
    if outer[0] == "div" and _is(outer[1], 1.0):  # (1/v)·u′ = u′/v
        return div(du, outer[2])
    return mul(du, outer)
