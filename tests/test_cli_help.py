"""The newcomer path (issue 7): help with examples that render cleanly in 80 columns, --version,
and shell completion of activation names and families."""

from __future__ import annotations

import re

import pytest
from cli_helpers import COMMANDS, assert_covers_every_command, commands_with
from typer.testing import CliRunner

import actviz
from actviz.catalog import REGISTRY
from actviz.cli import app

runner = CliRunner()


def _help(*args: str) -> str:
    result = runner.invoke(app, [*args, "--help"], env={"COLUMNS": "80", "TERM": "dumb"})
    assert result.exit_code == 0, result.output
    return result.stdout


def _assert_clean(text: str) -> None:
    assert "Traceback" not in text
    assert not re.search(r"\[/?(bold|italic|dim|red|green|blue|cyan|magenta|yellow|link)[^\]]*\]", text), text
    assert max(len(line) for line in text.splitlines()) <= 80


def test_main_help_lists_every_command_and_shows_examples():
    text = _help()
    _assert_clean(text)
    for command in COMMANDS:
        assert re.search(rf"^│ {command}\s", text, re.M), command
    body = " ".join(line for line in text.splitlines() if "Usage:" not in line)
    assert "Examples: actviz plot gelu" in body
    assert "actviz compare relu elu:alpha=0.5 gelu" in body


@pytest.mark.parametrize("command", COMMANDS)
def test_command_help_shows_an_example(command):
    text = _help(command)
    _assert_clean(text)
    body = "\n".join(line for line in text.splitlines() if "Usage:" not in line)
    flat = re.sub(r"\s+", " ", body)
    assert re.search(rf"(e\.g\.|Examples?:) actviz {command}\b", flat), flat[:400]


def test_every_example_in_help_runs(tmp_path, monkeypatch):
    """The first example of each command's help, run as written (figures into tmp_path)."""
    monkeypatch.chdir(tmp_path)
    for command in COMMANDS:
        flat = re.sub(r"\s+", " ", _help(command))
        example = re.search(rf"(?:e\.g\.|Examples?:) (actviz {command}\b[^|(╭]*)", flat).group(1)
        args = example.rstrip(". ").split()[1:]
        if command in commands_with("--dpi"):
            args += ["--dpi", "30"]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (example, result.output)


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"actviz {actviz.__version__}"
    assert re.fullmatch(r"\d+\.\d+\.\d+.*", actviz.__version__)


def _complete(words: str) -> list[str]:
    cword = len(words.split()) - (0 if words.endswith(" ") else 1)
    result = runner.invoke(
        app, [], prog_name="actviz",
        env={"_ACTVIZ_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword)},
    )
    assert result.exit_code == 0, result.output
    return [line for line in result.stdout.splitlines() if line]


#: a command line ending in a half-typed name, for every command that takes activation names
NAME_COMPLETION = {
    "plot": "actviz plot rel", "info": "actviz info rel", "compare": "actviz compare gelu rel",
    "cheatsheet": "actviz cheatsheet rel", "table": "actviz table rel", "gradient": "actviz gradient sigmoid rel",
    "loss": "actviz loss --activation rel", "train": "actviz train identity rel", "zigzag": "actviz zigzag sigmoid rel",
    "gallery": "actviz gallery relu rel", "frameworks": "actviz frameworks rel",
    "gain": "actviz gain relu rel", "phase": "actviz phase rel", "propagate": "actviz propagate tanh rel",
    "precision": "actviz precision gelu rel", "animate": "actviz animate elu rel",
    "page": "actviz page elu rel",
}


def test_name_completion_covers_every_command_that_takes_names():
    takes_names = (commands_with("name") | commands_with("spec") | commands_with("specs") | commands_with("names")
                   | commands_with("--activation"))
    assert_covers_every_command(NAME_COMPLETION, among=takes_names, what="NAME_COMPLETION")


@pytest.mark.parametrize("line", NAME_COMPLETION.values(), ids=NAME_COMPLETION.keys())
def test_names_complete_for_every_name_argument(line):
    expected = [n for n in REGISTRY.names() if n.startswith("rel")]
    assert len(expected) >= 2
    assert _complete(line)[: len(expected)] == expected


def test_completion_offers_aliases_after_names():
    assert "swish" in _complete("actviz plot swi")  # an alias of silu
    names = _complete("actviz plot s")
    canonical = [n for n in REGISTRY.names() if n.startswith("s")]
    assert names[: len(canonical)] == canonical and len(names) > len(canonical)


@pytest.mark.parametrize("command", sorted(commands_with("--family")))
def test_family_completes(command):
    assert _complete(f"actviz {command} --family ") == REGISTRY.families()
    assert _complete(f"actviz {command} --family re") == ["relu"]


def test_commands_complete():
    assert _complete("actviz pl") == ["plot"]
    assert set(_complete("actviz ")) == set(COMMANDS)


@pytest.mark.parametrize("args", [["info", "gelu"], ["table", "--bogus"], ["plot", "--help"], ["info"], ["list"]])
def test_the_one_command_app_prints_what_the_whole_app_prints(args):
    """main() builds only the command it runs (a start-up saving): output and exit code are the same."""
    from actviz.cli import _app_for

    env = {"COLUMNS": "80", "TERM": "dumb", "ACTVIZ_NO_SPEEDUPS": "0"}
    lite, whole = runner.invoke(_app_for(args), args, env=env), runner.invoke(app, args, env=env)
    assert _app_for(args) is not app
    assert (lite.exit_code, lite.output) == (whole.exit_code, whole.output)
