"""Nothing lost (issue 7): a render that fails after the temporary file was opened leaves the
previous file at the output path byte-identical, and no temporary file behind, for every command
that writes a figure. (``actviz table`` prints to stdout and writes no file.) The commands come from
the app: each is a figure command here, or writes a folder or no file, as the dicts below say."""

from __future__ import annotations

import errno

import pytest
from cli_helpers import FIGURE_COMMANDS as COMMANDS
from cli_helpers import assert_covers_every_command, commands_with
from matplotlib.figure import Figure
from typer.testing import CliRunner

from actviz.cli import app

runner = CliRunner()
OLD = b"the previous figure, which must survive\n"

#: commands that write a folder, built beside its target and swapped in: tested where
FOLDER_COMMANDS = {"gallery": "test_gallery.py (a failure or an interrupt leaves the previous gallery intact)"}
#: commands that write one file that is not a matplotlib figure, through save.py's atomic writing: tested where
OTHER_FILE_COMMANDS = {"animate": "test_animate.py (a failed or interrupted write keeps the previous file)",
                       "page": "test_page.py (a failed or interrupted write keeps the previous file)"}
#: commands that print and write no file
NO_FILE_COMMANDS = {"table", "list", "info", "frameworks", "gain", "models"}


def test_every_command_is_a_figure_a_folder_or_no_file():
    """A new command fails here until it says which it is (and a figure command gets the tests below)."""
    assert_covers_every_command({*COMMANDS, *FOLDER_COMMANDS, *OTHER_FILE_COMMANDS, *NO_FILE_COMMANDS},
                                what="COMMANDS of test_cli_atomic")
    assert not (set(COMMANDS) & set(FOLDER_COMMANDS) or set(COMMANDS) & NO_FILE_COMMANDS)
    assert not set(OTHER_FILE_COMMANDS) & (set(COMMANDS) | set(FOLDER_COMMANDS) | NO_FILE_COMMANDS)
    # a command with -o writes something
    assert commands_with("-o") == set(COMMANDS) | set(FOLDER_COMMANDS) | set(OTHER_FILE_COMMANDS)


class Crash(RuntimeError):
    """An unexpected failure inside matplotlib, after some bytes were written."""


def _failing_savefig(error, seen):
    def savefig(self, fname, *args, **kwargs):
        fname.write(b"\x89PNG half a figure")  # the temporary file is open and partly written
        fname.flush()
        seen.append(sorted(p.name for p in self_folder[0].iterdir()))
        raise error

    self_folder = []
    return savefig, self_folder


def _fail_while_writing(monkeypatch, error, seen, folder) -> None:
    """Every way a figure file is written fails midway: matplotlib's savefig, and the PNG writer the
    cheatsheet's two bands are written by (no Figure is saved there)."""
    from actviz.render import png

    savefig, self_folder = _failing_savefig(error, seen)
    self_folder.append(folder)
    monkeypatch.setattr(Figure, "savefig", savefig)
    monkeypatch.setattr(png, "write_png", lambda fh, *a, **k: savefig(None, fh))


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("suffix", [".png", ".svg"])
@pytest.mark.parametrize(
    "error", [Crash("renderer failed"), OSError(errno.ENOSPC, "No space left on device")], ids=["crash", "disk-full"]
)
def test_failed_render_keeps_the_old_file(tmp_path, monkeypatch, command, suffix, error):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "figures" / f"fig{suffix}"
    out.parent.mkdir()
    out.write_bytes(OLD)
    seen: list[list[str]] = []
    _fail_while_writing(monkeypatch, error, seen, out.parent)

    result = runner.invoke(app, [*COMMANDS[command], "-o", str(out)])

    assert seen, "savefig was never reached"
    assert any(name.startswith(f".fig{suffix}.") and name.endswith(".tmp") for name in seen[0]), seen
    assert result.exit_code != 0
    if isinstance(error, OSError):  # outside the user's control: exit 1, a message, no traceback
        assert result.exit_code == 1 and "No space left on device" in result.stderr
        assert "Traceback" not in result.output
    assert out.read_bytes() == OLD
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["figures"]  # no outputs/ either


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_interrupted_render_keeps_the_old_file(tmp_path, monkeypatch, command):
    """Ctrl-C while the figure is written: the old file stays, the temporary one goes."""
    out = tmp_path / "fig.png"
    out.write_bytes(OLD)
    seen: list[list[str]] = []
    _fail_while_writing(monkeypatch, KeyboardInterrupt(), seen, tmp_path)

    result = runner.invoke(app, [*COMMANDS[command], "-o", str(out)])

    assert seen and result.exit_code != 0
    assert out.read_bytes() == OLD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fig.png"]


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_successful_render_replaces_the_old_file(tmp_path, command):
    out = tmp_path / "fig.png"
    out.write_bytes(OLD)
    result = runner.invoke(app, [*COMMANDS[command], "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fig.png"]


def test_table_writes_no_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for fmt in ("rich", "markdown", "csv", "json", "latex"):
        assert runner.invoke(app, ["table", "relu", "--format", fmt]).exit_code == 0
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", sorted(NO_FILE_COMMANDS))
def test_text_commands_write_no_file(tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    args = [command, *(["relu"] if command in commands_with("name") | commands_with("specs") - {"table"} else [])]
    assert runner.invoke(app, args).exit_code == 0
    assert list(tmp_path.iterdir()) == []
