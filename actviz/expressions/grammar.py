"""The grammar of expressions in x: a whitelist over Python's ``ast``, read into a small tree.

The user's text is never evaluated: :func:`parse` reads it with :func:`ast.parse` (which only
parses) and rebuilds every node it allows into a plain tuple (the *tree*, see below); anything else
is refused with a :class:`ParameterError` that names the token and shows its column with a caret.
Numbers are floats (``9**9**9`` is never computed as an integer) and constant exponents are bounded.

The tree: ``("num", v)``, ``("x",)``, ``("par", name)``, ``("const", "pi" | "e")``,
``("neg", a)``, ``("add" | "sub" | "mul" | "div" | "pow", a, b)``, ``("call", fname, a, ...)``,
``("where", cond, a, b)``; a condition is ``("cmp", op, a, b)`` (op one of < <= > >= == !=),
``("and", c, d)``, ``("or", c, d)`` or ``("not", c)``. Trees are hashable and compare by value.
"""

from __future__ import annotations

import ast
import math
from typing import Any

from ..errors import ParameterError
from . import numeric

__all__ = [
    "FUNCTIONS", "ALIASES", "CONSTANTS", "RESERVED", "MAX_LENGTH", "MAX_DEPTH", "MAX_NODES", "MAX_EXPONENT",
    "parse", "params_of", "has_x", "size", "Tree",
]

Tree = tuple  # see the module's docstring

#: function -> (fewest, most) arguments
FUNCTIONS: dict[str, tuple[int, int]] = {
    **{name: (1, 1) for name in (
        "exp", "log", "log1p", "expm1", "sqrt", "abs", "sign", "sin", "cos", "tan", "sinh", "cosh", "tanh",
        "arctan", "arcsinh", "erf", "erfc", "sigmoid", "softplus", "relu", "heaviside")},
    "max": (2, 8),
    "min": (2, 8),
    "where": (3, 3),
}
ALIASES = {"atan": "arctan", "asinh": "arcsinh", "step": "heaviside"}
CONSTANTS = {"pi": math.pi, "e": math.e}
#: names that are options of actviz's functions and commands, so never parameters of an expression
RESERVED = frozenset({
    "xmin", "xmax", "points", "theme", "dpi", "derivative", "ax", "family", "cols", "columns", "format", "width",
    "layers", "seed", "init", "target", "pyplot", "params",
})
MAX_LENGTH = 300  #: characters
MAX_DEPTH = 30  #: nesting of operations and calls
MAX_NODES = 200  #: operations, calls, names and numbers
MAX_EXPONENT = 100.0  #: largest |p| of a constant exponent
MAX_NUMBER = 1e15  #: largest |literal|
MAX_NAME = 24  #: longest parameter name

_BIN = {ast.Add: "add", ast.Sub: "sub", ast.Mult: "mul", ast.Div: "div", ast.Pow: "pow"}
_CMP = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!="}
_REFUSED = {  # ast node type -> what to call it in a message ("... are not allowed")
    ast.Subscript: "subscripts", ast.Lambda: "lambdas",
    ast.ListComp: "comprehensions", ast.SetComp: "comprehensions", ast.DictComp: "comprehensions",
    ast.GeneratorExp: "comprehensions", ast.List: "lists", ast.Tuple: "tuples", ast.Dict: "dicts",
    ast.Set: "sets", ast.Starred: "starred arguments", ast.NamedExpr: "assignments (:=)",
    ast.JoinedStr: "strings", ast.FormattedValue: "strings", ast.Await: "await", ast.Yield: "yield",
    ast.YieldFrom: "yield", ast.Slice: "slices",
}
_OPERATORS = {ast.BitXor: "^", ast.BitAnd: "&", ast.BitOr: "|", ast.FloorDiv: "//", ast.Mod: "%",
              ast.LShift: "<<", ast.RShift: ">>", ast.MatMult: "@", ast.Invert: "~"}


