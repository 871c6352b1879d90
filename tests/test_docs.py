"""README stays true: the Quick start, every command documented, CI runs what README says."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from actviz.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```(?:bash|sh|console)?\n(.*?)```", section, flags=re.S)
    assert len(blocks) == 1, "Quick start must hold exactly one code block"
    return [line.strip() for line in blocks[0].splitlines() if line.strip() and not line.startswith("#")]


def test_quick_start_has_exactly_two_commands_cheatsheet_then_tests():
    install_and_run, install_and_test = quick_start_commands()
    assert "pip install" in install_and_run and install_and_run.endswith("actviz cheatsheet")
    assert "pip install" in install_and_test and "pytest" in install_and_test


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert quick_start_commands()[1] in ci.splitlines()


def test_every_command_is_documented_in_readme():
    commands = typer.main.get_command(app).commands
    assert {"plot", "compare", "cheatsheet", "table", "list", "info", "gradient", "softmax", "loss"} <= set(commands)  # DESIGN's
    for name in commands:
        assert re.search(rf"actviz {name}\b", README), f"README does not show 'actviz {name}'"
        assert re.search(rf"^\| `actviz {name}\b", README, re.M), f"README's Commands table has no 'actviz {name}' row"


def test_every_command_help_shows_an_example():
    commands = typer.main.get_command(app).commands
    for name, cmd in commands.items():
        assert f"actviz {name}" in (cmd.help or ""), f"'actviz {name} --help' shows no example"


def test_readme_images_exist():
    for image in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", README):
        assert (ROOT / image).is_file(), image


def python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README, flags=re.S)


def test_readme_python_blocks_run(tmp_path):
    """Every Python block of README runs as written, in a fresh process (as a notebook user would)."""
    import os
    import subprocess
    import sys

    blocks = python_blocks()
    assert len(blocks) >= 2
    env = {**os.environ, "MPLBACKEND": "Agg"}
    (tmp_path / "outputs").mkdir()
    for block in blocks:
        out = subprocess.run([sys.executable, "-c", block], cwd=tmp_path, env=env, capture_output=True, text=True)
        assert out.returncode == 0, f"{block}\n{out.stderr}"
