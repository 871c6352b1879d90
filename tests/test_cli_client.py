"""The command line is a client of the API (issue 22): cli.py imports nothing of actviz but the API,
the errors, the options vocabulary, the message catalogue and its own start-up tricks."""

from __future__ import annotations

import ast
from pathlib import Path

import actviz

CLI = Path(actviz.__file__).parent / "cli.py"
ALLOWED = {"actviz.api", "actviz.errors", "actviz.options", "actviz.messages", "actviz.render._speedups"}


def _is_module(name: str) -> bool:
    path = CLI.parent.joinpath(*name.split(".")[1:])
    return path.is_dir() or path.with_suffix(".py").is_file()


def _actviz_imports(tree: ast.AST) -> set[str]:
    """Every actviz module cli.py imports, at the top or inside a function, absolute or relative."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name == "actviz" or a.name.startswith("actviz.")}
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0 and not (node.module or "").startswith("actviz"):
                continue
            base = "actviz" + ("." + node.module if node.level and node.module else
                               "" if node.level else (node.module or "")[len("actviz"):])
            for alias in node.names:  # "from .render import figures" names a module; "from .errors import X" a name
                found.add(f"{base}.{alias.name}" if _is_module(f"{base}.{alias.name}") else base)
    return found


def test_cli_imports_only_the_api_errors_options_messages_and_speedups():
    imported = _actviz_imports(ast.parse(CLI.read_text(encoding="utf-8")))
    assert imported, "the scan found no imports: it is broken"
    assert imported <= ALLOWED, f"cli.py imports {sorted(imported - ALLOWED)}"


def test_the_scan_sees_relative_and_nested_imports():
    tree = ast.parse("from . import api, text\nfrom .render import figures\nimport actviz.spec\n"
                     "def f():\n    from .tables import render\n    from actviz.errors import ParameterError\n")
    assert _actviz_imports(tree) == {"actviz.api", "actviz.text", "actviz.render.figures", "actviz.spec",
                                     "actviz.tables", "actviz.errors"}