def function_list() -> str:
    return ", ".join(FUNCTIONS) + " (also " + ", ".join(f"{a} = {b}" for a, b in ALIASES.items()) + ")"


class _Reader:
    """ast -> tree, refusing what the grammar does not allow."""

    def __init__(self, text: str):
        self.text = text
        self.nodes = 0

    # -- errors -------------------------------------------------------------------------------------
    def column(self, node: ast.AST, end: bool = False) -> int:
        """The character column of ``node`` (or just after it); ast gives UTF-8 byte offsets."""
        raw = (getattr(node, "end_col_offset", 0) if end else getattr(node, "col_offset", 0)) or 0
        return len(self.text.encode("utf-8")[:raw].decode("utf-8", errors="ignore"))

    def fail(self, node: ast.AST | None, reason: str) -> ParameterError:
        return expression_error(self.text, reason, None if node is None else self.column(node))

    # -- reading ---------------------------------------------------------------------------------------
    def read(self, node: ast.AST, depth: int = 0, cond: bool = False) -> Tree:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self.fail(node, f"the expression is too large (more than {MAX_NODES} operations, names and numbers)")
        if depth > MAX_DEPTH:
            raise self.fail(node, f"the expression is nested too deeply (more than {MAX_DEPTH} levels)")
        kind = type(node)
        if isinstance(node, ast.Attribute):
            raise expression_error(self.text, f"attribute access (.{node.attr}) is not allowed in an expression",
                                   self.column(node.value, end=True))
        if isinstance(node, ast.Subscript):
            raise expression_error(self.text, "subscripts are not allowed in an expression",
                                   self.column(node.value, end=True))
        if kind in _REFUSED:
            raise self.fail(node, f"{_REFUSED[kind]} are not allowed in an expression")
        if isinstance(node, ast.Constant):
            return self.constant(node)
        if isinstance(node, ast.Name):
            return self.name(node)
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.Not) and cond:
                return ("not", self.read(node.operand, depth + 1, cond=True))
            if isinstance(node.op, (ast.USub, ast.UAdd)):
                inner = self.read(node.operand, depth + 1)
                if isinstance(node.op, ast.UAdd):
                    return inner
                return ("num", -inner[1]) if inner[0] == "num" else ("neg", inner)
            raise self.fail(node, self.operator_reason(node.op))
        if isinstance(node, ast.BinOp):
            op = _BIN.get(type(node.op))
            if op is None:
                raise self.fail(node, self.operator_reason(node.op))
            a, b = self.read(node.left, depth + 1), self.read(node.right, depth + 1)
            if op == "pow":
                return self.power(node, a, b)
            return (op, a, b)
        if isinstance(node, ast.Call):
            return self.call(node, depth)
        if isinstance(node, ast.Compare):
            if not cond:
                raise self.fail(node, "comparisons are allowed only as the condition of where(cond, a, b)")
            parts, left = [], self.read(node.left, depth + 1)
            for op, right_node in zip(node.ops, node.comparators):
                if type(op) not in _CMP:
                    raise self.fail(node, f"the comparison '{type(op).__name__}' is not allowed: use <, <=, >, >=, == or !=")
                right = self.read(right_node, depth + 1)
                parts.append(("cmp", _CMP[type(op)], left, right))
                left = right
            out = parts[0]
            for part in parts[1:]:  # 0 < x < 1 is 0 < x and x < 1
                out = ("and", out, part)
            return out
        if isinstance(node, ast.BoolOp):
            if not cond:
                raise self.fail(node, "'and', 'or' are allowed only in the condition of where(cond, a, b)")
            op = "and" if isinstance(node.op, ast.And) else "or"
            values = [self.read(v, depth + 1, cond=True) for v in node.values]
            out = values[0]
            for v in values[1:]:
                out = (op, out, v)
            return out
        if isinstance(node, ast.IfExp):
            raise self.fail(node, "'a if c else b' is not allowed: write where(c, a, b)")
        raise self.fail(node, f"{type(node).__name__} is not allowed in an expression")

    def operator_reason(self, op: ast.AST) -> str:
        sym = _OPERATORS.get(type(op), type(op).__name__)
        if sym == "^":
            return "'^' is not a power here: write x**2 for x squared"
        return f"the operator '{sym}' is not allowed: use + - * / ** (and comparisons inside where)"

    def constant(self, node: ast.Constant) -> Tree:
        v = node.value
        if isinstance(v, bool) or v is None or v is Ellipsis:
            raise self.fail(node, f"{v!r} is not a number")
        if isinstance(v, complex):
            raise self.fail(node, "complex numbers are not allowed")
        if isinstance(v, (str, bytes)):
            raise self.fail(node, "strings are not allowed in an expression")
        if not isinstance(v, (int, float)):
            raise self.fail(node, f"{v!r} is not a number")
        if isinstance(v, int) and abs(v) > 10**16:  # never convert a huge int (slow, and beyond float64 anyway)
            raise self.fail(node, f"the number is too large (at most {MAX_NUMBER:g})")
        number = float(v)
        if not math.isfinite(number) or abs(number) > MAX_NUMBER:
            raise self.fail(node, f"the number is too large (at most {MAX_NUMBER:g})")
        return ("num", number)

    def name(self, node: ast.Name) -> Tree:
        name = node.id
        if name == "x":
            return ("x",)
        if name in CONSTANTS:
            return ("const", name)
        if name in FUNCTIONS or name in ALIASES:
            raise self.fail(node, f"{name} is a function: call it, e.g. {name}(x)")
        if not name.isascii():
            raise self.fail(node, f"the name {name!r} is not plain ASCII: use letters, digits and _")
        if name.lower() in RESERVED:
            raise self.fail(node, f"{name!r} cannot name a parameter: it is an option of actviz ({', '.join(sorted(RESERVED))}); "
                                  f"rename it, e.g. {name}_")
        if len(name) > MAX_NAME or name.startswith("_"):
            raise self.fail(node, f"the parameter name {name!r} is not allowed: at most {MAX_NAME} characters, "
                                  "not starting with _")
        return ("par", name)

    def power(self, node: ast.BinOp, a: Tree, b: Tree) -> Tree:
        if not has_x(b) and not params_of(b):
            p = constant_value(b)
            if p is None or not math.isfinite(p) or abs(p) > MAX_EXPONENT:
                shown = "too large" if p is None or not math.isfinite(p) else f"{p:g}"
                raise expression_error(self.text, f"the exponent is too large ({shown}; at most {MAX_EXPONENT:g} in "
                                                  "absolute value)", self.column(node.right))
            if a == ("const", "e"):
                return ("call", "exp", b)
            if not has_x(a) and not params_of(a):
                base = constant_value(a)
                if base is None or (base < 0 and p != round(p)) or (base == 0 and p < 0):
                    raise self.fail(node, "this power of a constant is not a real number")
                value = _safe_pow(base, p)
                if value is None or abs(value) > MAX_NUMBER:
                    raise self.fail(node, f"the number is too large (at most {MAX_NUMBER:g})")
            return ("pow", a, ("num", p))
        if a == ("const", "e"):
            return ("call", "exp", b)
        return ("pow", a, b)

    def call(self, node: ast.Call, depth: int) -> Tree:
        if not isinstance(node.func, ast.Name):
            if type(node.func) in _REFUSED:
                raise self.fail(node.func, f"{_REFUSED[type(node.func)]} are not allowed in an expression")
            if isinstance(node.func, ast.Attribute):
                raise expression_error(self.text, f"attribute access (.{node.func.attr}) is not allowed in an "
                                       "expression", self.column(node.func.value, end=True))
            raise self.fail(node, "only the named functions can be called: " + function_list())
        name = ALIASES.get(node.func.id, node.func.id)
        if name not in FUNCTIONS:
            hint = "x is the variable, not a function" if name == "x" else "functions: " + function_list()
            raise self.fail(node.func, f"unknown function {node.func.id!r}; {hint}")
        if node.keywords:
            raise self.fail(node, f"{name} takes no keyword arguments")
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                raise self.fail(arg, "starred arguments are not allowed in an expression")
        lo, hi = FUNCTIONS[name]
        n = len(node.args)
        if not lo <= n <= hi:
            want = "where(cond, a, b)" if name == "where" else (f"{lo} argument" if lo == hi == 1 else
                                                               f"{lo} to {hi} arguments")
            raise self.fail(node, f"{name} takes {want}, not {n}")
        if name == "where":
            cond = self.read(node.args[0], depth + 1, cond=True)
            if cond[0] not in ("cmp", "and", "or", "not"):
                raise self.fail(node.args[0], "the condition of where must be a comparison, e.g. where(x > 0, x, 0)")
            return ("where", cond, self.read(node.args[1], depth + 1), self.read(node.args[2], depth + 1))
        return ("call", name, *(self.read(a, depth + 1) for a in node.args))


