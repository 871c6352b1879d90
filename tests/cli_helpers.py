"""Assertions shared by the CLI test modules."""

from __future__ import annotations


def bad(result, *words):
    """Exit code 2, an 'Error: ...' on stderr naming every word, and no traceback."""
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    for word in words:
        assert word in result.stderr, result.stderr
    return result


def commands() -> dict:
    """The app's commands, name -> click command, read from the Typer app itself (never a hand-kept
    list): a new command is tested by every every-command test, or fails one until it is."""
    import typer.main

    from actviz.cli import app

    return dict(typer.main.get_command(app).commands)


COMMANDS = sorted(commands())


def commands_with(option: str) -> set[str]:
    """The commands that take ``option`` (a flag such as "--dpi", or a parameter's name such as "specs")."""
    return {name for name, cmd in commands().items()
            if any(option == p.name or option in getattr(p, "opts", ()) for p in cmd.params)}


def assert_covers_every_command(per_command: dict | set, *, among: set[str] | None = None, what: str = "") -> None:
    """``per_command`` (per-command test data) has exactly the app's commands (or those ``among``)."""
    wanted = set(COMMANDS) if among is None else among
    missing, extra = sorted(wanted - set(per_command)), sorted(set(per_command) - wanted)
    assert (missing, extra) == ([], []), f"{what or 'per-command data'}: add {missing}, remove {extra}"


#: a quick run of every command that writes one figure (add -o PATH); test_cli_atomic checks that these,
#: the folder commands and the commands writing no file are the app's commands
FIGURE_COMMANDS = {
    "plot": ["plot", "relu", "--points", "20", "--dpi", "30"],
    "compare": ["compare", "relu", "gelu", "--points", "20", "--dpi", "30"],
    "cheatsheet": ["cheatsheet", "relu", "sigmoid", "--dpi", "30"],
    "gradient": ["gradient", "relu", "--layers", "3", "--width", "4", "--dpi", "30"],
    "softmax": ["softmax", "3", "1", "-3", "--dpi", "30"],
    "loss": ["loss", "--dpi", "30"],
    "train": ["train", "relu", "--steps", "5", "--hidden", "4", "--dpi", "30"],
    "zigzag": ["zigzag", "sigmoid", "--steps", "50", "--dpi", "30"],
    "phase": ["phase", "tanh", "--dpi", "30"],
    "propagate": ["propagate", "tanh", "--depth", "3", "--width", "8", "--dpi", "30"],
    "precision": ["precision", "relu", "--dtype", "float8_e5m2", "--dpi", "30"],
    "resolve": ["resolve", "gelu", "--dpi", "30"],
}
