"""Nothing lost (issue 7): a render that fails after the temporary file was opened leaves the
previous file at the output path byte-identical, and no temporary file behind, for every command
that writes a figure. (``actviz table`` prints to stdout and writes no file.)"""

from __future__ import annotations

import errno

import pytest
from matplotlib.figure import Figure
from typer.testing import CliRunner

from actviz.cli import app

runner = CliRunner()
OLD = b"the previous figure, which must survive\n"

COMMANDS = {
    "plot": ["plot", "relu", "--points", "20", "--dpi", "30"],
    "compare": ["compare", "relu", "gelu", "--points", "20", "--dpi", "30"],
    "cheatsheet": ["cheatsheet", "relu", "sigmoid", "--dpi", "30"],
    "gradient": ["gradient", "relu", "--layers", "3", "--width", "4", "--dpi", "30"],
    "softmax": ["softmax", "3", "1", "-3", "--dpi", "30"],
    "loss": ["loss", "--dpi", "30"],
    "train": ["train", "relu", "--steps", "5", "--hidden", "4", "--dpi", "30"],
    "zigzag": ["zigzag", "sigmoid", "--steps", "50", "--dpi", "30"],
}


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
    savefig, folder = _failing_savefig(error, seen)
    folder.append(out.parent)
    monkeypatch.setattr(Figure, "savefig", savefig)

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
    savefig, folder = _failing_savefig(KeyboardInterrupt(), seen)
    folder.append(tmp_path)
    monkeypatch.setattr(Figure, "savefig", savefig)

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