def expression_error(text: str, reason: str, column: int | None = None) -> ParameterError:
    """``'TEXT': REASON``, and under it a caret at ``column`` of TEXT (two lines), when given."""
    message = f"{text!r}: {reason}"
    if column is not None:
        message += "\n" + " " * (column + 1) + "^"
    return ParameterError(message)


def parse(text: str) -> Tree:
    """The tree of ``text``, an expression in x; :class:`ParameterError` for anything else."""
    if not isinstance(text, str):
        raise ParameterError(f"an expression is text, not {type(text).__name__}")
    text = text.strip()
    if not text:
        raise ParameterError("the expression is empty: write one in x, e.g. x*sigmoid(x)")
    if len(text) > MAX_LENGTH:
        raise ParameterError(f"the expression is too long ({len(text)} characters; at most {MAX_LENGTH})")
    if not text.isprintable():
        raise ParameterError(f"the expression {text!r} contains a control character")
    try:
        module = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        column = max(0, (exc.offset or 1) - 1) if exc.lineno in (None, 1) else None
        msg = (exc.msg or "invalid syntax").split(" (")[0]
        raise expression_error(text, f"not a valid expression ({msg})", column) from None
    except (ValueError, RecursionError, MemoryError):  # null bytes, absurd nesting
        raise ParameterError(f"{text!r}: not a valid expression") from None
    reader = _Reader(text)
    tree = reader.read(module.body)
    if not has_x(tree):
        raise expression_error(text, "an expression must contain the variable x, e.g. x*sigmoid(b*x)")
    if tree[0] in ("cmp", "and", "or", "not"):
        raise expression_error(text, "a comparison is not a function: write where(cond, a, b)")
    return tree


