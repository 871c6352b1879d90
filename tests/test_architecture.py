"""The house's shape, read from the source: imports point one way.

Every ``import`` of the package is read from its syntax tree, at any depth (inside functions too), but
for those under ``if TYPE_CHECKING:``, which never run (annotations only). From them:

* no circle: no module reaches itself through imports, so the layers of README's Layout hold;
* the core (the maths and its data) imports no rich, matplotlib or typer, and no module that makes
  words: its results are plain data that carry their bound activation, and words are made by
  ``text`` and ``messages`` when shown. Notation without words (``notation``: numbers and sets;
  ``formulas``: mathtext to Unicode) is a leaf the core may use.
"""

from __future__ import annotations

import ast
from pathlib import Path

import actviz

PACKAGE = Path(actviz.__file__).resolve().parent

#: the core: maths and data, no drawing, no terminal, no command line
CORE = ("actviz.errors", "actviz.facts", "actviz.spec", "actviz.numerics", "actviz.registry", "actviz.catalog",
        "actviz.options",
        "actviz.properties", "actviz.analysis", "actviz.defaults_cache", "actviz.page_cache", "actviz.lessons", "actviz.training",
        "actviz.propagation", "actviz.dtypes", "actviz.quadrature", "actviz.models", "actviz.gated_units")
HEAVY = ("rich", "matplotlib", "typer")
#: modules that make words, tables, terminals, figures or commands
PRESENTATION = ("actviz.text", "actviz.messages", "actviz.tables", "actviz.terminal", "actviz.richtext",
                "actviz.render", "actviz.advice", "actviz.presets", "actviz.selection",
                "actviz.api", "actviz.cli")


def _in(name: str, prefixes: tuple[str, ...]) -> bool:
    """``name`` is one of the modules or packages named (actviz.models, not actviz.models_text)."""
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def _module(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _type_checking(node: ast.AST) -> bool:
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and (
        (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
        or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"))


def _imports(name: str) -> set[str]:
    """Every module ``name`` imports (actviz's own resolved to modules; others by their top name)."""
    path = MODULES[name]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    skipped = {id(n) for node in ast.walk(tree) if _type_checking(node) for b in node.body for n in ast.walk(b)}
    out = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(package[: len(package) - node.level + 1] + [node.module or ""]).strip(".") \
                if node.level else node.module or ""
            out |= {f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names}
    resolved = set()
    for target in out:
        while target not in MODULES and "." in target and target.startswith("actviz"):
            target = target.rsplit(".", 1)[0]
        resolved.add(target if target.startswith("actviz") else target.split(".")[0])
    return resolved - {name}


GRAPH = {name: {m for m in _imports(name) if m in MODULES} for name in MODULES}


def test_the_scan_sees_imports_inside_functions():
    assert "actviz.analysis" in GRAPH["actviz.spec"]  # Bound.properties imports it on use
    assert "actviz.defaults_cache" in GRAPH["actviz.analysis"]


def test_no_import_circle():
    """Tarjan's strongly connected components of the import graph: each is a single module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(GRAPH[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            part = []
            while True:
                w = stack.pop()
                part.append(w)
                if w == v:
                    break
            if len(part) > 1:
                circles.append(sorted(part))

    for v in sorted(GRAPH):
        if v not in index:
            visit(v)
    shown = ["; ".join(f"{m} -> {', '.join(sorted(GRAPH[m] & set(c)))}" for m in c) for c in circles]
    assert not circles, "import circles (move the code so the arrow points one way):\n" + "\n".join(shown)


def test_the_core_imports_no_drawing_terminal_or_command_line():
    bad = {name: sorted(_imports(name) & set(HEAVY)) for name in MODULES if _in(name, CORE)}
    assert {k: v for k, v in bad.items() if v} == {}


def test_the_core_holds_data_not_words():
    bad = {name: sorted(m for m in GRAPH[name] if m.startswith(PRESENTATION)) for name in MODULES
           if _in(name, CORE)}
    assert {k: v for k, v in bad.items() if v} == {}
