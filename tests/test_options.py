"""One options vocabulary (issue 22): the window, figure options and output path are frozen values
validated in actviz/options.py only, and an error names an option by its Python name, with the
option recorded on the exception (no control characters), for the command line to show as a flag."""

from __future__ import annotations

import ast
import dataclasses
import pickle
from pathlib import Path

import pytest

import actviz
from actviz import options
from actviz.errors import ActvizError, OptionTypeError, ParameterError, UnknownChoiceError, option

PACKAGE = Path(actviz.__file__).parent

#: the validators of the shared options: defined in options.py and nowhere else
OPTION_CHECKS = {"check_window", "check_theme", "check_dpi", "check_size", "check_ylim", "check_pixels",
                 "check_svg_text", "check_output", "check_height", "check_width", "check_figure_file",
                 "parse_size", "parse_ylim", "check_int", "check_real", "check_choice", "check_format",
                 "check_figure_format", "check_count", "check_seed", "check_temperature", "check_target",
                 "check_folder", "resolve_language"}
#: private copies of the primitives that lived in other modules before (none may come back)
FORMER_COPIES = {"_check_int", "_check_real", "_check_dataset"}


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def test_the_option_checks_live_in_options_only():
    for path in _modules():
        if path.name == "options.py" and path.parent == PACKAGE:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        defined = {n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
        copies = defined & (OPTION_CHECKS | FORMER_COPIES)
        assert not copies, f"{path.relative_to(PACKAGE)} defines {sorted(copies)}"
    tree = ast.parse((PACKAGE / "options.py").read_text(encoding="utf-8"))
    assert OPTION_CHECKS <= {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}


def test_options_sit_below_everything_that_checks():
    """options imports nothing of actviz but errors and notation (no words, no numpy, no drawing), so the
    core, the renderers, the API and the command line all check with it and no arrow points back."""
    tree = ast.parse((PACKAGE / "options.py").read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            imported.add(node.module or "")
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            imported |= {a.name.split(".")[0] for a in node.names} if isinstance(node, ast.Import) \
                else {(node.module or "").split(".")[0]}
    assert {m for m in imported if not m.startswith(("errors", "notation"))} <= {
        "__future__", "math", "numbers", "os", "re", "collections", "dataclasses", "pathlib", "typing"}


def test_an_error_names_its_options_without_control_characters():
    err = ParameterError(f"{option('xmin')} 5 must be smaller than {option('xmax')} 3")
    assert str(err) == "xmin 5 must be smaller than xmax 3"
    assert repr(err) == "ParameterError('xmin 5 must be smaller than xmax 3')"
    assert err.args == ("xmin 5 must be smaller than xmax 3",)
    assert err.option == "xmin" and err.options == ("xmin", "xmax")
    assert err.render(lambda name: "--" + name) == "--xmin 5 must be smaller than --xmax 3"
    again = pickle.loads(pickle.dumps(err))  # from a worker process
    assert again.render(lambda name: "--" + name) == "--xmin 5 must be smaller than --xmax 3"
    assert ParameterError("plain").option is None


def test_api_errors_carry_the_option():
    with pytest.raises(ParameterError) as info:
        actviz.plot("relu", xmin=5, xmax=3)
    assert info.value.option == "xmin" and "\x1f" not in repr(info.value)
    with pytest.raises(ParameterError) as info:
        actviz.terminal_plot("relu", height=2)
    assert info.value.option == "height" and str(info.value).startswith("height 2 is out of range")


def test_error_types_follow_the_standard_library():
    with pytest.raises(TypeError):
        options.Window("a", 1.0)
    with pytest.raises(OptionTypeError):
        options.check_dpi("high")
    with pytest.raises(KeyError):
        options.check_theme("sepia")
    with pytest.raises(UnknownChoiceError) as info:
        actviz.plot("relu", theme="sepia")
    assert isinstance(info.value, ParameterError) and str(info.value) == "unknown theme 'sepia': use one of light, dark"
    with pytest.raises(ValueError):
        options.Window(5, 3)


def test_the_values_are_frozen_and_validated_once():
    window = options.Window(-2, 2, 50)
    assert (window.xmin, window.xmax, window.points) == (-2, 2, 50)
    with pytest.raises(dataclasses.FrozenInstanceError):
        window.xmin = 0  # type: ignore[misc]
    figure = options.FigureOptions(size=(3.5, 2.6), dpi=300, theme="dark", lang="zh")
    assert figure.theme == "dark"
    for bad in ({"size": (1, 1)}, {"dpi": 5}, {"theme": "x"}, {"lang": "fr"}):
        with pytest.raises(ParameterError):
            options.FigureOptions(**bad)


def test_output_path(tmp_path):
    out = options.OutputPath.of(tmp_path / "a.SVG")
    assert out.format == "svg" and not out.is_data and str(out) == str(tmp_path / "a.SVG")
    assert options.OutputPath.of(tmp_path / "a.csv", data=True).is_data
    assert options.OutputPath.of(None, "elu:alpha=2").path == Path("outputs") / "elu_alpha_2.png"
    with pytest.raises(ActvizError, match="use one of .png, .svg, .pdf$"):
        options.OutputPath.of(tmp_path / "a.csv")