# -- queries on trees ----------------------------------------------------------------------------------


def children(t: Tree) -> tuple[Tree, ...]:
    op = t[0]
    if op in ("num", "x", "par", "const"):
        return ()
    if op == "call":
        return t[2:]
    if op == "cmp":
        return t[2:]
    return t[1:]


def has_x(t: Tree) -> bool:
    return t[0] == "x" or any(has_x(c) for c in children(t))


def params_of(t: Tree) -> tuple[str, ...]:
    """The parameter names in ``t``, in order of first appearance."""
    out: dict[str, None] = {}

    def walk(node: Tree) -> None:
        if node[0] == "par":
            out[node[1]] = None
        for c in children(node):
            walk(c)

    walk(t)
    return tuple(out)


def size(t: Tree) -> int:
    return 1 + sum(size(c) for c in children(t))


def constant_value(t: Tree, params: dict[str, float] | None = None) -> float | None:
    """The value of a tree without x (parameters from ``params``), or None if it is not a real number."""
    try:
        value = numeric.scalar(t, params or {})
    except (ValueError, ZeroDivisionError, OverflowError, KeyError):
        return None
    return value if value is not None and math.isfinite(value) else None


def _safe_pow(a: float, b: float) -> Any:
    try:
        return math.pow(a, b)
    except (OverflowError, ValueError, ZeroDivisionError):
        return None
